/**
 * Provider network data: links between providers and organizations in any status, dated hours
 * and bookings at a location, for the network's tests.
 */
import type { DbExecutor } from "@/server/db/client";
import { availabilityOverrideIntervals, availabilityOverrides, bookings, providerOrganizations } from "@/server/db/schema";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

/** A link in any status; ACTIVE links get a join time unless one is given. */
export async function createProviderLink(
  db: DbExecutor,
  values: { providerId: string; organizationId: string } & Partial<Omit<Insert<typeof providerOrganizations>, "providerId" | "organizationId">>,
) {
  const status = values.status ?? "INVITED";
  const [row] = await db
    .insert(providerOrganizations)
    .values({ ...values, status, joinedAt: values.joinedAt ?? (status === "ACTIVE" ? new Date("2026-01-01T00:00:00Z") : null) })
    .returning();
  return row!;
}

/** An override on local dates with its intervals (EXTRA hours unless another kind is given). */
export async function createOverride(
  db: DbExecutor,
  values: {
    providerId: string;
    startDate: string;
    endDate?: string;
    kind?: "OFF" | "REPLACE" | "EXTRA";
    intervals: { startMinute: number; endMinute: number; locationId: string | null }[];
  },
) {
  const [override] = await db
    .insert(availabilityOverrides)
    .values({ providerId: values.providerId, startDate: values.startDate, endDate: values.endDate ?? values.startDate, kind: values.kind ?? "EXTRA" })
    .returning();
  if (values.intervals.length > 0) {
    await db.insert(availabilityOverrideIntervals).values(
      values.intervals.map((interval) => ({
        ...interval,
        overrideId: override!.id,
        mode: interval.locationId ? ("IN_PERSON" as const) : ("ONLINE" as const),
      })),
    );
  }
  return override!;
}

/** A guest booking of 30 minutes, in person at `locationId` (online without one), CONFIRMED unless told. */
export async function createNetworkBooking(
  db: DbExecutor,
  values: { providerId: string; serviceId: string; locationId: string | null; startsAt: Date; status?: Insert<typeof bookings>["status"] },
) {
  const endsAt = new Date(values.startsAt.getTime() + 30 * 60_000);
  const [row] = await db
    .insert(bookings)
    .values({
      providerId: values.providerId,
      serviceId: values.serviceId,
      locationId: values.locationId,
      mode: values.locationId ? "IN_PERSON" : "ONLINE",
      status: values.status ?? "CONFIRMED",
      guestName: "Nora Guest",
      guestEmail: "nora.guest@example.test",
      startsAt: values.startsAt,
      endsAt,
      blockedStartsAt: values.startsAt,
      blockedEndsAt: endsAt,
    })
    .returning();
  return row!;
}
