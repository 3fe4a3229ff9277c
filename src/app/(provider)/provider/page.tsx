import type { Metadata } from "next";
import { ProviderDashboard } from "@/features/bookings";
import { CalendarReconnectBanner } from "@/features/calendar-sync";
import { OnboardingStatusBanner } from "@/features/onboarding";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireProvider } from "./provider-access";

export const metadata: Metadata = { title: "Provider dashboard" };
export const dynamic = "force-dynamic";

export default async function ProviderDashboardPage() {
  await requireProvider("/provider");
  await Promise.all([prefetch(trpc.availability.mySchedule.queryOptions()), prefetch(trpc.onboarding.status.queryOptions())]);
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Your practice</h1>
        <OnboardingStatusBanner />
        <CalendarReconnectBanner />
        <ProviderDashboard />
      </div>
    </HydrateClient>
  );
}
