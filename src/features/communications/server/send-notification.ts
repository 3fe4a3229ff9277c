import { AppError, errorSummary } from "@/lib/errors/app-error";
import { manageLinkToken, verificationCode } from "@/features/bookings/server";
import { findInvitationMessage, findProviderInvitationMessage } from "@/features/organizations/server";
import type { Database, DbExecutor } from "@/server/db/client";
import { renderEmail, renderText, renderWhatsAppTemplate } from "../messages";
import type { MessageContext, MessagePurpose } from "../messages/types";
import { nextAllowedSendTime } from "../quiet-hours";
import { findProviderReviewMessage, providerReviewParams } from "./find-provider-review-message";
import { meetLinkWait } from "./meet-link-wait";
import { findCalendarConnectionOwner, findVerification, loadBookingForMessages, type BookingForMessages } from "./message-context-repository";
import type { NotificationDeps } from "./notification-deps";
import {
  claimForSending,
  findContactChannels,
  isVendorMessageClaimed,
  lockNotification,
  markContactChannelBad,
  readNotificationForSend,
  recordAccepted,
  recordNotificationEvent,
  scheduleSendAttempt,
  updateNotification,
  type ContactChannelRow,
  type NotificationRow,
} from "./notification-repository";
import { scheduleFallback } from "./schedule-fallback";

/** Retryable failures (429, 5xx, timeouts) get this many attempts before the message is dead-lettered. */
export const MAX_SEND_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 30 * 60_000;
/**
 * A SENDING row older than this belongs to an attempt that died (attempts finish within the
 * clients' 10 s timeouts). It is also the time we give the vendor's records to catch up before we
 * ask them: SendGrid's activity feed shows a message shortly after it is accepted.
 */
export const IN_DOUBT_AFTER_MS = 90_000;
const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

/**
 * Exponential backoff with full jitter (AWS architecture blog): a random delay up to
 * base·2^(attempt−1), capped, so many messages failing together do not retry together. A vendor's
 * own "retry at" (429 reset) is a floor.
 */
export function retryDelayMs(attempt: number, random: number, retryAt: Date | null, now: Date): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.max(1_000, Math.floor(random * ceiling));
  const floor = retryAt ? retryAt.getTime() - now.getTime() : 0;
  return Math.max(jittered, floor);
}

type Content =
  | { channel: "EMAIL"; subject: string; html: string; text: string; attachments: Array<{ filename: string; contentType: string; content: string }>; templateId: string | null; templateData: Record<string, unknown> }
  | { channel: "SMS"; body: string }
  | { channel: "WHATSAPP"; body: string; attachCard: string | null }
  | { channel: "WHATSAPP"; contentSid: string; variables: Record<string, string>; card: { providerId: string; contentSid: string } | null };

type Plan =
  | { kind: "done" }
  | { kind: "in-doubt"; notification: NotificationRow }
  | { kind: "send"; notification: NotificationRow; content: Content };

/** Patient messages that no longer fit the booking are skipped (a newer message tells the truth). */
const STILL_TRUE: Partial<Record<MessagePurpose, ReadonlyArray<BookingForMessages["status"]>>> = {
  "booking.requested": ["PENDING"],
  "booking.confirmed": ["CONFIRMED"],
  "booking.rescheduled": ["CONFIRMED", "PENDING"],
  "booking.reminder": ["CONFIRMED"],
  "booking.declined": ["DECLINED"],
  "booking.cancelled": ["CANCELLED"],
  "provider.booking_requested": ["PENDING"],
  "provider.meet_failed": ["CONFIRMED"],
};


function providerBookingsUrl(appUrl: string): string {
  return `${appUrl}/provider/bookings`;
}

function recipientTimeZone(notification: NotificationRow, loaded: BookingForMessages | null): string {
  if (!loaded) return "UTC";
  if (notification.recipient === "PROVIDER") return loaded.provider.timeZone;
  return loaded.patient.timeZone ?? loaded.booking.location?.timeZone ?? loaded.booking.provider.timeZone;
}

