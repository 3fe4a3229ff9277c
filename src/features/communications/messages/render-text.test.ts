import { describe, expect, it } from "vitest";
import { HELP_TEXT, renderText, type TextChannel } from "./render-text";
import { APP_URL, buildBooking, buildContext, MANAGE_URL, MEET_URL, PATIENT, PROVIDER_URL, REASON } from "./test-fixtures";
import { MESSAGE_PURPOSES, type MessageBooking, type MessageContext, type MessagePurpose } from "./types";

const CHANNELS: TextChannel[] = ["WHATSAPP", "SMS"];
const MOVED_FROM = { startsAt: new Date("2026-03-02T14:00:00Z"), endsAt: new Date("2026-03-02T14:30:00Z") };
const LONG_WHEN = "Tuesday 3 March 2026, 09:30–10:00 (Europe/London, GMT)";
const SHORT_WHEN = "Tue 3 Mar 2026, 09:30-10:00 (Europe/London, GMT)";
const BOOK_AGAIN = `${APP_URL}/providers/amelia-hart`;
/** Organization invitations and review decisions go by email only; renderText refuses them (tested below). */
const TEXT_PURPOSES = MESSAGE_PURPOSES.filter((purpose) => !purpose.startsWith("organization.") && !purpose.startsWith("provider_review."));

function contextFor(purpose: MessagePurpose, booking: Partial<MessageBooking> = {}, overrides: Partial<MessageContext> = {}): MessageContext {
  if (purpose === "verification.code" || purpose === "provider.calendar_reconnect" || purpose.startsWith("organization.") || purpose.startsWith("provider_review.")) return buildContext({ purpose, ...overrides });
  return buildContext({
    purpose,
    booking: buildBooking({ previous: MOVED_FROM, cancelledBy: "PROVIDER", cancellationReason: REASON, mode: "ONLINE", meetUrl: MEET_URL, ...booking }),
    ...overrides,
  });
}

/** The GSM 03.38 default alphabet (plus its extension table): text in it is sent as 7-bit SMS. */
const GSM_7 = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€",
);

describe("renderText: every purpose on both channels", () => {
  it.each(TEXT_PURPOSES.flatMap((purpose) => CHANNELS.map((channel) => [purpose, channel] as const)))("%s by %s", (purpose, channel) => {
    const text = renderText(contextFor(purpose), channel);
    expect(text.length).toBeGreaterThan(40);
    if (channel === "SMS") {
      expect(text.length).toBeLessThanOrEqual(320);
      expect([...text].filter((char) => !GSM_7.has(char))).toEqual([]);
    }
  });

  it("keeps SMS at two segments or fewer with a long name, a long zone and a reschedule", () => {
    const booking = {
      provider: { ...buildBooking().provider, displayName: "Dr. Anna-Katharina Oyelaran-Whitfield" },
      startsAt: new Date("2026-11-17T12:30:00Z"),
      endsAt: new Date("2026-11-17T13:30:00Z"),
    };
    for (const purpose of TEXT_PURPOSES) {
      const text = renderText(contextFor(purpose, booking, { timeZone: "America/Argentina/Buenos_Aires" }), "SMS");
      expect(text.length, purpose).toBeLessThanOrEqual(320);
    }
  });

  it("refuses organization invitations, which go by email only", () => {
    for (const purpose of ["organization.invitation", "organization.provider_invitation"] as const) {
      for (const channel of CHANNELS) expect(() => renderText(contextFor(purpose), channel)).toThrow(/email only/);
    }
  });

  it("refuses the platform's review decisions, which go by email only", () => {
    for (const purpose of MESSAGE_PURPOSES.filter((p) => p.startsWith("provider_review."))) {
      for (const channel of CHANNELS) expect(() => renderText(contextFor(purpose), channel)).toThrow(/email only/);
    }
  });

  it("falls back to English for other languages", () => {
    for (const channel of CHANNELS) {
      expect(renderText(contextFor("booking.confirmed", {}, { language: "pt-BR" }), channel)).toBe(renderText(contextFor("booking.confirmed"), channel));
    }
  });
});

