import type { Metadata } from "next";
import { ProviderSettingsForm } from "@/features/providers";
import { HydrateClient } from "@/trpc/server";
import { requireProvider } from "../provider-access";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function ProviderSettingsPage() {
  await requireProvider("/provider/settings");
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Settings</h1>
        <ProviderSettingsForm />
      </div>
    </HydrateClient>
  );
}
