import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { DbExecutor } from "@/server/db/client";
import type { AdminPatientRecord } from "../../directory-types";
import { findPatientBookings, findPatientUser, findUserNotifications, hasPatientBookings } from "./directory-repository";
import { toAdminNotificationRow } from "./directory-dtos";

export interface GetPatientRecordOptions {
  db: DbExecutor;
  userId: string;
  /** The administrator reading the record. */
  actorUserId: string;
  origin: AuditOrigin;
}

/** Rows of each list the record carries; the counts tell how many there are in all. */
export const PATIENT_RECORD_LIST_LIMIT = 100;

/**
 * A signed-in patient's record for an administrator: account, profile, message preferences,
 * bookings and notifications. The read is recorded (`patient.record_read`) before the record is
 * returned; an id that is not a patient records nothing. An erased patient's record shows no
 * personal data: only the bookings' times and providers, and notifications without addresses.
 */
export async function getPatientRecord({ db, userId, actorUserId, origin }: GetPatientRecordOptions): Promise<AdminPatientRecord> {
  const user = await findPatientUser(db, userId);
  const isPatient = user !== null && (user.erasedAt !== null || user.profileFullName !== null || (await hasPatientBookings(db, userId)));
  if (!user || !isPatient) {
    throw new AppError("NOT_FOUND", "No patient has this id. Check the id, or find the patient by name, email or phone.");
  }
  const [bookings, notifications] = await Promise.all([
    findPatientBookings(db, userId, PATIENT_RECORD_LIST_LIMIT),
    findUserNotifications(db, userId, PATIENT_RECORD_LIST_LIMIT),
  ]);

  await recordAudit(db, { actorUserId, action: "patient.record_read", subjectType: "user", subjectId: userId, origin });

  const lists = {
    bookings: bookings.rows,
    bookingCount: bookings.total,
    notifications: notifications.rows.map(toAdminNotificationRow),
    notificationCount: notifications.total,
  };
  if (user.erasedAt !== null) return { kind: "ERASED", userId: user.id, erasedAt: user.erasedAt, ...lists };
  return {
    kind: "ACCOUNT",
    user: { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified, createdAt: user.createdAt },
    profile:
      user.profileFullName !== null
        ? { fullName: user.profileFullName, phone: user.profilePhone, preferredLanguage: user.profileLanguage ?? "en", timeZone: user.profileTimeZone ?? "UTC" }
        : null,
    preferences:
      user.prefsUserId !== null
        ? {
            emailEnabled: user.emailEnabled ?? true,
            whatsappEnabled: user.whatsappEnabled ?? false,
            smsEnabled: user.smsEnabled ?? false,
            quietStartMinute: user.quietStartMinute,
            quietEndMinute: user.quietEndMinute,
          }
        : null,
    ...lists,
  };
}