async function buildContext(db: DbExecutor, notification: NotificationRow, loaded: BookingForMessages | null, deps: NotificationDeps, now: Date): Promise<MessageContext | { skip: string }> {
  const purpose = notification.purpose as MessagePurpose;
  const params = notification.params;
  let verification: MessageContext["verification"];
  let calendarAccount: MessageContext["calendarAccount"];
  if (purpose === "provider.calendar_reconnect") {
    const owner = await findCalendarConnectionOwner(db, String(params.connectionId ?? ""));
    if (!owner) return { skip: "the calendar connection was removed" };
    if (owner.status === "ACTIVE") return { skip: "the calendar was connected again" };
    calendarAccount = { googleEmail: owner.googleEmail };
  }
  let memberInvitation: MessageContext["memberInvitation"];
  let providerInvitation: MessageContext["providerInvitation"];
  if (purpose === "organization.invitation") {
    // Read again at send time: a resend, an accept or a revoke since the fan-out makes this link dead.
    const message = await findInvitationMessage({ db, invitationId: String(params.invitationId ?? ""), sendNumber: Number(params.sendNumber), now });
    if (!message) return { skip: "the invitation no longer exists" };
    if (message.kind === "skip") return { skip: message.reason };
    memberInvitation = {
      organizationName: message.organizationName,
      invitedByName: message.invitedByName,
      role: message.role,
      acceptUrl: `${deps.appUrl}/invitations/${message.token}`,
      expiresAt: message.expiresAt,
    };
  }
  if (purpose === "organization.provider_invitation") {
    const message = await findProviderInvitationMessage({ db, organizationId: String(params.organizationId ?? ""), providerId: String(params.providerId ?? "") });
    if (!message) return { skip: "the provider's invitation no longer exists" };
    if (message.kind === "skip") return { skip: message.reason };
    providerInvitation = { organizationName: message.organizationName, invitedByName: message.invitedByName, networkUrl: `${deps.appUrl}/provider/organizations` };
  }
  let providerReview: MessageContext["providerReview"];
  if (purpose.startsWith("provider_review.")) {
    // Read again at send time: the reason and names come from the database, never the outbox.
    const reviewParams = providerReviewParams(params);
    const message = reviewParams ? await findProviderReviewMessage({ db, params: reviewParams }) : null;
    if (!message) return { skip: "the provider or the document no longer exists" };
    if (message.kind === "skip") return { skip: message.reason };
    providerReview = { providerName: message.providerName, reason: message.reason, documentName: message.documentName, actionUrl: `${deps.appUrl}${message.actionPath}` };
  }
  if (purpose === "verification.code") {
    const row = await findVerification(db, String(params.verificationId ?? ""));
    if (!row) return { skip: "the verification no longer exists" };
    if (row.verifiedAt) return { skip: "already verified" };
    if (row.expiresAt <= now) return { skip: "the code expired before it could be sent" };
    if (row.sendCount !== Number(params.sendCount)) return { skip: "a newer code was requested" };
    verification = { code: verificationCode(row.id, row.sendCount), expiresAt: row.expiresAt };
  }
  const previous = params.previous as { startsAt?: string; endsAt?: string } | null | undefined;
  const booking = loaded
    ? {
        ...loaded.booking,
        calendarSequence: loaded.booking.calendarSequence,
        previous: previous?.startsAt && previous.endsAt ? { startsAt: new Date(previous.startsAt), endsAt: new Date(previous.endsAt) } : null,
      }
    : null;
  const manageUrl =
    loaded && notification.recipient === "PATIENT" && loaded.manageTokenNonce
      ? `${deps.appUrl}/bookings/${manageLinkToken(loaded.booking.id, loaded.manageTokenNonce)}`
      : null;
  return {
    purpose,
    recipient: notification.recipient,
    timeZone: recipientTimeZone(notification, loaded),
    language: notification.recipient === "PATIENT" ? (loaded?.patient.language ?? "en") : "en",
    appUrl: deps.appUrl,
    senderEmail: deps.senderEmail,
    booking,
    manageUrl,
    providerUrl: notification.recipient === "PROVIDER" ? providerBookingsUrl(deps.appUrl) : null,
    ...(typeof params.reminderOffsetMinutes === "number" ? { reminderOffsetMinutes: params.reminderOffsetMinutes } : {}),
    ...(verification ? { verification } : {}),
    ...(calendarAccount ? { calendarAccount } : {}),
    ...(memberInvitation ? { memberInvitation } : {}),
    ...(providerInvitation ? { providerInvitation } : {}),
    ...(providerReview ? { providerReview } : {}),
    now,
  };
}

