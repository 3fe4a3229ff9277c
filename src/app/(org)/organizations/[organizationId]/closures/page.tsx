import type { Metadata } from "next";
import { HydrateClient } from "@/trpc/server";
import { organizationMetadata, requireOrganizationMember } from "../load-organization";
import { OrganizationClosures } from "./organization-closures";

interface Props {
  params: Promise<{ organizationId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { organizationId } = await params;
  return organizationMetadata(organizationId, "Closures and holidays");
}

export default async function OrganizationClosuresRoute({ params }: Props) {
  const { organizationId } = await params;
  await requireOrganizationMember(organizationId, `/organizations/${organizationId}/closures`);
  return (
    <HydrateClient>
      <OrganizationClosures organizationId={organizationId} />
    </HydrateClient>
  );
}
