import { plainTextSelectors, render } from "@react-email/render";
import { compile } from "html-to-text";
import type { ReactElement } from "react";
import { bookingCalendarAttachment, calendarFilename } from "./booking-calendar-attachment";
import { emailSubject } from "./email-subject";
import { BookingCancelledEmail } from "./emails/booking-cancelled-email";
import { BookingConfirmedEmail } from "./emails/booking-confirmed-email";
import { BookingDeclinedEmail } from "./emails/booking-declined-email";
import { BookingRequestedEmail } from "./emails/booking-requested-email";
import { BookingRescheduledEmail } from "./emails/booking-rescheduled-email";
import { BookingReminderEmail } from "./emails/booking-reminder-email";
import { patientEmailView, providerEmailView } from "./emails/email-view";
import { ProviderBookingCancelledEmail } from "./emails/provider-booking-cancelled-email";
import { ProviderBookingConfirmedEmail } from "./emails/provider-booking-confirmed-email";
import { ProviderBookingRequestedEmail } from "./emails/provider-booking-requested-email";
import { ProviderBookingRescheduledEmail } from "./emails/provider-booking-rescheduled-email";
import { ProviderCalendarReconnectEmail } from "./emails/provider-calendar-reconnect-email";
import { ProviderMeetFailedEmail } from "./emails/provider-meet-failed-email";
import { OrganizationInvitationEmail } from "./emails/organization-invitation-email";
import { OrganizationProviderInvitationEmail } from "./emails/organization-provider-invitation-email";
import { ProviderReviewEmail } from "./emails/provider-review-email";
import { VerificationCodeEmail } from "./emails/verification-code-email";
import { formatInstant } from "./format-when";
import {
  assertMessageContext,
  calendarSyncUrl,
  checkedUrl,
  isPatientBookingPurpose,
  isOrganizationPurpose,
  isProviderAccountPurpose,
  isProviderPurpose,
  isProviderReviewPurpose,
  oneLine,
  isReplyPurpose,
  requireBooking,
  requireCalendarAccount,
  requireMemberInvitation,
  requireProviderInvitation,
  requireProviderReview,
  requireVerification,
  type OrganizationPurpose,
  type PatientBookingPurpose,
  type ProviderPurpose,
  type ProviderReviewPurpose,
} from "./message-context";
import type { EmailAttachment, MessageContext, RenderedEmail } from "./types";

// html-to-text shouts headings in capitals by default; the text part should read like the HTML.
// Phone and email links already show their address as their text.
const TEXT_OPTIONS = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "a[href^='tel:']", format: "anchor", options: { ignoreHref: true } },
    { selector: "a[href^='mailto:']", format: "anchor", options: { ignoreHref: true } },
  ],
};

/**
 * react-email's toPlainText with our selectors, compiled once: toPlainText compiles its options on
 * every call (about 1 ms of a message's CPU); the output is the same.
 */
const toText = compile({ wordwrap: false, selectors: [...plainTextSelectors, ...TEXT_OPTIONS.selectors] });

interface EmailParts {
  subject: string;
  element: ReactElement;
  attachments: EmailAttachment[];
}

const PATIENT_EMAILS = {
  "booking.requested": BookingRequestedEmail,
  "booking.confirmed": BookingConfirmedEmail,
  "booking.declined": BookingDeclinedEmail,
  "booking.rescheduled": BookingRescheduledEmail,
  "booking.cancelled": BookingCancelledEmail,
  "booking.reminder": BookingReminderEmail,
} satisfies Record<PatientBookingPurpose, unknown>;

const PROVIDER_EMAILS = {
  "provider.booking_requested": ProviderBookingRequestedEmail,
  "provider.booking_confirmed": ProviderBookingConfirmedEmail,
  "provider.booking_cancelled": ProviderBookingCancelledEmail,
  "provider.booking_rescheduled": ProviderBookingRescheduledEmail,
  "provider.meet_failed": ProviderMeetFailedEmail,
} satisfies Record<ProviderPurpose, unknown>;

function patientEmail(ctx: MessageContext, purpose: PatientBookingPurpose): EmailParts {
  const booking = requireBooking(ctx);
  const view = patientEmailView(ctx, purpose, emailSubject(ctx, purpose), calendarFilename(booking));
  const Email = PATIENT_EMAILS[purpose];
  return {
    subject: view.subject,
    element: <Email view={view} />,
    attachments: [bookingCalendarAttachment({ ctx, purpose, booking, manageUrl: view.manageUrl })],
  };
}

function providerEmail(ctx: MessageContext, purpose: ProviderPurpose): EmailParts {
  const view = providerEmailView(ctx, purpose, emailSubject(ctx, purpose));
  const Email = PROVIDER_EMAILS[purpose];
  return { subject: view.subject, element: <Email view={view} />, attachments: [] };
}

