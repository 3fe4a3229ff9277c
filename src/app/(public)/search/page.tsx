import type { Metadata } from "next";
import { headers } from "next/headers";
import { ProviderSearch } from "@/features/search";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { env } from "~/env";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Find care near you",
  description: "Providers near a place or postcode, nearest or soonest first, with their next free time.",
};

export default async function SearchPage() {
  await prefetch(trpc.providers.specialties.queryOptions());
  // The map's scripts and styles must carry this request's CSP nonce (src/proxy.ts).
  const csp = (await headers()).get("content-security-policy");
  const nonce = csp?.match(/'nonce-([^']+)'/)?.[1];
  return (
    <HydrateClient>
      <ProviderSearch mapsBrowserKey={env.GOOGLE_MAPS_BROWSER_KEY} nonce={nonce} />
    </HydrateClient>
  );
}
