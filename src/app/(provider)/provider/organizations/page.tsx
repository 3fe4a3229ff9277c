import type { Metadata } from "next";
import { MyProviderOrganizations } from "@/features/organizations";
import { HydrateClient } from "@/trpc/server";
import { requireProvider } from "../provider-access";

export const metadata: Metadata = { title: "Organizations" };
export const dynamic = "force-dynamic";

export default async function ProviderOrganizationsPage() {
  await requireProvider("/provider/organizations");
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        <MyProviderOrganizations />
      </div>
    </HydrateClient>
  );
}
