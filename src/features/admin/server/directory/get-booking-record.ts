import { AppError } from "@/lib/errors/app-error";
import { isErasedEmail } from "@/lib/erased-person";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { DbExecutor } from "@/server/db/client";
import type { AdminBookingRecord, BookingHistoryEntry, BookingRecordPatient } from "../../directory-types";
import { findBookingHistory, findBookingNotifications, findBookingRecordRow } from "./directory-repository";
import { patientName, toAdminNotificationRow } from "./directory-dtos";

export interface GetBookingRecordOptions {
  db: DbExecutor;
  bookingId: string;
  /** The administrator reading the record. */
  actorUserId: string;
  origin: AuditOrigin;
}

const textOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * A booking's full record for an administrator: the patient's contact details and notes, its
 * history and every notification about it. The read is recorded (`booking.record_read`) before
 * the record is returned; a booking that does not exist records nothing.
 */
export async function getBookingRecord({ db, bookingId, actorUserId, origin }: GetBookingRecordOptions): Promise<AdminBookingRecord> {
  const row = await findBookingRecordRow(db, bookingId);
  if (!row) {
    throw new AppError("NOT_FOUND", "No booking has this id. Check the id, or find the booking by the patient's name or email.");
  }
  const [history, notifications] = await Promise.all([findBookingHistory(db, bookingId), findBookingNotifications(db, bookingId)]);

  // An erased account, or a guest booking erasure left with its placeholder address.
  const isErased = row.patientUserId !== null ? row.userErasedAt !== null : isErasedEmail(row.guestEmail);
  let patient: BookingRecordPatient;
  if (isErased) {
    patient = { kind: "ERASED", userId: row.patientUserId };
  } else if (row.patientUserId !== null) {
    patient = { kind: "ACCOUNT", userId: row.patientUserId, name: patientName(row), email: row.guestEmail ?? row.userEmail, phone: row.guestPhone ?? row.profilePhone };
  } else if (row.guestName !== null || row.guestEmail !== null) {
    patient = { kind: "GUEST", name: row.guestName ?? "Guest", email: row.guestEmail, phone: row.guestPhone };
  } else {
    patient = { kind: "NONE" };
  }

  await recordAudit(db, {
    actorUserId,
    action: "booking.record_read",
    subjectType: "booking",
    subjectId: bookingId,
    details: row.patientUserId !== null ? { patientUserId: row.patientUserId } : {},
    origin,
  });

  return {
    id: row.id,
    status: row.status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    mode: row.mode,
    channel: row.channel,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    cancelledAt: row.cancelledAt,
    cancelledBy: row.cancelledBy,
    cancellationReason: isErased ? null : row.cancellationReason,
    attendanceConfirmedAt: row.attendanceConfirmedAt,
    patientTimeZone: row.patientTimeZone,
    provider: { id: row.providerId, name: row.providerName, slug: row.providerSlug, timeZone: row.providerTimeZone },
    service: { id: row.serviceId, name: row.serviceName, durationMinutes: row.serviceDurationMinutes },
    location:
      row.locationId !== null && row.locationName !== null && row.locationAddress !== null && row.locationTimeZone !== null
        ? { id: row.locationId, name: row.locationName, address: row.locationAddress, timeZone: row.locationTimeZone }
        : null,
    patient,
    notes: isErased ? null : row.notes,
    bookedBy: row.bookedById !== null ? { userId: row.bookedById, name: row.bookedByName ?? row.bookedByEmail ?? "A staff member" } : null,
    contactTakenByStaff: row.contactTakenByStaff,
    history: history.map(
      (entry): BookingHistoryEntry => ({
        action: entry.action,
        from: textOrNull(entry.details.from),
        to: textOrNull(entry.details.to),
        actorRole: textOrNull(entry.details.actorRole),
        occurredAt: entry.occurredAt,
      }),
    ),
    notifications: notifications.map(toAdminNotificationRow),
  };
}
