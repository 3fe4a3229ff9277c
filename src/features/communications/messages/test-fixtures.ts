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

export function buildContext(overrides: Partial<MessageContext> = {}): MessageContext {
  const purpose = overrides.purpose ?? "booking.confirmed";
  const isProvider = purpose.startsWith("provider.");
  return {
    purpose,
    recipient: isProvider ? "PROVIDER" : "PATIENT",
    timeZone: "Europe/London",
    language: "en",
    appUrl: APP_URL,
    booking: purpose === "verification.code" || purpose === "provider.calendar_reconnect" ? null : buildBooking(),
    manageUrl: isProvider ? null : MANAGE_URL,
    providerUrl: isProvider ? PROVIDER_URL : null,
    now: new Date("2026-03-01T08:15:30Z"),
    senderEmail: SENDER_EMAIL,
    ...(purpose === "booking.reminder" ? { reminderOffsetMinutes: 1440 } : {}),
    ...(purpose === "provider.calendar_reconnect" ? { calendarAccount: { googleEmail: GOOGLE_ACCOUNT } } : {}),
    ...(purpose === "verification.code" ? { verification: { code: "042917", expiresAt: new Date("2026-03-01T08:25:30Z") } } : {}),
    ...overrides,
  };
}
