import type { MessageBooking, MessageContext } from "./types";

/** Shared by the catalogue's unit tests: one realistic booking and context, overridable per test. */
export const APP_URL = "https://medbookings.example";
export const MANAGE_URL = `${APP_URL}/bookings/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG`;
export const PROVIDER_URL = `${APP_URL}/provider/bookings`;
export const SENDER_EMAIL = "bookings@medbookings.example";
export const MEET_URL = "https://meet.google.com/abc-defg-hij";
export const GOOGLE_ACCOUNT = "amelia.hart.clinic@gmail.example";

/** Distinctive patient details, so a test can prove they never reach a text or a template. */
export const PATIENT = {
  name: "Zelda Quixotic-Patientname",
  email: "zelda.private@example.org",
  phone: "+447700900123",
  isGuest: false,
};
export const REASON = "Flare-up of my confidential-condition";

export function buildBooking(overrides: Partial<MessageBooking> = {}): MessageBooking {
  return {
    id: "6f1c2a9e-3b7d-4c55-9a61-0d2f8e4b7c10",
    status: "CONFIRMED",
    // Tuesday 3 March 2026, 09:30–10:00 in London (GMT).
    startsAt: new Date("2026-03-03T09:30:00Z"),
    endsAt: new Date("2026-03-03T10:00:00Z"),
    mode: "IN_PERSON",
    provider: { id: "p1", slug: "amelia-hart", displayName: "Dr. Amelia Hart", timeZone: "Europe/London" },
    service: { id: "s1", name: "Dermatology consultation", durationMinutes: 30 },
    location: { id: "l1", name: "Harbour Health King's Cross", formattedAddress: "1 Pancras Square, London N1C 4AG", timeZone: "Europe/London" },
    meetUrl: null,
    calendarSequence: 0,
    previous: null,
    cancelledBy: null,
    cancellationReason: null,
    patient: { ...PATIENT },
    ...overrides,
  };
}

export const INVITATION_URL = `${APP_URL}/invitations/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG`;
export const NETWORK_URL = `${APP_URL}/provider/organizations`;

export const ONBOARDING_URL = `${APP_URL}/provider/onboarding`;
export const PROVIDER_HOME_URL = `${APP_URL}/provider`;
export const REVIEW_REASON = "The licence has expired; send the current one.";

export function buildContext(overrides: Partial<MessageContext> = {}): MessageContext {
  const purpose = overrides.purpose ?? "booking.confirmed";
  const isReview = purpose.startsWith("provider_review.");
  const isProvider = purpose.startsWith("provider.") || purpose === "organization.provider_invitation" || isReview;
  const hasBooking = !["verification.code", "provider.calendar_reconnect", "organization.invitation", "organization.provider_invitation"].includes(purpose) && !isReview;
  return {
    purpose,
    recipient: purpose === "organization.invitation" ? "INVITEE" : isProvider ? "PROVIDER" : "PATIENT",
    timeZone: "Europe/London",
    language: "en",
    appUrl: APP_URL,
    booking: hasBooking ? buildBooking() : null,
    manageUrl: isProvider ? null : MANAGE_URL,
    providerUrl: isProvider ? PROVIDER_URL : null,
    now: new Date("2026-03-01T08:15:30Z"),
    senderEmail: SENDER_EMAIL,
    ...(purpose === "booking.reminder" ? { reminderOffsetMinutes: 1440 } : {}),
    ...(purpose === "provider.calendar_reconnect" ? { calendarAccount: { googleEmail: GOOGLE_ACCOUNT } } : {}),
    ...(purpose === "organization.invitation"
      ? {
          timeZone: "UTC",
          memberInvitation: {
            organizationName: "Harbour Health",
            invitedByName: "Priya Shah",
            role: "ADMIN",
            acceptUrl: INVITATION_URL,
            expiresAt: new Date("2026-03-08T08:15:30Z"),
          },
        }
      : {}),
    ...(purpose === "organization.provider_invitation"
      ? { providerInvitation: { organizationName: "Harbour Health", invitedByName: "Priya Shah", networkUrl: NETWORK_URL } }
      : {}),
    ...(isReview
      ? {
          timeZone: "UTC",
          providerUrl: null,
          providerReview: {
            providerName: "Dr. Amelia Hart",
            reason: purpose === "provider_review.approved" || purpose === "provider_review.reinstated" ? null : REVIEW_REASON,
            documentName: purpose === "provider_review.document_rejected" ? "Professional licence" : null,
            actionUrl: purpose === "provider_review.document_rejected" ? ONBOARDING_URL : PROVIDER_HOME_URL,
          },
        }
      : {}),
    ...(purpose === "verification.code" ? { verification: { code: "042917", expiresAt: new Date("2026-03-01T08:25:30Z") } } : {}),
    ...overrides,
  };
}
