import { exportJob } from "@/features/calendar-sync/server";
import { findInvitationMessage, findProviderInvitationMessage } from "@/features/organizations/server";
import type { DbExecutor } from "@/server/db/client";
import { removeJob, type JobSpec } from "@/server/jobs/job-repository";
import type { OutboxEventRow } from "@/server/outbox/outbox-repository";
import type { MessagePurpose } from "../messages/types";
import { findProviderReviewMessage, providerReviewParams } from "./find-provider-review-message";
import { choosePatientDestinations, type Channel, type Destination } from "./choose-channels";
import { meetWaitDeadline } from "./meet-link-wait";
import { findCalendarConnectionOwner, findVerification, type BookingForMessages } from "./message-context-repository";
import {
  findContactChannels,
  markNotificationsSkipped,
  pendingNotificationsOfBooking,
  sendJobKey,
  waitingForMeetLink,
  type ContactChannelRow,
  type NewNotification,
} from "./notification-repository";

const PATIENT_PURPOSE: Partial<Record<string, MessagePurpose>> = {
  "booking.requested": "booking.requested",
  "booking.confirmed": "booking.confirmed",
  "booking.declined": "booking.declined",
  "booking.cancelled": "booking.cancelled",
  "booking.rescheduled": "booking.rescheduled",
};

/** Provider notices, keyed by the provider's setting name; a provider is not told about what they did themselves. */
function providerNotice(type: string, actorRole: unknown): { notice: string; purpose: MessagePurpose } | null {
  if (actorRole === "PROVIDER") return null;
  switch (type) {
    case "booking.requested":
      return { notice: "requested", purpose: "provider.booking_requested" };
    case "booking.confirmed":
      return { notice: "confirmed", purpose: "provider.booking_confirmed" };
    case "booking.cancelled":
      return { notice: "cancelled", purpose: "provider.booking_cancelled" };
    case "booking.rescheduled":
      return { notice: "rescheduled", purpose: "provider.booking_rescheduled" };
    default:
      return null;
  }
}

/** Booking changes the provider's Google calendar must follow (calendar-sync's export). */
const CALENDAR_CHANGES = new Set(["booking.confirmed", "booking.rescheduled", "booking.cancelled", "booking.declined"]);

export const reminderJobKey = (bookingId: string, offsetMinutes: number) => `reminder:${bookingId}:${offsetMinutes}`;

/** Messages that may wait for quiet hours: not the guest's code, not a booking starting within 12 hours. */
export function isDeferrable(purpose: MessagePurpose, startsAt: Date | null, now: Date): boolean {
  if (purpose === "verification.code" || purpose.startsWith("reply.")) return false;
  return startsAt === null || startsAt.getTime() - now.getTime() > 12 * 3_600_000;
}

/** The channels a patient's messages could use: their email, and their phone on WhatsApp and SMS. */
export function patientChannelKeys(loaded: BookingForMessages): Array<{ channel: Channel; address: string }> {
  const { email, phone } = loaded.patient;
  return [
    ...(email ? [{ channel: "EMAIL" as const, address: email }] : []),
    ...(phone ? [{ channel: "WHATSAPP" as const, address: phone }, { channel: "SMS" as const, address: phone }] : []),
  ];
}

/** Where the patient's messages go; `known` is the state of their channels when the caller read it already. */
export async function patientDestinations(db: DbExecutor, loaded: BookingForMessages, known?: ContactChannelRow[]): Promise<Destination[]> {
  const { email, phone, preferences } = loaded.patient;
  const rows = known ?? (await findContactChannels(db, patientChannelKeys(loaded)));
  return choosePatientDestinations({ email, phone, preferences }, rows);
}

function providerDestinations(loaded: BookingForMessages, notice: string): Destination[] {
  const { settings, email } = loaded.provider;
  const out: Destination[] = [];
  if (settings.emailNotices.includes(notice)) out.push({ channel: "EMAIL", address: email });
  if (settings.whatsappNotices.includes(notice) && settings.whatsappNumber) out.push({ channel: "WHATSAPP", address: settings.whatsappNumber });
  return out;
}

/** What a drain batch will create when it commits: written together, a few statements per batch. */
export interface FanOut {
  notifications: NewNotification[];
  jobs: JobSpec[];
}

/** What the drain read for its whole batch at once: the events' bookings and their patients' channels. */
export interface FanOutReads {
  bookings: Map<string, BookingForMessages>;
  channels: ContactChannelRow[];
}

/**
 * Turns one committed domain event into notifications (and reminder jobs), collected in `out`
 * and written by the drain in the same transaction that marks the event published, so each
 * event fans out exactly once. Each notification's dedupe key is `<message>:<channel>`, so a
 * fallback on another channel for the same message can never be created twice either.
 */
