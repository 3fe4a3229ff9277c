"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { useCreateOrganization, useMyOrganizations } from "../hooks/use-organizations";
import { issuesByField, readFormError } from "../hooks/read-form-error";
import { createOrganizationInput } from "../schemas";
import { describedBy, FieldErrorText, OrganizationStatusBadge, ROLE_LABEL, textareaClassName } from "./organization-labels";

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
  const id = useId();
  const ids = { name: `${id}-name`, description: `${id}-description` };
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [generalError, setGeneralError] = useState("");
  const [status, setStatus] = useState("");
  const alertRef = useRef<HTMLDivElement>(null);
  const [failedAttempts, setFailedAttempts] = useState(0);
  // The problems are read first after a refused save: focus moves to them once they are shown.
  useEffect(() => {
    if (failedAttempts > 0) alertRef.current?.focus();
  }, [failedAttempts]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setGeneralError("");
    setStatus("");
    const checked = createOrganizationInput.safeParse({ name, description });
    if (!checked.success) {
      setFieldErrors(issuesByField(checked.error.issues));
      setFailedAttempts((count) => count + 1);
      return;
    }
    setFieldErrors({});
    create.mutate(checked.data, {
      onSuccess: (created) => {
        setStatus("Organization created. Opening its page…");
        router.push(`/organizations/${created.id}`);
      },
      onError: (error) => {
        const refused = readFormError(error);
        const hasFields = (refused.appCode === "VALIDATION" || refused.appCode === "CONFLICT") && Object.keys(refused.fieldErrors).length > 0;
        setFieldErrors(hasFields ? refused.fieldErrors : {});
        setGeneralError(refused.message);
        setFailedAttempts((count) => count + 1);
      },
    });
  };

  const nameErrors = fieldErrors.name;
  const descriptionErrors = fieldErrors.description;
  const hasProblem = Boolean(generalError || nameErrors?.length || descriptionErrors?.length);
  return (
    <section aria-labelledby="create-organization-heading" className="max-w-xl space-y-3">
      <h2 id="create-organization-heading" className="text-xl font-semibold">
        Create an organization
      </h2>
      <p className="text-sm text-slate-700">
        A practice or clinic whose providers book through MedBookings. You become its owner. The platform team reviews every new
        organization before it goes live.
      </p>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="create-organization-heading">
        {hasProblem ? (
          <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            {generalError || "The organization was not created. Please check the highlighted fields."}
          </div>
        ) : null}
        <div className="space-y-1">
          <label htmlFor={ids.name} className="block text-sm font-medium">
            Name
          </label>
          <Input
            id={ids.name}
            name="name"
            value={name}
            autoComplete="organization"
            aria-invalid={Boolean(nameErrors?.length) || undefined}
            aria-describedby={describedBy(`${ids.name}-hint`, nameErrors?.length && `${ids.name}-error`)}
            onChange={(event) => setName(event.target.value)}
          />
          <p id={`${ids.name}-hint`} className="text-xs text-slate-600">
            2 to 120 characters, as patients should see it, e.g. &ldquo;Harbour Health Islington&rdquo;.
          </p>
          <FieldErrorText id={`${ids.name}-error`} messages={nameErrors} />
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.description} className="block text-sm font-medium">
            Description <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea
            id={ids.description}
            name="description"
            rows={4}
            value={description}
            className={textareaClassName}
            aria-invalid={Boolean(descriptionErrors?.length) || undefined}
            aria-describedby={describedBy(`${ids.description}-hint`, descriptionErrors?.length && `${ids.description}-error`)}
            onChange={(event) => setDescription(event.target.value)}
          />
          <p id={`${ids.description}-hint`} className="text-xs text-slate-600">
            What the organization offers, up to 2,000 characters.
          </p>
          <FieldErrorText id={`${ids.description}-error`} messages={descriptionErrors} />
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create organization"}
          </Button>
          <p role="status" className="text-sm text-green-800">
            {status}
          </p>
        </div>
      </form>
    </section>
  );
}
