/**
 * Organization calendar and managers' schedule edits: provider links with or without the
 * schedule-edit grant, and bookings with a named patient at a place and time.
 */
import type { DbExecutor } from "@/server/db/client";
import { availabilityOverrides, bookings, locationClosures, providerOrganizations } from "@/server/db/schema";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

/** A provider's link with an organization, ACTIVE without the schedule-edit grant unless told. */
export async function createScheduleLink(
  db: DbExecutor,
  values: {
    providerId: string;
    organizationId: string;
    status?: Insert<typeof providerOrganizations>["status"];
    allowsScheduleEdits?: boolean;
  },
) {
  const status = values.status ?? "ACTIVE";
  const [row] = await db
    .insert(providerOrganizations)
    .values({
      providerId: values.providerId,
      organizationId: values.organizationId,
      status,
      allowsScheduleEdits: values.allowsScheduleEdits ?? false,
      joinedAt: new Date("2026-01-01T00:00:00Z"),
      endedAt: status === "ENDED" ? new Date("2026-06-01T00:00:00Z") : null,
    })
    .returning();
  return row!;
}

/** A guest booking (CONFIRMED unless told), in person at `locationId` or online without one. */
export async function createCalendarBooking(
  db: DbExecutor,
  values: {
    providerId: string;
    serviceId: string;
    locationId: string | null;
    startsAt: Date;
    minutes?: number;
    patientName?: string;
    status?: Insert<typeof bookings>["status"];
  },
) {
  const endsAt = new Date(values.startsAt.getTime() + (values.minutes ?? 30) * 60_000);
  const [row] = await db
    .insert(bookings)
    .values({
      providerId: values.providerId,
      serviceId: values.serviceId,
      locationId: values.locationId,
      mode: values.locationId ? "IN_PERSON" : "ONLINE",
      status: values.status ?? "CONFIRMED",
      guestName: values.patientName ?? "Casey Guest",
      guestEmail: "casey.guest@example.test",
      startsAt: values.startsAt,
      endsAt,
      blockedStartsAt: values.startsAt,
      blockedEndsAt: endsAt,
    })
    .returning();
  return row!;
}

/** A day off (an OFF override) on one local date. */
export async function createDayOff(db: DbExecutor, providerId: string, date: string) {
  const [row] = await db.insert(availabilityOverrides).values({ providerId, startDate: date, endDate: date, kind: "OFF" }).returning();
  return row!;
}

/** A closure of a location on local dates: manual (closed), or a public holiday accepted or rejected. */
export async function createClosure(
  db: DbExecutor,
  values: { locationId: string; startDate: string; endDate?: string; source?: "MANUAL" | "PUBLIC_HOLIDAY"; accepted?: boolean },
) {
  const [row] = await db
    .insert(locationClosures)
    .values({
      locationId: values.locationId,
      startDate: values.startDate,
      endDate: values.endDate ?? values.startDate,
      name: values.source === "PUBLIC_HOLIDAY" ? "Public holiday" : "Closed for maintenance",
      source: values.source ?? "MANUAL",
      accepted: values.accepted ?? true,
    })
    .returning();
  return row!;
}
