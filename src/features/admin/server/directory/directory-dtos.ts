import { ERASED_ADDRESS, isErasedEmail } from "@/lib/erased-person";
import type { AdminNotificationRow, PatientSummary } from "../../directory-types";
import type { BookingSearchRowData, NotificationRowData } from "./directory-repository";
import { maskAddress, maskEmail } from "./mask-contact";

/** The name a booking's patient goes by: what they typed on the booking, else their profile or account. */
export function patientName(row: { guestName: string | null; profileName: string | null; userName: string | null }): string {
  return row.guestName ?? row.profileName ?? row.userName ?? "Patient";
}

export function patientSummary(row: BookingSearchRowData): PatientSummary {
  if (row.patientUserId !== null) {
    if (row.userErasedAt !== null) return { kind: "ERASED", userId: row.patientUserId };
    const email = row.guestEmail ?? row.userEmail;
    return { kind: "ACCOUNT", userId: row.patientUserId, name: patientName(row), maskedEmail: email ? maskEmail(email) : null };
  }
  if (row.guestName === null && row.guestEmail === null) return { kind: "NONE" };
  if (isErasedEmail(row.guestEmail)) return { kind: "ERASED", userId: null };
  return { kind: "GUEST", name: row.guestName ?? "Guest", maskedEmail: row.guestEmail ? maskEmail(row.guestEmail) : null };
}

/** Erasure replaces a message's address with a placeholder; an erased account's messages show none either way. */
function isErasedAddress(row: { recipientErasedAt: Date | null; address: string }): boolean {
  return row.recipientErasedAt !== null || row.address === ERASED_ADDRESS || isErasedEmail(row.address);
}

/** A notification for an admin list: the address masked, and gone when its recipient was erased. */
export function toAdminNotificationRow(row: NotificationRowData): AdminNotificationRow {
  return {
    id: row.id,
    purpose: row.purpose,
    channel: row.channel,
    recipient: row.recipient,
    maskedAddress: isErasedAddress(row) ? null : maskAddress(row.address),
    status: row.status,
    attempts: row.attempts,
    error: row.lastError,
    skipReason: row.skipReason,
    isFallback: row.fallbackOf !== null,
    bookingId: row.bookingId,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    deliveredAt: row.deliveredAt,
    readAt: row.readAt,
    failedAt: row.failedAt,
  };
}
