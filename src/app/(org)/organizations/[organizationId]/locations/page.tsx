import type { Metadata } from "next";
import { headers } from "next/headers";
import { LocationsList } from "@/features/organizations";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { env } from "~/env";
import { organizationMetadata, requireOrganizationMember } from "../load-organization";

interface Props {
  params: Promise<{ organizationId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { organizationId } = await params;
  return organizationMetadata(organizationId, "Locations");
}

export default async function OrganizationLocationsRoute({ params }: Props) {
  const { organizationId } = await params;
  const { organization } = await requireOrganizationMember(organizationId, `/organizations/${organizationId}/locations`);
  await prefetch(trpc.organizations.locations.list.queryOptions({ organizationId }));
  // The map's scripts and styles must carry this request's CSP nonce (src/proxy.ts).
  const csp = (await headers()).get("content-security-policy");
  const nonce = csp?.match(/'nonce-([^']+)'/)?.[1];
  return (
    <HydrateClient>
      <LocationsList
        organizationId={organizationId}
        organizationName={organization.name}
        myRole={organization.myRole}
        mapsBrowserKey={env.GOOGLE_MAPS_BROWSER_KEY}
        nonce={nonce}
      />
    </HydrateClient>
  );
}