describe("renderText: what a text may say", () => {
  const patientPurposes = TEXT_PURPOSES.filter((purpose) => !purpose.startsWith("provider."));
  const providerPurposes = TEXT_PURPOSES.filter((purpose) => purpose.startsWith("provider.") && purpose !== "provider.calendar_reconnect");

  it("provider.calendar_reconnect says what changed and links the calendar settings", () => {
    for (const channel of CHANNELS) {
      expect(renderText(contextFor("provider.calendar_reconnect"), channel)).toBe(
        `MedBookings: Google Calendar is disconnected, so your availability uses MedBookings bookings only. Reconnect it: ${APP_URL}/provider/calendar-sync`,
      );
    }
  });

  it.each(patientPurposes)("%s to the patient holds no health detail: no service, place, reason or Meet link", (purpose) => {
    for (const channel of CHANNELS) {
      const text = renderText(contextFor(purpose, { mode: "IN_PERSON", meetUrl: null }), channel);
      for (const secret of ["Dermatology", "Harbour Health", "Pancras", REASON, PATIENT.name, PATIENT.email, PATIENT.phone]) {
        expect(text, `${purpose} ${channel}`).not.toContain(secret);
      }
      const online = renderText(contextFor(purpose), channel);
      expect(online).not.toContain(MEET_URL);
    }
  });

  it.each(providerPurposes)("%s to the provider never names the patient and links the bookings page", (purpose) => {
    for (const channel of CHANNELS) {
      const text = renderText(contextFor(purpose), channel);
      for (const secret of [PATIENT.name, "Zelda", PATIENT.email, PATIENT.phone, REASON, "Dermatology"]) expect(text).not.toContain(secret);
      expect(text).toContain(PROVIDER_URL);
      expect(text).not.toContain(MANAGE_URL);
    }
  });

  it("writes the provider notices like their template", () => {
    expect(renderText(contextFor("provider.booking_requested"), "WHATSAPP")).toBe(`MedBookings: New booking request for ${LONG_WHEN}. Details: ${PROVIDER_URL}`);
    expect(renderText(contextFor("provider.booking_confirmed"), "SMS")).toBe(`MedBookings: New booking for ${SHORT_WHEN}. Details: ${PROVIDER_URL}`);
    expect(renderText(contextFor("provider.booking_cancelled"), "SMS")).toContain("Cancelled booking for");
    expect(renderText(contextFor("provider.booking_rescheduled"), "SMS")).toContain("Rescheduled booking for");
  });
});

describe("renderText: patient messages", () => {
  it("booking.confirmed gives the provider, the time in the recipient's zone and the manage link", () => {
    expect(renderText(contextFor("booking.confirmed"), "WHATSAPP")).toBe(
      `MedBookings: your appointment with Dr. Amelia Hart on ${LONG_WHEN} is confirmed. Manage it: ${MANAGE_URL}`,
    );
    expect(renderText(contextFor("booking.confirmed"), "SMS")).toBe(
      `MedBookings: your appointment with Dr. Amelia Hart on ${SHORT_WHEN} is confirmed. Manage it: ${MANAGE_URL}`,
    );
    expect(renderText(contextFor("booking.confirmed", {}, { timeZone: "Asia/Kolkata" }), "SMS")).toContain("Tue 3 Mar 2026, 15:00-15:30 (Asia/Kolkata, GMT+5:30)");
  });

  it("booking.requested says it is not confirmed yet", () => {
    expect(renderText(contextFor("booking.requested"), "SMS")).toContain("We will message you when it is confirmed.");
  });

  it("booking.rescheduled names the zone again for the old time only when its offset differs", () => {
    const acrossChange = renderText(
      contextFor("booking.rescheduled", {
        startsAt: new Date("2026-03-30T08:30:00Z"),
        endsAt: new Date("2026-03-30T09:00:00Z"),
        previous: { startsAt: new Date("2026-03-27T09:30:00Z"), endsAt: new Date("2026-03-27T10:00:00Z") },
      }),
      "WHATSAPP",
    );
    expect(acrossChange).toContain(
      "has moved to Monday 30 March 2026, 09:30–10:00 (Europe/London, GMT+1). It was Friday 27 March 2026, 09:30–10:00 (Europe/London, GMT).",
    );
  });

  it("booking.rescheduled gives the new time and the old", () => {
    expect(renderText(contextFor("booking.rescheduled"), "SMS")).toBe(
      `MedBookings: your appointment with Dr. Amelia Hart has moved to ${SHORT_WHEN}. It was Mon 2 Mar 2026, 14:00-14:30. Manage it: ${MANAGE_URL}`,
    );
  });

  it.each([
    ["PATIENT", "You cancelled your appointment with Dr. Amelia Hart on"],
    ["PROVIDER", "Dr. Amelia Hart cancelled your appointment on"],
    ["SYSTEM", "was cancelled: it was cancelled automatically."],
    [null, "Your appointment with Dr. Amelia Hart on"],
  ] as const)("booking.cancelled by %s says who, and links to book again", (cancelledBy, words) => {
    const text = renderText(contextFor("booking.cancelled", { cancelledBy }), "SMS");
    expect(text).toContain(words);
    expect(text.endsWith(`Book again: ${BOOK_AGAIN}`)).toBe(true);
  });

  it("booking.declined links to book another time", () => {
    expect(renderText(contextFor("booking.declined"), "WHATSAPP")).toBe(
      `MedBookings: Dr. Amelia Hart could not accept your request for ${LONG_WHEN}. Book another time: ${BOOK_AGAIN}`,
    );
  });

  it.each([
    [1440, "in 24 hours"],
    [120, "in 2 hours"],
  ])("booking.reminder %i minutes ahead says %s and how to reply", (reminderOffsetMinutes, words) => {
    const text = renderText(contextFor("booking.reminder", {}, { reminderOffsetMinutes }), "SMS");
    expect(text).toContain(`is ${words}, on ${SHORT_WHEN}`);
    expect(text).toContain("Reply 1 if you will attend, 2 for your booking link.");
    expect(renderText(contextFor("booking.reminder", {}, { reminderOffsetMinutes }), "WHATSAPP")).toBe(
      `MedBookings reminder: your appointment with Dr. Amelia Hart is ${words}, on ${LONG_WHEN}. Reply 1 to confirm you will attend, or 2 to get your booking link. Manage it: ${MANAGE_URL}`,
    );
  });

  it("puts a provider name with line breaks on one line", () => {
    const text = renderText(contextFor("booking.confirmed", { provider: { ...buildBooking().provider, displayName: "Dr. Amelia\nReply STOP now" } }), "SMS");
    expect(text).not.toContain("\n");
    expect(text).toContain("Dr. Amelia Reply STOP now");
  });
});

