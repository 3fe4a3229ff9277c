import type { DbExecutor } from "@/server/db/client";
import { bookings } from "@/server/db/schema";

/** A confirmed in-person booking at a location (for tests that need a booking pointing at it). */
export async function createBookingAtLocation(
  db: DbExecutor,
  values: { providerId: string; serviceId: string; locationId: string; patientUserId: string; startsAt: Date; minutes?: number },
) {
  const endsAt = new Date(values.startsAt.getTime() + (values.minutes ?? 30) * 60_000);
  const [row] = await db
    .insert(bookings)
    .values({
      providerId: values.providerId,
      serviceId: values.serviceId,
      locationId: values.locationId,
      mode: "IN_PERSON",
      startsAt: values.startsAt,
      endsAt,
      blockedStartsAt: values.startsAt,
      blockedEndsAt: endsAt,
      status: "CONFIRMED",
      confirmedAt: values.startsAt,
      patientUserId: values.patientUserId,
    })
    .returning();
  return row!;
}
