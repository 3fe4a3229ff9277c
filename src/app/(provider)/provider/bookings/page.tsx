import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { requireProvider } from "../provider-access";
import { BookingsWithMessages } from "./bookings-with-messages";

export const metadata: Metadata = { title: "Bookings" };
export const dynamic = "force-dynamic";

export default async function ProviderBookingsPage() {
  await requireProvider("/provider/bookings");
  await prefetch(trpc.availability.mySchedule.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Bookings</h1>
        <BookingsWithMessages />
      </div>
    </HydrateClient>
  );
}
