import type { Metadata } from "next";
import { OrganizationPage } from "@/features/organizations";
import { HydrateClient } from "@/trpc/server";
import { organizationMetadata, requireOrganizationMember } from "./load-organization";

interface Props {
  params: Promise<{ organizationId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { organizationId } = await params;
  return organizationMetadata(organizationId, null);
}

export default async function OrganizationRoute({ params }: Props) {
  const { organizationId } = await params;
  const { session } = await requireOrganizationMember(organizationId, `/organizations/${organizationId}`);
  return (
    <HydrateClient>
      <OrganizationPage organizationId={organizationId} viewerUserId={session.user.id} />
    </HydrateClient>
  );
}
