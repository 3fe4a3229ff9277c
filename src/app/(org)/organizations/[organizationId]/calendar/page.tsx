import type { Metadata } from "next";
import { OrganizationWeek } from "@/features/bookings";
import { OrganizationNav, ROLE_RANK } from "@/features/organizations";
import { HydrateClient } from "@/trpc/server";
import { organizationMetadata, requireOrganizationMember } from "../load-organization";

interface Props {
  params: Promise<{ organizationId: string }>;
}

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { organizationId } = await params;
  return organizationMetadata(organizationId, "Calendar");
}

export default async function OrganizationCalendarRoute({ params }: Props) {
  const { organizationId } = await params;
  const { organization } = await requireOrganizationMember(organizationId, `/organizations/${organizationId}/calendar`);
  const canEditSchedules = ROLE_RANK[organization.myRole] >= ROLE_RANK.MANAGER;
  return (
    <HydrateClient>
      <div className="space-y-8">
        <OrganizationNav organizationId={organization.id} />
        <header className="space-y-2">
          <h1 className="text-2xl font-semibold">Calendar · {organization.name}</h1>
          <p className="text-slate-700">
            The week across this organization&apos;s providers and locations.{" "}
            {canEditSchedules
              ? "As a manager you can edit a provider's hours at this organization's locations where the provider has allowed it."
              : "Managers, admins and owners can also edit providers' hours here, where a provider has allowed it."}
          </p>
        </header>
        <OrganizationWeek organizationId={organization.id} canEditSchedules={canEditSchedules} />
      </div>
    </HydrateClient>
  );
}