function templateSid(deps: NotificationDeps, key: string, language: string): string | null {
  const byLanguage = deps.whatsappTemplates[key];
  if (!byLanguage) return null;
  return byLanguage[language] ?? byLanguage[language.split("-")[0]!] ?? byLanguage.en ?? null;
}

async function renderContent(notification: NotificationRow, channelState: ContactChannelRow | null, context: MessageContext, deps: NotificationDeps, now: Date): Promise<Content> {
  if (notification.channel === "EMAIL") {
    const email = await renderEmail(context);
    const templateId = deps.emailTemplateIds[context.purpose] ?? null;
    return {
      channel: "EMAIL",
      ...email,
      templateId,
      templateData: templateId ? { subject: email.subject, text: email.text, html: email.html } : {},
    };
  }
  if (notification.channel === "SMS") return { channel: "SMS", body: renderText(context, "SMS") };
  const windowOpen = Boolean(channelState?.lastInboundAt && now.getTime() - channelState.lastInboundAt.getTime() < WHATSAPP_WINDOW_MS);
  const attachCard = context.purpose === "booking.confirmed" && context.booking ? context.booking.provider.id : null;
  if (windowOpen) return { channel: "WHATSAPP", body: renderText(context, "WHATSAPP"), attachCard };
  const template = renderWhatsAppTemplate(context);
  const sid = template ? templateSid(deps, template.templateKey, context.language) : null;
  if (!template || !sid) {
    throw new AppError("PRECONDITION_FAILED", "No approved WhatsApp template for this message outside the 24-hour window.", {
      vendor: "twilio",
      reason: "whatsapp-template-required",
      retryable: false,
    });
  }
  // The confirmation goes with the practice's contact card when the deployment has the media
  // variant of the template (its {{4}} is the card's path on the public store's origin).
  const cardSid = attachCard ? templateSid(deps, `${template.templateKey}_card`, context.language) : null;
  return { channel: "WHATSAPP", contentSid: sid, variables: template.variables, card: attachCard && cardSid ? { providerId: attachCard, contentSid: cardSid } : null };
}

async function deliver(notification: NotificationRow, content: Content, deps: NotificationDeps): Promise<string> {
  const reference = notification.id;
  if (content.channel === "EMAIL") {
    const tracking = { category: notification.purpose.replace(/[._]/g, "-"), reference };
    const base = { to: notification.address, tracking, attachments: content.attachments };
    const result = content.templateId
      ? await deps.email.sendEmail({ ...base, templateId: content.templateId, data: content.templateData })
      : await deps.email.sendEmail({ ...base, subject: content.subject, html: content.html, text: content.text });
    return result.messageId;
  }
  if (content.channel === "SMS") return (await deps.messaging.sendSms({ to: notification.address, body: content.body, reference: notification.id })).sid;
  if ("contentSid" in content) {
    const card = content.card ? await deps.providerCardUrl(content.card.providerId).catch(() => null) : null;
    const template =
      card && content.card
        ? { contentSid: content.card.contentSid, variables: { ...content.variables, "4": new URL(card).pathname.slice(1) } }
        : { contentSid: content.contentSid, variables: content.variables };
    return (await deps.messaging.sendWhatsApp({ to: notification.address, ...template, reference: notification.id })).sid;
  }
  const card = content.attachCard ? await deps.providerCardUrl(content.attachCard).catch(() => null) : null;
  return (await deps.messaging.sendWhatsApp({ to: notification.address, body: content.body, ...(card ? { mediaUrls: [card] } : {}), reference: notification.id })).sid;
}

/** The row is still in the attempt this job started or asked about (not a later one). */
function isSameAttempt(current: NotificationRow, attempt: NotificationRow): boolean {
  return current.status === "SENDING" && current.attempts === attempt.attempts && current.sendingStartedAt?.getTime() === attempt.sendingStartedAt?.getTime();
}

/** Asks the vendor whether an attempt that died had gone out; returns its id if it had. */
async function findLostSend(db: DbExecutor, notification: NotificationRow, deps: NotificationDeps): Promise<string | null> {
  if (notification.vendorMessageId) return notification.vendorMessageId;
  if (notification.channel === "EMAIL") return deps.email.findEmailByReference(notification.id);
  const since = new Date((notification.sendingStartedAt ?? notification.createdAt).getTime() - 5_000);
  const recent = await deps.messaging.listMessagesSentTo({ to: notification.address, channel: notification.channel, since });
  // Several in-doubt messages to one number at once can only claim distinct sids (unique index),
  // so counts stay exact even if two of them swap which sid they record.
  for (const message of recent.reverse()) {
    if (!(await isVendorMessageClaimed(db, notification.channel, message.sid))) return message.sid;
  }
  return null;
}

