import type { Metadata } from "next";
import { ProviderNotificationSettingsForm } from "@/features/communications";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireProvider } from "../provider-access";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

export default async function ProviderNotificationsPage() {
  await requireProvider("/provider/notifications");
  await prefetch(trpc.notificationPreferences.provider.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Notifications</h1>
          <p className="text-sm text-slate-600">Which booking notices you get and how, when your patients are reminded, and your quiet hours.</p>
        </div>
        <ProviderNotificationSettingsForm />
      </div>
    </HydrateClient>
  );
}
