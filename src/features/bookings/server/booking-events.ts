import { recordAudit } from "@/server/audit/audit-repository";
import type { DbExecutor } from "@/server/db/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import type { BookingRow } from "./bookings-repository";
import { bumpCalendarSequence } from "./calendar-sequence-repository";

/** Changes after which calendar apps must replace the event they hold (RFC 5545 SEQUENCE). */
const CALENDAR_CHANGES = new Set<BookingEventType>(["booking.confirmed", "booking.declined", "booking.cancelled", "booking.rescheduled"]);

export type BookingEventType =
  | "booking.requested"
  | "booking.confirmed"
  | "booking.declined"
  | "booking.cancelled"
  | "booking.rescheduled"
  | "booking.completed"
  | "booking.no_show";

/**
 * Records a lifecycle transition: an audit row and, for transitions someone must hear about or
 * a calendar must reflect, an outbox event — both in the caller's transaction. The payload is
 * complete for delivery (ids, times, mode, who acted) and carries no patient contact data.
 */
export async function recordBookingTransition(
  db: DbExecutor,
  input: {
    booking: BookingRow;
    type: BookingEventType;
    /** STAFF: an organization member acting for the patient (a phone booking); the provider is told as for the patient's own act. */
    actor: { userId: string | null; role: "PATIENT" | "PROVIDER" | "SYSTEM" | "STAFF" };
    from: BookingRow["status"];
    previous?: { startsAt: Date; endsAt: Date; mode: BookingRow["mode"]; locationId: string | null };
    reason?: string | null;
  },
): Promise<void> {
  const { booking } = input;
  await recordAudit(db, {
    actorUserId: input.actor.userId,
    action: input.type,
    subjectType: "booking",
    subjectId: booking.id,
    details: {
      from: input.from,
      to: booking.status,
      actorRole: input.actor.role,
      ...(input.previous && { previousStartsAt: input.previous.startsAt.toISOString(), startsAt: booking.startsAt.toISOString() }),
    },
  });
  // The first version a patient's calendar sees is SEQUENCE 0 (the request, or a direct
  // confirmation); every later change they are told about grows it.
  const calendarSequence =
    CALENDAR_CHANGES.has(input.type) && !(input.type === "booking.confirmed" && input.from !== "PENDING")
      ? await bumpCalendarSequence(db, booking.id)
      : booking.calendarSequence;
  await enqueueDomainEvent(db, {
    type: input.type,
    aggregateType: "booking",
    aggregateId: booking.id,
    payload: {
      bookingId: booking.id,
      providerId: booking.providerId,
      serviceId: booking.serviceId,
      locationId: booking.locationId,
      mode: booking.mode,
      status: booking.status,
      previousStatus: input.from,
      startsAt: booking.startsAt.toISOString(),
      endsAt: booking.endsAt.toISOString(),
      patientUserId: booking.patientUserId,
      isGuest: booking.patientUserId === null,
      actorRole: input.actor.role,
      hasReason: Boolean(input.reason),
      calendarSequence,
      ...(input.previous && {
        previous: {
          startsAt: input.previous.startsAt.toISOString(),
          endsAt: input.previous.endsAt.toISOString(),
          mode: input.previous.mode,
          locationId: input.previous.locationId,
        },
      }),
    },
  });
}
