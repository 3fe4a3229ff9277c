import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { NotificationPreferencesForm } from "@/features/communications";
import { getSession } from "@/server/auth";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Notification settings", robots: { index: false, follow: false } };

export default async function NotificationSettingsRoute() {
  const session = await getSession();
  if (!session) redirect("/sign-in?callbackUrl=/my-bookings/notifications");
  await prefetch(trpc.notificationPreferences.mine.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/my-bookings" className="text-brand-700 underline">
            My bookings
          </Link>
        </nav>
        <div className="space-y-1">
          <h1 className="text-2xl font-bold tracking-tight">Notification settings</h1>
          <p className="text-sm text-slate-600">How we tell you about your bookings, and when we keep quiet.</p>
        </div>
        <NotificationPreferencesForm />
      </div>
    </HydrateClient>
  );
}