export async function fanOutEvent(db: DbExecutor, event: OutboxEventRow, now: Date, out: FanOut, reads: FanOutReads): Promise<void> {
  if (event.type === "contact.verification_requested") {
    const verificationId = String(event.payload.verificationId ?? "");
    const verification = verificationId ? await findVerification(db, verificationId) : null;
    if (!verification) return;
    const sendCount = Number(event.payload.sendCount ?? verification.sendCount);
    out.notifications.push({
      dedupeKey: `verification:${verification.id}:${sendCount}:${verification.channel}`,
      purpose: "verification.code",
      bookingId: verification.bookingId,
      outboxEventId: event.id,
      recipient: "PATIENT",
      recipientUserId: null,
      channel: verification.channel,
      address: verification.address,
      params: { messageKey: `verification:${verification.id}:${sendCount}`, verificationId: verification.id, sendCount },
      deferrable: false,
    });
    return;
  }

  if (event.type === "calendar.connection_needs_reconnect") {
    const owner = await findCalendarConnectionOwner(db, event.aggregateId);
    if (!owner) return;
    // Operational, not a booking notice: it goes out whatever the provider's notice settings say.
    const messageKey = `outbox:${event.id}:provider`;
    out.notifications.push({
      dedupeKey: `${messageKey}:EMAIL`,
      purpose: "provider.calendar_reconnect",
      bookingId: null,
      outboxEventId: event.id,
      recipient: "PROVIDER",
      recipientUserId: owner.userId,
      channel: "EMAIL",
      address: owner.email,
      params: { messageKey, connectionId: event.aggregateId },
      deferrable: false,
    });
    return;
  }

  if (event.type === "organization.member_invited") {
    const invitationId = String(event.payload.invitationId ?? "");
    const sendNumber = Number(event.payload.sendNumber);
    const message = invitationId ? await findInvitationMessage({ db, invitationId, sendNumber, now }) : null;
    // A send a resend or an answer has overtaken: the newer event carries the message that counts.
    if (!message || message.kind === "skip") return;
    // The invitee has no account (perhaps) and no preferences: one email, at once, to the invited
    // address, with no fallback (schedule-fallback) and no quiet hours.
    const messageKey = `invitation:${invitationId}:${sendNumber}`;
    out.notifications.push({
      dedupeKey: `${messageKey}:EMAIL`,
      purpose: "organization.invitation",
      bookingId: null,
      outboxEventId: event.id,
      recipient: "INVITEE",
      recipientUserId: null,
      channel: "EMAIL",
      address: message.email,
      params: { messageKey, invitationId, sendNumber },
      deferrable: false,
    });
    return;
  }

  if (event.type === "organization.provider_invited") {
    const organizationId = String(event.payload.organizationId ?? "");
    const providerId = String(event.payload.providerId ?? "");
    const message = organizationId && providerId ? await findProviderInvitationMessage({ db, organizationId, providerId }) : null;
    if (!message || message.kind === "skip") return;
    // About the provider's account, not a booking: sent whatever their booking notice settings say.
    const messageKey = `outbox:${event.id}:provider`;
    out.notifications.push({
      dedupeKey: `${messageKey}:EMAIL`,
      purpose: "organization.provider_invitation",
      bookingId: null,
      outboxEventId: event.id,
      recipient: "PROVIDER",
      recipientUserId: message.providerUserId,
      channel: "EMAIL",
      address: message.email,
      params: { messageKey, organizationId, providerId },
      deferrable: false,
    });
    return;
  }

  if (event.type === "provider.document_rejected" || event.type === "provider.status_changed") {
    const params = providerReviewParams(event.payload);
    const message = params ? await findProviderReviewMessage({ db, params }) : null;
    if (!message || message.kind === "skip") return;
    // The platform's decision about the provider's account: one email at once, whatever their
    // booking notice settings or quiet hours say, to the account's address (no fallback).
    const messageKey = `outbox:${event.id}:provider`;
    out.notifications.push({
      dedupeKey: `${messageKey}:EMAIL`,
      purpose: message.purpose,
      bookingId: null,
      outboxEventId: event.id,
      recipient: "PROVIDER",
      recipientUserId: message.providerUserId,
      channel: "EMAIL",
      address: message.email,
      params: { messageKey, ...params },
      deferrable: false,
    });
    return;
  }

  if (event.aggregateType !== "booking") return;
  const loaded = reads.bookings.get(event.aggregateId);
  if (!loaded) return;
  const { booking } = loaded;

  // The provider's calendar follows the booking: one pending export per booking (job key), which
  // reads the booking as it is when it runs. Only for a provider whose bookings go to a calendar,
  // or a booking already there (to move or cancel it).
  if (CALENDAR_CHANGES.has(event.type) && (loaded.calendar.exportsBookings || loaded.calendar.event !== null)) {
    out.jobs.push(exportJob(booking.id));
  }

  if (event.type === "booking.meet_ready" || event.type === "booking.meet_failed") {
    // The confirmation that waited for the link goes out now (with it, or without it): run_at left
    // to the queue's own clock, so "now" is now for the queue whatever clock the drain reads.
    for (const notificationId of await waitingForMeetLink(db, booking.id)) {
      out.jobs.push({ name: "notification.send", payload: { notificationId }, options: { jobKey: sendJobKey(notificationId), maxAttempts: 5 } });
    }
    if (event.type === "booking.meet_failed" && loaded.status === "CONFIRMED") {
      const messageKey = `outbox:${event.id}:provider`;
      out.notifications.push({
        dedupeKey: `${messageKey}:EMAIL`,
        purpose: "provider.meet_failed",
        bookingId: booking.id,
        outboxEventId: event.id,
        recipient: "PROVIDER",
        recipientUserId: loaded.provider.userId,
        channel: "EMAIL",
        address: loaded.provider.email,
        params: { eventType: event.type, messageKey, calendarSequence: booking.calendarSequence },
        deferrable: false,
      });
    }
    return;
  }
  const params = {
    eventType: event.type,
    actorRole: event.payload.actorRole ?? null,
    previous: event.payload.previous ?? null,
    calendarSequence: event.payload.calendarSequence ?? booking.calendarSequence,
  };

  const patientPurpose = PATIENT_PURPOSE[event.type];
  if (patientPurpose) {
    const messageKey = `outbox:${event.id}:patient`;
    for (const destination of await patientDestinations(db, loaded, reads.channels)) {
      // An online visit's confirmation email waits (a little) for its Meet link.
      const meetWaitUntil = patientPurpose === "booking.confirmed" ? meetWaitDeadline(destination.channel, loaded, now) : null;
      out.notifications.push({
        dedupeKey: `${messageKey}:${destination.channel}`,
        purpose: patientPurpose,
        bookingId: booking.id,
        outboxEventId: event.id,
        recipient: "PATIENT",
        recipientUserId: loaded.patient.userId,
        channel: destination.channel,
        address: destination.address,
        params: { ...params, messageKey, ...(meetWaitUntil ? { meetWaitUntil } : {}) },
        deferrable: isDeferrable(patientPurpose, booking.startsAt, now),
      });
    }
  }

  const notice = providerNotice(event.type, event.payload.actorRole);
  if (notice) {
    const messageKey = `outbox:${event.id}:provider`;
    for (const destination of providerDestinations(loaded, notice.notice)) {
      out.notifications.push({
        dedupeKey: `${messageKey}:${destination.channel}`,
        purpose: notice.purpose,
        bookingId: booking.id,
        outboxEventId: event.id,
        recipient: "PROVIDER",
        recipientUserId: loaded.provider.userId,
        channel: destination.channel,
        address: destination.address,
        params: { ...params, messageKey },
        deferrable: isDeferrable(notice.purpose, booking.startsAt, now),
      });
    }
  }

  // Reminders follow the booking: scheduled when it is confirmed or moved, withdrawn when it ends.
  const offsets = loaded.provider.settings.reminderOffsetsMinutes;
  if ((event.type === "booking.confirmed" || event.type === "booking.rescheduled") && loaded.status === "CONFIRMED") {
    for (const offsetMinutes of offsets) {
      const dueAt = new Date(booking.startsAt.getTime() - offsetMinutes * 60_000);
      if (booking.startsAt <= now) continue;
      out.jobs.push({
        name: "booking.remind",
        payload: { bookingId: booking.id, offsetMinutes, startsAt: booking.startsAt.toISOString() },
        options: { jobKey: reminderJobKey(booking.id, offsetMinutes), runAt: dueAt > now ? dueAt : now, maxAttempts: 10 },
      });
    }
  }
  if (event.type === "booking.cancelled" || event.type === "booking.declined" || event.type === "booking.rescheduled") {
    if (event.type !== "booking.rescheduled") {
      for (const offsetMinutes of offsets) {
        const key = reminderJobKey(booking.id, offsetMinutes);
        // Also a reminder an earlier event of this batch asked for (confirmed, then cancelled).
        out.jobs = out.jobs.filter((job) => job.options?.jobKey !== key);
        await removeJob(db, key);
      }
    }
    const stale = await pendingNotificationsOfBooking(db, booking.id, ["booking.reminder"]);
    await markNotificationsSkipped(db, stale, event.type === "booking.rescheduled" ? "the booking moved" : "the booking ended");
  }
}
