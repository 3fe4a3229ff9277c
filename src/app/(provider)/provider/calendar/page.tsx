import type { Metadata } from "next";
import { ProviderWeekCalendar } from "@/features/bookings";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireProvider } from "../provider-access";

export const metadata: Metadata = { title: "Calendar" };
export const dynamic = "force-dynamic";

export default async function ProviderCalendarPage() {
  await requireProvider("/provider/calendar");
  await prefetch(trpc.availability.mySchedule.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Week calendar</h1>
        <ProviderWeekCalendar />
      </div>
    </HydrateClient>
  );
}
