/** Test data for the admin directory and audit tests: bookings with any kind of patient, written directly. */
import type { DbExecutor } from "@/server/db/client";
import { bookings } from "@/server/db/schema";

type BookingInsert = typeof bookings.$inferInsert;

export async function insertBooking(
  db: DbExecutor,
  values: {
    providerId: string;
    serviceId: string;
    startsAt: Date;
    locationId?: string | null;
    status?: BookingInsert["status"];
    patientUserId?: string | null;
    guestName?: string | null;
    guestEmail?: string | null;
    guestPhone?: string | null;
    notes?: string;
  },
) {
  const endsAt = new Date(values.startsAt.getTime() + 30 * 60_000);
  const status = values.status ?? "CONFIRMED";
  const [row] = await db
    .insert(bookings)
    .values({
      providerId: values.providerId,
      serviceId: values.serviceId,
      locationId: values.locationId ?? null,
      mode: values.locationId ? "IN_PERSON" : "ONLINE",
      status,
      holdExpiresAt: status === "HELD" ? new Date(values.startsAt.getTime() - 3_600_000) : null,
      patientUserId: values.patientUserId ?? null,
      guestName: values.guestName ?? null,
      guestEmail: values.guestEmail ?? null,
      guestPhone: values.guestPhone ?? null,
      notes: values.notes ?? "",
      startsAt: values.startsAt,
      endsAt,
      blockedStartsAt: values.startsAt,
      blockedEndsAt: endsAt,
      patientTimeZone: "Europe/London",
    })
    .returning();
  return row!;
}
