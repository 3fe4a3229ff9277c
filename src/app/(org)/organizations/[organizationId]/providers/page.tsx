import type { Metadata } from "next";
import { ProviderNetwork } from "@/features/organizations";
import { HydrateClient } from "@/trpc/server";
import { organizationMetadata, requireOrganizationMember } from "../load-organization";

interface Props {
  params: Promise<{ organizationId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { organizationId } = await params;
  return organizationMetadata(organizationId, "Providers");
}

export default async function OrganizationProvidersRoute({ params }: Props) {
  const { organizationId } = await params;
  await requireOrganizationMember(organizationId, `/organizations/${organizationId}/providers`);
  return (
    <HydrateClient>
      <ProviderNetwork organizationId={organizationId} />
    </HydrateClient>
  );
}
