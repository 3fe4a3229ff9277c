import type { Metadata } from "next";
import { ServiceManager } from "@/features/providers";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireProvider } from "../provider-access";

export const metadata: Metadata = { title: "Services" };
export const dynamic = "force-dynamic";

export default async function ProviderServicesPage() {
  await requireProvider("/provider/services");
  await prefetch(trpc.providers.myServices.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Services</h1>
        <ServiceManager />
      </div>
    </HydrateClient>
  );
}
