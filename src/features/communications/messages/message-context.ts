import { timeZoneSchema } from "@/lib/time";
import { MESSAGE_PURPOSES, type MessageBooking, type MessageContext, type MessagePurpose } from "./types";

/**
 * Guards and shared facts for every renderer. A message built from a half-filled context would
 * go out wrong to a real person, so a missing piece is an error that names the field. Errors
 * never quote the value: it may be a patient's detail or a signed link, and errors get logged.
 */

export const PATIENT_BOOKING_PURPOSES = [
  "booking.requested",
  "booking.confirmed",
  "booking.declined",
  "booking.rescheduled",
  "booking.cancelled",
  "booking.reminder",
] as const satisfies readonly MessagePurpose[];
export type PatientBookingPurpose = (typeof PATIENT_BOOKING_PURPOSES)[number];

export const PROVIDER_PURPOSES = [
  "provider.booking_requested",
  "provider.booking_confirmed",
  "provider.booking_cancelled",
  "provider.booking_rescheduled",
  "provider.meet_failed",
] as const satisfies readonly MessagePurpose[];
export type ProviderPurpose = (typeof PROVIDER_PURPOSES)[number];

/** Provider messages about their account rather than a booking (ctx.booking is not used). */
export const PROVIDER_ACCOUNT_PURPOSES = ["provider.calendar_reconnect"] as const satisfies readonly MessagePurpose[];
export type ProviderAccountPurpose = (typeof PROVIDER_ACCOUNT_PURPOSES)[number];

/** Invitations to an organization (email only): to an invited address, and to a provider invited to a network. */
export const ORGANIZATION_PURPOSES = ["organization.invitation", "organization.provider_invitation"] as const satisfies readonly MessagePurpose[];
export type OrganizationPurpose = (typeof ORGANIZATION_PURPOSES)[number];

/** The platform's review decisions on a provider's profile and documents (email only, to the provider). */
export const PROVIDER_REVIEW_PURPOSES = [
  "provider_review.document_rejected",
  "provider_review.approved",
  "provider_review.rejected",
  "provider_review.suspended",
  "provider_review.reinstated",
] as const satisfies readonly MessagePurpose[];
export type ProviderReviewPurpose = (typeof PROVIDER_REVIEW_PURPOSES)[number];

export const REPLY_PURPOSES = ["reply.attendance_confirmed", "reply.manage_link", "reply.help"] as const satisfies readonly MessagePurpose[];
export type ReplyPurpose = (typeof REPLY_PURPOSES)[number];

export function isPatientBookingPurpose(purpose: MessagePurpose): purpose is PatientBookingPurpose {
  return (PATIENT_BOOKING_PURPOSES as readonly string[]).includes(purpose);
}

export function isProviderPurpose(purpose: MessagePurpose): purpose is ProviderPurpose {
  return (PROVIDER_PURPOSES as readonly string[]).includes(purpose);
}

export function isProviderAccountPurpose(purpose: MessagePurpose): purpose is ProviderAccountPurpose {
  return (PROVIDER_ACCOUNT_PURPOSES as readonly string[]).includes(purpose);
}

export function isOrganizationPurpose(purpose: MessagePurpose): purpose is OrganizationPurpose {
  return (ORGANIZATION_PURPOSES as readonly string[]).includes(purpose);
}

export function isProviderReviewPurpose(purpose: MessagePurpose): purpose is ProviderReviewPurpose {
  return (PROVIDER_REVIEW_PURPOSES as readonly string[]).includes(purpose);
}

export function isReplyPurpose(purpose: MessagePurpose): purpose is ReplyPurpose {
  return (REPLY_PURPOSES as readonly string[]).includes(purpose);
}

function fail(ctx: Pick<MessageContext, "purpose">, problem: string): never {
  throw new Error(`Message ${ctx.purpose}: ${problem}`);
}

/** The checks every message needs: a known purpose, the right recipient, a real zone, an app origin. */
export function assertMessageContext(ctx: MessageContext): void {
  if (!(MESSAGE_PURPOSES as readonly string[]).includes(ctx.purpose)) {
    throw new Error(`ctx.purpose is not one of the message purposes (${MESSAGE_PURPOSES.join(", ")}).`);
  }
  const expected =
    ctx.purpose === "organization.invitation"
      ? "INVITEE"
      : isProviderPurpose(ctx.purpose) ||
          isProviderAccountPurpose(ctx.purpose) ||
          isProviderReviewPurpose(ctx.purpose) ||
          ctx.purpose === "organization.provider_invitation"
        ? "PROVIDER"
        : "PATIENT";
  if (ctx.recipient !== expected) fail(ctx, `ctx.recipient must be ${expected} for this purpose.`);
  if (!timeZoneSchema.safeParse(ctx.timeZone).success) fail(ctx, "ctx.timeZone must be an IANA time zone such as Europe/London.");
  if (!(ctx.now instanceof Date) || Number.isNaN(ctx.now.getTime())) fail(ctx, "ctx.now must be a valid Date.");
  checkedUrl(ctx, "ctx.appUrl", ctx.appUrl);
}

/** An absolute http(s) URL: anything else (a javascript: link, a relative path) never reaches an href or a text. */
export function checkedUrl(ctx: Pick<MessageContext, "purpose">, field: string, value: string | null | undefined): string {
  if (!value) fail(ctx, `${field} is required.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(ctx, `${field} must be an absolute URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(ctx, `${field} must be an http(s) URL.`);
  return url.toString();
}

export function requireBooking(ctx: MessageContext): MessageBooking {
  const { booking } = ctx;
  if (!booking) fail(ctx, "ctx.booking is required.");
  for (const [field, value] of [
    ["booking.startsAt", booking.startsAt],
    ["booking.endsAt", booking.endsAt],
  ] as const) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(ctx, `ctx.${field} must be a valid Date.`);
  }
  if (booking.endsAt.getTime() <= booking.startsAt.getTime()) fail(ctx, "ctx.booking.endsAt must be after booking.startsAt.");
  if (!booking.provider.displayName.trim()) fail(ctx, "ctx.booking.provider.displayName is empty.");
  return booking;
}