function calendarReconnectEmail(ctx: MessageContext): EmailParts {
  const view = {
    subject: emailSubject(ctx, "provider.calendar_reconnect"),
    googleEmail: requireCalendarAccount(ctx).googleEmail,
    reconnectUrl: calendarSyncUrl(ctx),
  };
  return { subject: view.subject, element: <ProviderCalendarReconnectEmail view={view} />, attachments: [] };
}

const ROLE_WORDS: Record<string, string> = { OWNER: "an owner", ADMIN: "an admin", MANAGER: "a manager", STAFF: "a member of staff" };

function inviterSentence(name: string | null): string {
  const inviter = name ? oneLine(name) : "";
  return inviter ? `${inviter} invited you` : "You have been invited";
}

/** Invitations have no booking: nothing in them is a patient's. */
function organizationEmail(ctx: MessageContext, purpose: OrganizationPurpose): EmailParts {
  const subject = emailSubject(ctx, purpose);
  if (purpose === "organization.invitation") {
    const invitation = requireMemberInvitation(ctx);
    const view = {
      subject,
      inviterSentence: inviterSentence(invitation.invitedByName),
      organizationName: oneLine(invitation.organizationName),
      roleWords: ROLE_WORDS[invitation.role] ?? invitation.role.toLowerCase(),
      acceptUrl: checkedUrl(ctx, "ctx.memberInvitation.acceptUrl", invitation.acceptUrl),
      expiresAt: formatInstant(invitation.expiresAt, ctx.timeZone),
    };
    return { subject, element: <OrganizationInvitationEmail view={view} />, attachments: [] };
  }
  const invitation = requireProviderInvitation(ctx);
  const view = {
    subject,
    inviterSentence: inviterSentence(invitation.invitedByName),
    organizationName: oneLine(invitation.organizationName),
    networkUrl: checkedUrl(ctx, "ctx.providerInvitation.networkUrl", invitation.networkUrl),
  };
  return { subject, element: <OrganizationProviderInvitationEmail view={view} />, attachments: [] };
}

/** The platform's review decisions: about the provider's account, with no booking and nothing of a patient's. */
function providerReviewEmail(ctx: MessageContext, purpose: ProviderReviewPurpose): EmailParts {
  const review = requireProviderReview(ctx, purpose);
  const view = {
    purpose,
    subject: emailSubject(ctx, purpose),
    providerName: oneLine(review.providerName),
    reason: review.reason,
    documentName: review.documentName ? oneLine(review.documentName) : null,
    actionUrl: checkedUrl(ctx, "ctx.providerReview.actionUrl", review.actionUrl),
  };
  return { subject: view.subject, element: <ProviderReviewEmail view={view} />, attachments: [] };
}

function validityWords(minutes: number): string {
  if (minutes >= 120 && minutes % 60 === 0) return `${minutes / 60} hours`;
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

function verificationEmail(ctx: MessageContext): EmailParts {
  const { code, expiresAt } = requireVerification(ctx);
  const remainingMs = expiresAt.getTime() - ctx.now.getTime();
  // An expired code would only send the guest back to ask again.
  if (remainingMs <= 0) throw new Error("Message verification.code: ctx.verification.expiresAt must be after ctx.now.");
  const view = {
    subject: emailSubject(ctx, "verification.code"),
    code,
    expiresAt: formatInstant(expiresAt, ctx.timeZone),
    validFor: validityWords(Math.max(1, Math.round(remainingMs / 60_000))),
    appUrl: checkedUrl(ctx, "ctx.appUrl", ctx.appUrl),
  };
  return { subject: view.subject, element: <VerificationCodeEmail view={view} />, attachments: [] };
}

/**
 * The email for a message: subject, HTML, its text part and attachments. Only English copy exists
 * for now, so any ctx.language renders in English (as the WhatsApp templates fall back to "en").
 */
export async function renderEmail(ctx: MessageContext): Promise<RenderedEmail> {
  assertMessageContext(ctx);
  const { purpose } = ctx;
  if (isReplyPurpose(purpose)) {
    throw new Error(`Message ${purpose}: answers to WhatsApp/SMS replies are text-only and have no email; use renderText.`);
  }
  const parts = isPatientBookingPurpose(purpose)
    ? patientEmail(ctx, purpose)
    : isProviderPurpose(purpose)
      ? providerEmail(ctx, purpose)
      : isProviderAccountPurpose(purpose)
        ? calendarReconnectEmail(ctx)
        : isOrganizationPurpose(purpose)
          ? organizationEmail(ctx, purpose)
          : isProviderReviewPurpose(purpose)
            ? providerReviewEmail(ctx, purpose)
            : verificationEmail(ctx);
  const html = await render(parts.element);
  return { subject: parts.subject, html, text: toText(html), attachments: parts.attachments };
}