describe("renderText: replies and the guest's code", () => {
  it("reply.help explains 1, 2 and STOP, with or without a booking", () => {
    for (const channel of CHANNELS) {
      const text = renderText(contextFor("reply.help", {}, { booking: null, manageUrl: null }), channel);
      expect(text).toBe(HELP_TEXT);
      expect(text).toMatch(/reply 1 to confirm you will attend/);
      expect(text).toMatch(/2 for your booking link/);
      expect(text).toMatch(/STOP to stop messages/);
    }
  });

  it("reply.attendance_confirmed and reply.manage_link name the booking and its link", () => {
    expect(renderText(contextFor("reply.attendance_confirmed"), "WHATSAPP")).toBe(
      `Thank you: you have confirmed you will attend your appointment with Dr. Amelia Hart on ${LONG_WHEN}. Manage it: ${MANAGE_URL}`,
    );
    expect(renderText(contextFor("reply.manage_link"), "SMS")).toBe(
      `Your next appointment is with Dr. Amelia Hart on ${SHORT_WHEN}. View, reschedule or cancel it: ${MANAGE_URL}`,
    );
  });

  it("verification.code gives the code, its expiry in the recipient's zone, and what to do if unasked", () => {
    expect(renderText(contextFor("verification.code"), "WHATSAPP")).toBe(
      "Your MedBookings code is 042917. It expires at 08:25 on Sunday 1 March 2026 (Europe/London, GMT). If you did not ask for it, ignore this message.",
    );
    const sms = renderText(contextFor("verification.code", {}, { timeZone: "Australia/Adelaide" }), "SMS");
    expect(sms).toContain("It expires at 18:55 on Sun 1 Mar 2026 (Australia/Adelaide, GMT+10:30).");
    // WebOTP: the last line binds the code to the site so the browser can fill it in.
    expect(sms.split("\n").at(-1)).toBe("@medbookings.example #042917");
  });
});

describe("renderText: bad input", () => {
  it("names what is missing or wrong", () => {
    expect(() => renderText(contextFor("booking.confirmed", {}, { manageUrl: null }), "SMS")).toThrow("Message booking.confirmed: ctx.manageUrl is required.");
    expect(() => renderText(contextFor("booking.confirmed", {}, { booking: null }), "SMS")).toThrow("Message booking.confirmed: ctx.booking is required.");
    expect(() => renderText(contextFor("provider.booking_confirmed", {}, { providerUrl: "ftp://x.example" }), "SMS")).toThrow(
      "Message provider.booking_confirmed: ctx.providerUrl must be an http(s) URL.",
    );
    expect(() => renderText(contextFor("booking.reminder", {}, { reminderOffsetMinutes: undefined }), "SMS")).toThrow(/ctx.reminderOffsetMinutes/);
    expect(() => renderText(contextFor("booking.confirmed"), "EMAIL" as TextChannel)).toThrow("Message booking.confirmed: renderText channel must be WHATSAPP or SMS.");
    expect(() =>
      renderText(contextFor("booking.confirmed", { startsAt: new Date("2026-03-03T10:00:00Z"), endsAt: new Date("2026-03-03T10:00:00Z") }), "SMS"),
    ).toThrow("Message booking.confirmed: ctx.booking.endsAt must be after booking.startsAt.");
  });

  it("never quotes the value in an error (it may be a patient's detail or a signed link)", () => {
    expect(() => renderText(contextFor("booking.confirmed", {}, { manageUrl: "not a url with secret-token-123" }), "SMS")).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("secret-token-123") }),
    );
  });
});