const BAD_ADDRESS_REASONS = new Set(["invalid-recipient", "unreachable"]);

async function recordFailure(db: Database, notification: NotificationRow, error: unknown, deps: NotificationDeps, now: Date): Promise<void> {
  const appError = error instanceof AppError ? error : new AppError("INTERNAL", "Unexpected error while sending.", { retryable: true });
  await db.transaction(async (tx) => {
    const current = await lockNotification(tx, notification.id);
    if (!current || !isSameAttempt(current, notification)) return;
    const detail = errorSummary(appError);
    if (appError.isRetryable) {
      if (current.attempts >= MAX_SEND_ATTEMPTS) {
        await updateNotification(tx, current.id, { status: "DEAD", lastError: detail, sendingStartedAt: null }, { status: "DEAD", detail: `gave up after ${current.attempts} attempts: ${detail}` });
        return;
      }
      const retryAtRaw = appError.details?.retryAt;
      const retryAt = typeof retryAtRaw === "string" ? new Date(retryAtRaw) : null;
      const delay = retryDelayMs(current.attempts, deps.random(), retryAt, now);
      await updateNotification(tx, current.id, { status: "PENDING", lastError: detail, sendingStartedAt: null }, { status: "PENDING", detail: `retry in ${Math.ceil(delay / 1000)} s: ${detail}` });
      await scheduleSendAttempt(tx, current.id, new Date(now.getTime() + delay));
      return;
    }
    const reason = String(appError.details?.reason ?? "");
    await updateNotification(tx, current.id, { status: "FAILED", lastError: detail, failedAt: now, sendingStartedAt: null }, { status: "FAILED", detail });
    if (reason === "recipient-opted-out") return;
    if (BAD_ADDRESS_REASONS.has(reason)) {
      await markContactChannelBad(tx, current.channel, current.address, reason || "rejected", now);
    }
    await scheduleFallback({ db: tx, notificationId: current.id, now });
  });
}

/**
 * The vendor could not tell us whether an interrupted attempt went out (its API is down or rate
 * limited). The row stays SENDING, so nothing is sent until we know; we ask again later.
 */
async function recordLookupFailure(db: Database, notification: NotificationRow, error: unknown, deps: NotificationDeps, now: Date): Promise<void> {
  const appError = error instanceof AppError ? error : new AppError("INTERNAL", "Unexpected error while checking with the vendor.", { retryable: true });
  await db.transaction(async (tx) => {
    const current = await lockNotification(tx, notification.id);
    if (!current || !isSameAttempt(current, notification)) return;
    const detail = errorSummary(appError);
    const attempts = current.attempts + 1;
    if (attempts > MAX_SEND_ATTEMPTS) {
      await updateNotification(tx, current.id, { status: "DEAD", attempts, lastError: `unknown whether sent: ${detail}` }, { status: "DEAD", detail: `could not learn from the vendor whether it was sent: ${detail}` });
      return;
    }
    const retryAtRaw = appError.details?.retryAt;
    const delay = retryDelayMs(attempts, deps.random(), typeof retryAtRaw === "string" ? new Date(retryAtRaw) : null, now);
    await updateNotification(tx, current.id, { attempts, lastError: detail }, { status: "SENDING", detail: `asking the vendor again in ${Math.ceil(delay / 1000)} s: ${detail}` });
    await scheduleSendAttempt(tx, current.id, new Date(now.getTime() + delay));
  });
}

type Decision =
  | { kind: "skip"; reason: string }
  | { kind: "bad-address"; reason: string | null }
  | { kind: "defer"; until: Date; detail: string }
  | { kind: "unrenderable"; error: AppError }
  | { kind: "send"; content: Content };

/**
 * What to do with a PENDING notification now, from the booking as it is and its address's
 * state: skip it (no longer true, opted out), fail it over (address marked bad), wait for the end
 * of quiet hours, or send this content. Reads only (the code of a guest's verification).
 */