export function requireManageUrl(ctx: MessageContext): string {
  return checkedUrl(ctx, "ctx.manageUrl", ctx.manageUrl);
}

export function requireProviderUrl(ctx: MessageContext): string {
  return checkedUrl(ctx, "ctx.providerUrl", ctx.providerUrl);
}

/** booking.rescheduled (patient and provider) says where the appointment moved from. */
export function requirePrevious(ctx: MessageContext, booking: MessageBooking): { startsAt: Date; endsAt: Date } {
  if (!booking.previous) fail(ctx, "ctx.booking.previous (the time it moved from) is required.");
  return booking.previous;
}

export function requireCalendarAccount(ctx: MessageContext): { googleEmail: string } {
  const account = ctx.calendarAccount;
  if (!account || !account.googleEmail.trim()) fail(ctx, "ctx.calendarAccount.googleEmail is required.");
  return account;
}

/** Where a provider connects or reconnects Google Calendar. */
export function calendarSyncUrl(ctx: MessageContext): string {
  return new URL("/provider/calendar-sync", checkedUrl(ctx, "ctx.appUrl", ctx.appUrl)).toString();
}

export function requireVerification(ctx: MessageContext): { code: string; expiresAt: Date } {
  const { verification } = ctx;
  if (!verification) fail(ctx, "ctx.verification is required.");
  if (!/^[0-9]{6}$/.test(verification.code)) fail(ctx, "ctx.verification.code must be 6 digits.");
  if (!(verification.expiresAt instanceof Date) || Number.isNaN(verification.expiresAt.getTime())) fail(ctx, "ctx.verification.expiresAt must be a valid Date.");
  return verification;
}

export function requireMemberInvitation(ctx: MessageContext): NonNullable<MessageContext["memberInvitation"]> {
  const invitation = ctx.memberInvitation;
  if (!invitation) fail(ctx, "ctx.memberInvitation is required.");
  if (!invitation.organizationName.trim()) fail(ctx, "ctx.memberInvitation.organizationName is empty.");
  if (!(invitation.expiresAt instanceof Date) || Number.isNaN(invitation.expiresAt.getTime())) fail(ctx, "ctx.memberInvitation.expiresAt must be a valid Date.");
  checkedUrl(ctx, "ctx.memberInvitation.acceptUrl", invitation.acceptUrl);
  return invitation;
}

export function requireProviderInvitation(ctx: MessageContext): NonNullable<MessageContext["providerInvitation"]> {
  const invitation = ctx.providerInvitation;
  if (!invitation) fail(ctx, "ctx.providerInvitation is required.");
  if (!invitation.organizationName.trim()) fail(ctx, "ctx.providerInvitation.organizationName is empty.");
  checkedUrl(ctx, "ctx.providerInvitation.networkUrl", invitation.networkUrl);
  return invitation;
}

/** A review decision's facts; the purposes that tell the provider why need the reason, a document's needs its name. */
export function requireProviderReview(ctx: MessageContext, purpose: ProviderReviewPurpose): NonNullable<MessageContext["providerReview"]> {
  const review = ctx.providerReview;
  if (!review) fail(ctx, "ctx.providerReview is required.");
  if (!review.providerName.trim()) fail(ctx, "ctx.providerReview.providerName is empty.");
  const needsReason = purpose === "provider_review.document_rejected" || purpose === "provider_review.rejected" || purpose === "provider_review.suspended";
  if (needsReason && !review.reason?.trim()) fail(ctx, "ctx.providerReview.reason is required for this purpose.");
  if (purpose === "provider_review.document_rejected" && !review.documentName?.trim()) fail(ctx, "ctx.providerReview.documentName is required.");
  checkedUrl(ctx, "ctx.providerReview.actionUrl", review.actionUrl);
  return review;
}

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1440;

/** "in 24 hours", "in 2 hours", "in 30 minutes", "in 3 days": how far ahead a reminder was set. */
export function reminderLeadWords(ctx: MessageContext): string {
  const minutes = ctx.reminderOffsetMinutes;
  if (minutes === undefined || !Number.isSafeInteger(minutes) || minutes <= 0) {
    fail(ctx, "ctx.reminderOffsetMinutes must be a whole number of minutes above 0.");
  }
  const plural = (count: number, unit: string) => `in ${count} ${unit}${count === 1 ? "" : "s"}`;
  // Up to two days people count in hours ("in 24 hours", "in 48 hours"); beyond that, in days.
  if (minutes > 2 * MINUTES_PER_DAY && minutes % MINUTES_PER_DAY === 0) return plural(minutes / MINUTES_PER_DAY, "day");
  if (minutes % MINUTES_PER_HOUR === 0) return plural(minutes / MINUTES_PER_HOUR, "hour");
  return plural(minutes, "minute");
}

/** Where a patient whose booking fell through can pick another time with the same provider. */
export function bookAgainUrl(ctx: MessageContext, booking: MessageBooking): string {
  return new URL(`/providers/${encodeURIComponent(booking.provider.slug)}`, checkedUrl(ctx, "ctx.appUrl", ctx.appUrl)).toString();
}

/**
 * Names and other free text as one line: a name with newlines could otherwise forge extra lines in
 * a text message, and WhatsApp refuses template variables with newlines, tabs or long runs of spaces.
 */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
