import type { Metadata } from "next";
import { CalendarConflicts, CalendarConnections, CalendarSettingsForm, CONNECT_OUTCOME_QUERY, ConnectOutcomeNotice, isConnectOutcome } from "@/features/calendar-sync";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireProvider } from "../provider-access";

export const metadata: Metadata = { title: "Google Calendar" };
export const dynamic = "force-dynamic";

export default async function ProviderCalendarSyncPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireProvider("/provider/calendar-sync");
  await Promise.all([prefetch(trpc.calendarSync.overview.queryOptions()), prefetch(trpc.calendarSync.settings.queryOptions()), prefetch(trpc.calendarEdits.conflicts.queryOptions())]);
  const outcome = (await searchParams)[CONNECT_OUTCOME_QUERY];
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Google Calendar</h1>
          <p className="text-sm text-slate-600">
            Events in the calendars you choose block your availability, and your bookings are added to the calendar that receives them.
          </p>
        </div>
        <ConnectOutcomeNotice outcome={isConnectOutcome(outcome) ? outcome : null} />
        <CalendarConnections />
        <CalendarConflicts />
        <CalendarSettingsForm />
      </div>
    </HydrateClient>
  );
}