async function decide(db: DbExecutor, notification: NotificationRow, channelState: ContactChannelRow | null, loaded: BookingForMessages | null, deps: NotificationDeps, now: Date): Promise<Decision> {
  const purpose = notification.purpose as MessagePurpose;
  if (notification.bookingId && !loaded) return { kind: "skip", reason: "the booking no longer exists" };
  const expected = STILL_TRUE[purpose];
  if (loaded && expected && !expected.includes(loaded.status)) return { kind: "skip", reason: `the booking is now ${loaded.status.toLowerCase()}` };
  if (purpose === "booking.reminder" && loaded && loaded.booking.startsAt <= now) return { kind: "skip", reason: "the appointment has started" };
  if (channelState?.optedOutAt) return { kind: "skip", reason: "the recipient opted out of this channel" };
  if (channelState?.badAt) return { kind: "bad-address", reason: channelState.badReason };

  const meetWait = purpose === "booking.confirmed" ? meetLinkWait(notification.params, loaded, now) : null;
  if (meetWait) return { kind: "defer", until: meetWait, detail: `waiting for the Google Meet link (looked at again at ${meetWait.toISOString()})` };

  if (notification.deferrable && loaded) {
    const quiet =
      notification.recipient === "PROVIDER"
        ? loaded.provider.settings
        : { quietStartMinute: loaded.patient.preferences?.quietStartMinute ?? null, quietEndMinute: loaded.patient.preferences?.quietEndMinute ?? null };
    if (quiet.quietStartMinute !== null && quiet.quietEndMinute !== null) {
      const allowed = nextAllowedSendTime({
        now,
        quiet: { startMinute: quiet.quietStartMinute, endMinute: quiet.quietEndMinute },
        timeZone: notification.recipient === "PATIENT" ? (loaded.patient.profileTimeZone ?? recipientTimeZone(notification, loaded)) : loaded.provider.timeZone,
      });
      // Never so late that the message stops being useful: at least 2 hours before the start.
      const latestUseful = loaded.booking.startsAt.getTime() - 2 * 3_600_000;
      if (allowed > now && allowed.getTime() <= latestUseful) return { kind: "defer", until: allowed, detail: `quiet hours until ${allowed.toISOString()}` };
    }
  }

  const context = await buildContext(db, notification, loaded, deps, now);
  if ("skip" in context) return { kind: "skip", reason: context.skip };
  try {
    return { kind: "send", content: await renderContent(notification, channelState, context, deps, now) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { kind: "unrenderable", error };
  }
}

/**
 * The careful path, with the row locked: an attempt in flight or in doubt, and every decision
 * other than a plain send (each writes its outcome in this transaction).
 */
async function planUnderLock(db: Database, notificationId: string, deps: NotificationDeps, now: Date): Promise<Plan | { kind: "skipped" | "deferred" | "busy" }> {
  return db.transaction(async (tx) => {
    const notification = await lockNotification(tx, notificationId);
    if (!notification) return { kind: "done" };
    if (notification.status === "SENDING") {
      const startedAt = notification.sendingStartedAt ?? notification.updatedAt;
      if (now.getTime() - startedAt.getTime() < IN_DOUBT_AFTER_MS) {
        await scheduleSendAttempt(tx, notification.id, new Date(startedAt.getTime() + IN_DOUBT_AFTER_MS));
        return { kind: "busy" };
      }
      return { kind: "in-doubt", notification };
    }
    if (notification.status !== "PENDING") return { kind: "done" };

    const loaded = notification.bookingId ? await loadBookingForMessages(tx, notification.bookingId) : null;
    const [channelState] = await findContactChannels(tx, [{ channel: notification.channel, address: notification.address }]);
    const decision = await decide(tx, notification, channelState ?? null, loaded, deps, now);
    switch (decision.kind) {
      case "skip":
        await updateNotification(tx, notification.id, { status: "SKIPPED", skipReason: decision.reason }, { status: "SKIPPED", detail: decision.reason });
        return { kind: "skipped" };
      case "bad-address":
        await updateNotification(tx, notification.id, { status: "FAILED", lastError: `address marked bad: ${decision.reason ?? ""}`, failedAt: now }, { status: "FAILED", detail: "address marked bad" });
        await scheduleFallback({ db: tx, notificationId: notification.id, now });
        return { kind: "skipped" };
      case "defer":
        await scheduleSendAttempt(tx, notification.id, decision.until);
        await recordNotificationEvent(tx, notification.id, "PENDING", decision.detail);
        return { kind: "deferred" };
      case "unrenderable":
        await updateNotification(tx, notification.id, { status: "FAILED", lastError: errorSummary(decision.error), failedAt: now }, { status: "FAILED", detail: errorSummary(decision.error) });
        await scheduleFallback({ db: tx, notificationId: notification.id, now });
        return { kind: "skipped" };
      case "send": {
        const attempts = notification.attempts + 1;
        await updateNotification(tx, notification.id, { status: "SENDING", attempts, sendingStartedAt: now }, { status: "SENDING", detail: `attempt ${attempts}` });
        return { kind: "send", notification: { ...notification, status: "SENDING", attempts, sendingStartedAt: now }, content: decision.content };
      }
    }
  });
}

export interface SendNotificationOptions {
  db: Database;
  deps: NotificationDeps;
  notificationId: string;
  now: Date;
}

export type SendResult = "sent" | "recovered" | "skipped" | "deferred" | "retrying" | "failed" | "noop";

/**
 * Sends one notification, exactly once as far as the vendor lets us know:
 * 1. Drop it if it is no longer true, wait out quiet hours, render it, and mark it SENDING
 *    (committed before the vendor is called): a claim at the version read, or under the row lock.
 * 2. Call the vendor. 3. Record SENT with the vendor's id (or the failure).
 * A worker killed between 2 and 3 leaves the row SENDING; whoever picks it up after
 * IN_DOUBT_AFTER_MS asks the vendor (SendGrid by our reference, Twilio by recipient and time)
 * before sending again.
 */
export async function sendNotification({ db, deps, notificationId, now }: SendNotificationOptions): Promise<SendResult> {
  // Fast path, the common case: read without a lock, decide, and claim the row in one statement
  // only if nothing changed it meanwhile (three statements per message in all). Anything else
  // (in doubt, skipped, deferred, failed, a lost race) takes the locked path below.
  const read = await readNotificationForSend(db, notificationId);
  if (!read) return "noop";
  if (read.notification.status === "PENDING") {
    const decision = await decide(db, read.notification, read.channelState, read.booking, deps, now);
    if (decision.kind === "send") {
      const attempts = await claimForSending(db, notificationId, read.version, now);
      if (attempts !== null) {
        return deliverAndRecord(db, { ...read.notification, status: "SENDING", attempts, sendingStartedAt: now }, decision.content, deps, now);
      }
    }
  }
  const plan = await planUnderLock(db, notificationId, deps, now);
  if (plan.kind === "done" || plan.kind === "busy") return "noop";
  if (plan.kind === "skipped") return "skipped";
  if (plan.kind === "deferred") return "deferred";

  if (plan.kind === "in-doubt") {
    let found: string | null;
    try {
      found = await findLostSend(db, plan.notification, deps);
    } catch (error) {
      await recordLookupFailure(db, plan.notification, error, deps, now);
      return "retrying";
    }
    await db.transaction(async (tx) => {
      const current = await lockNotification(tx, notificationId);
      // Only the attempt we asked about: another job may have resolved it and started a new one.
      if (!current || !isSameAttempt(current, plan.notification)) return;
      if (found) {
        await updateNotification(tx, current.id, { status: "SENT", vendorMessageId: found, sentAt: now, sendingStartedAt: null }, { status: "SENT", detail: "found at the vendor after an interrupted attempt" });
      } else {
        await updateNotification(tx, current.id, { status: "PENDING", sendingStartedAt: null }, { status: "PENDING", detail: "interrupted attempt did not reach the vendor; sending again" });
        await scheduleSendAttempt(tx, current.id, now);
      }
    });
    return found ? "recovered" : "retrying";
  }

  if (plan.kind !== "send") return "noop";
  return deliverAndRecord(db, plan.notification, plan.content, deps, now);
}

/** Calls the vendor for a row marked SENDING, then records the outcome. */
async function deliverAndRecord(db: Database, notification: NotificationRow, content: Content, deps: NotificationDeps, now: Date): Promise<SendResult> {
  let vendorMessageId: string;
  try {
    vendorMessageId = await deliver(notification, content, deps);
  } catch (error) {
    await recordFailure(db, notification, error, deps, now);
    const retryable = error instanceof AppError ? error.isRetryable : true;
    return retryable ? "retrying" : "failed";
  }
  await recordAccepted(db, notification.id, vendorMessageId, now);
  return "sent";
}
