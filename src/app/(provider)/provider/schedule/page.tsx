import type { Metadata } from "next";
import { ScheduleEditor, SeedFromOpeningHours } from "@/features/availability";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireProvider } from "../provider-access";
import { TimeOffManager } from "./time-off-manager";

export const metadata: Metadata = { title: "Schedule" };
export const dynamic = "force-dynamic";

export default async function ProviderSchedulePage() {
  await requireProvider("/provider/schedule");
  await prefetch(trpc.availability.mySchedule.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Schedule</h1>
        <SeedFromOpeningHours>
          <ScheduleEditor />
        </SeedFromOpeningHours>
        <TimeOffManager />
      </div>
    </HydrateClient>
  );
}
