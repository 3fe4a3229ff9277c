"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Card } from "@/components/ui/card";
import { useCreateOrganization, useMyOrganizations } from "../hooks/use-organizations";
import { createOrganizationInput } from "../schemas";
import { OrganizationDetailsForm } from "./organization-details-form";
import { OrganizationStatusBadge, ROLE_LABEL } from "./organization-labels";

/** /organizations: the signed-in person's organizations and the form to create one. */
export function MyOrganizations() {
  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold">Organizations</h1>
      <OrganizationList />
      <CreateOrganizationForm />
    </div>
  );
}

function OrganizationList() {
  const mine = useMyOrganizations();
  return (
    <section aria-labelledby="my-organizations-heading" className="space-y-3">
      <h2 id="my-organizations-heading" className="text-xl font-semibold">
        Your organizations
      </h2>
      {mine.isPending ? <p role="status">Loading your organizations…</p> : null}
      {mine.isError ? (
        <p role="alert" className="text-red-700">
          We could not load your organizations: {mine.error.message}
        </p>
      ) : null}
      {mine.data?.length === 0 ? <p>You are not a member of any organization yet. Create one below.</p> : null}
      {mine.data?.length ? (
        <ul className="space-y-2" aria-labelledby="my-organizations-heading">
          {mine.data.map((organization) => (
            <li key={organization.id}>
              <Card className="flex flex-wrap items-center justify-between gap-3 py-4">
                <Link href={`/organizations/${organization.id}`} className="font-medium text-brand-700 underline">
                  {organization.name}
                </Link>
                <span className="flex items-center gap-3 text-sm">
                  <span>
                    Your role: <strong>{ROLE_LABEL[organization.role]}</strong>
                  </span>
                  <OrganizationStatusBadge status={organization.status} />
                </span>
              </Card>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function CreateOrganizationForm() {
  const router = useRouter();
  const create = useCreateOrganization();
  return (
    <section aria-labelledby="create-organization-heading" className="max-w-xl space-y-3">
      <h2 id="create-organization-heading" className="text-xl font-semibold">
        Create an organization
      </h2>
      <p className="text-sm text-slate-700">
        A practice or clinic whose providers book through MedBookings. You become its owner. The platform team reviews every new
        organization before it goes live.
      </p>
      <OrganizationDetailsForm
        labelledBy="create-organization-heading"
        initial={{ name: "", description: "" }}
        schema={createOrganizationInput}
        save={async (values) => {
          const created = await create.mutateAsync(values);
          router.push(`/organizations/${created.id}`);
          return "Organization created. Opening its page…";
        }}
        isPending={create.isPending}
        submitLabel="Create organization"
        pendingLabel="Creating…"
        notSavedText="The organization was not created. Please check the highlighted fields."
        nameHint={<>2 to 120 characters, as patients should see it, e.g. &ldquo;Harbour Health Islington&rdquo;.</>}
        descriptionHint="What the organization offers, up to 2,000 characters."
        isDescriptionOptional
      />
    </section>
  );
}
