import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { renderEmail } from "./render-email";
import { APP_URL, buildBooking, buildContext, GOOGLE_ACCOUNT, MANAGE_URL, MEET_URL, PATIENT, PROVIDER_URL, REASON, SENDER_EMAIL } from "./test-fixtures";
import { MESSAGE_PURPOSES, type MessageBooking, type MessageContext, type MessagePurpose } from "./types";

const EMAIL_PURPOSES = MESSAGE_PURPOSES.filter((purpose) => !purpose.startsWith("reply."));
const PATIENT_BOOKING_PURPOSES = EMAIL_PURPOSES.filter((purpose) => purpose.startsWith("booking."));
/** Provider notices about a booking (provider.calendar_reconnect is about their account). */
const PROVIDER_PURPOSES = EMAIL_PURPOSES.filter((purpose) => purpose.startsWith("provider.") && purpose !== "provider.calendar_reconnect");
const MOVED_FROM = { startsAt: new Date("2026-03-02T14:00:00Z"), endsAt: new Date("2026-03-02T14:30:00Z") };
const WHEN = "Tuesday 3 March 2026, 09:30–10:00 (Europe/London, GMT)";

/** A context every purpose accepts: rescheduled ones need the time they moved from. */
function contextFor(purpose: MessagePurpose, booking: Partial<MessageBooking> = {}, overrides: Partial<MessageContext> = {}): MessageContext {
  if (purpose === "verification.code" || purpose === "provider.calendar_reconnect" || purpose.startsWith("organization.") || purpose.startsWith("provider_review.")) return buildContext({ purpose, ...overrides });
  return buildContext({ purpose, booking: buildBooking({ previous: MOVED_FROM, ...booking }), ...overrides });
}

function parseCalendar(content: string) {
  const root = new ICAL.Component(ICAL.parse(content));
  const event = root.getFirstSubcomponent("vevent");
  const zone = root.getFirstSubcomponent("vtimezone");
  if (!event || !zone) throw new Error("no VEVENT or VTIMEZONE");
  const start = (event.getFirstPropertyValue("dtstart") as ICAL.Time).clone();
  start.zone = new ICAL.Timezone(zone);
  return {
    method: root.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    status: event.getFirstPropertyValue("status"),
    tzid: event.getFirstProperty("dtstart")?.getParameter("tzid"),
    startUtc: new Date(start.toUnixTime() * 1000).toISOString(),
    organizer: event.getFirstPropertyValue("organizer"),
    organizerName: event.getFirstProperty("organizer")?.getParameter("cn"),
    attendees: event.getAllProperties("attendee").map((attendee) => attendee.getFirstValue()),
  };
}

const decode = (value: string) => value.replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
const hrefs = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((match) => decode(match[1]!));

describe("renderEmail: every email purpose", () => {
  it.each(EMAIL_PURPOSES)("%s renders a complete, accessible document", async (purpose) => {
    const email = await renderEmail(contextFor(purpose));
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject.length).toBeLessThanOrEqual(60);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toMatch(/<html[^>]*\blang="en"/);
    expect(email.html).toContain(`<title>${email.subject}</title>`);
    // One h1 per message, and section headings as real headings.
    expect(email.html.match(/<h1\b/g)).toHaveLength(1);
    // No image without a text alternative (there are none; a logo added later must bring one).
    expect(email.html).not.toMatch(/<img(?![^>]*\balt=)[^>]*>/);
    // Every link says where it goes: some words, never "click here".
    for (const match of email.html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)) {
      const label = match[1]!.replace(/<[^>]+>/g, "").replace(/&#?\w+;/g, " ").trim();
      expect(label.length).toBeGreaterThan(3);
      expect(label.toLowerCase()).not.toMatch(/^(click )?here$/);
    }
    expect(email.text.length).toBeGreaterThan(50);
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it("writes subjects that say who and which day", async () => {
    const subjects = Object.fromEntries(
      await Promise.all(
        EMAIL_PURPOSES.map(async (purpose) => [
          purpose,
          (await renderEmail(contextFor(purpose, {}, purpose === "booking.reminder" ? { reminderOffsetMinutes: 120 } : {}))).subject,
        ]),
      ),
    );
    expect(subjects).toEqual({
      "booking.requested": "Request sent: Dr. Amelia Hart, Tue 3 Mar",
      "booking.confirmed": "Confirmed: Dr. Amelia Hart, Tue 3 Mar",
      "booking.declined": "Not accepted: Dr. Amelia Hart, Tue 3 Mar",
      "booking.rescheduled": "Rescheduled: Dr. Amelia Hart, now Tue 3 Mar",
      "booking.cancelled": "Cancelled: Dr. Amelia Hart, Tue 3 Mar",
      "booking.reminder": "Reminder: Dr. Amelia Hart in 2 hours",
      "provider.booking_requested": "New booking request for Tue 3 Mar",
      "provider.booking_confirmed": "New booking for Tue 3 Mar",
      "provider.booking_cancelled": "Booking cancelled: Tue 3 Mar",
      "provider.booking_rescheduled": "Booking moved to Tue 3 Mar",
      "provider.meet_failed": "Send a video link: online booking Tue 3 Mar",
      "provider.calendar_reconnect": "Reconnect Google Calendar to MedBookings",
      "organization.invitation": "Join Harbour Health on MedBookings",
      "organization.provider_invitation": "Harbour Health invited you to its network",
      "provider_review.document_rejected": "Not accepted: Professional licence",
      "provider_review.approved": "Your profile is live on MedBookings",
      "provider_review.rejected": "Your provider profile was not approved",
      "provider_review.suspended": "Your provider profile on MedBookings is suspended",
      "provider_review.reinstated": "Your profile is live on MedBookings again",
      "verification.code": "Your MedBookings code: 042917",
    });
  });

  it("takes the subject's day from the recipient's zone", async () => {
    // 23:00Z on Monday is already Tuesday morning in Adelaide.
    const booking = { startsAt: new Date("2026-03-02T23:00:00Z"), endsAt: new Date("2026-03-02T23:30:00Z") };
    expect((await renderEmail(contextFor("booking.confirmed", booking, { timeZone: "Australia/Adelaide" }))).subject).toBe(
      "Confirmed: Dr. Amelia Hart, Tue 3 Mar",
    );
    expect((await renderEmail(contextFor("booking.confirmed", booking, { timeZone: "America/Los_Angeles" }))).subject).toBe(
      "Confirmed: Dr. Amelia Hart, Mon 2 Mar",
    );
  });

  it("keeps a provider name with line breaks on one subject line", async () => {
    const email = await renderEmail(contextFor("booking.confirmed", { provider: { ...buildBooking().provider, displayName: "Dr. Amelia\r\nBcc: x@y.z" } }));
    expect(email.subject).toBe("Confirmed: Dr. Amelia Bcc: x@y.z, Tue 3 Mar");
  });

  it("refuses reply purposes, which are text-only", async () => {
    for (const purpose of ["reply.attendance_confirmed", "reply.manage_link", "reply.help"] as const) {
      await expect(renderEmail(contextFor(purpose))).rejects.toThrow(`Message ${purpose}: answers to WhatsApp/SMS replies are text-only and have no email; use renderText.`);
    }
  });

  it("falls back to English for other languages", async () => {
    const english = await renderEmail(contextFor("booking.confirmed"));
    const french = await renderEmail(contextFor("booking.confirmed", {}, { language: "fr-FR" }));
    expect(french).toEqual(english);
  });
});

describe("renderEmail: patient booking emails", () => {
  it.each(PATIENT_BOOKING_PURPOSES)("%s links the manage page, gives the address and attaches the calendar file", async (purpose) => {
    const email = await renderEmail(contextFor(purpose));
    expect(hrefs(email.html)).toContain(MANAGE_URL);
    expect(email.text).toContain(MANAGE_URL);
    expect(email.html).toContain("1 Pancras Square, London N1C 4AG");
    expect(email.text).toContain("Harbour Health King's Cross, 1 Pancras Square, London N1C 4AG");
    expect(email.text).toContain(WHEN);
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]!.filename).toBe("medbookings-2026-03-03.ics");
  });

  it.each([
    ["booking.requested", "REQUEST", "TENTATIVE", "PENDING"],
    ["booking.confirmed", "REQUEST", "CONFIRMED", "CONFIRMED"],
    ["booking.rescheduled", "REQUEST", "CONFIRMED", "CONFIRMED"],
    ["booking.reminder", "REQUEST", "CONFIRMED", "CONFIRMED"],
    ["booking.cancelled", "CANCEL", "CANCELLED", "CANCELLED"],
    ["booking.declined", "CANCEL", "CANCELLED", "DECLINED"],
  ] as const)("%s attaches METHOD:%s with STATUS:%s", async (purpose, method, status, bookingStatus) => {
    const email = await renderEmail(contextFor(purpose, { status: bookingStatus, calendarSequence: 4 }));
    const [attachment] = email.attachments;
    expect(attachment!.contentType).toBe(`text/calendar; charset=utf-8; method=${method}`);
    const calendar = parseCalendar(attachment!.content);
    expect(calendar).toEqual({
      method,
      uid: "6f1c2a9e-3b7d-4c55-9a61-0d2f8e4b7c10@medbookings",
      sequence: 4,
      status,
      tzid: "Europe/London",
      startUtc: "2026-03-03T09:30:00.000Z",
      organizer: `mailto:${SENDER_EMAIL}`,
      organizerName: "Dr. Amelia Hart",
      attendees: [`mailto:${PATIENT.email}`],
    });
  });

  it("keeps one UID per booking across every email about it", async () => {
    const uids = await Promise.all(
      PATIENT_BOOKING_PURPOSES.map(async (purpose) => parseCalendar((await renderEmail(contextFor(purpose))).attachments[0]!.content).uid),
    );
    expect(new Set(uids).size).toBe(1);
  });

  it("needs the sending address and the patient's email for the invitation", async () => {
    await expect(renderEmail(contextFor("booking.confirmed", {}, { senderEmail: undefined }))).rejects.toThrow(
      "Message booking.confirmed: ctx.senderEmail is required (the ORGANIZER of the calendar invitation).",
    );
    await expect(renderEmail(contextFor("booking.confirmed", { patient: { ...PATIENT, email: null } }))).rejects.toThrow(
      "Message booking.confirmed: ctx.booking.patient.email is required (the ATTENDEE of the calendar invitation).",
    );
  });

  it("refuses to render without the manage link, naming it", async () => {
    await expect(renderEmail(contextFor("booking.confirmed", {}, { manageUrl: null }))).rejects.toThrow("Message booking.confirmed: ctx.manageUrl is required.");
    await expect(renderEmail(contextFor("booking.confirmed", {}, { manageUrl: "javascript:alert(1)" }))).rejects.toThrow(
      "Message booking.confirmed: ctx.manageUrl must be an http(s) URL.",
    );
  });

  describe("online visits", () => {
    const online = { mode: "ONLINE" as const, location: null, meetUrl: MEET_URL };

    it.each(["booking.requested", "booking.confirmed", "booking.rescheduled", "booking.reminder"] as const)("%s gives the Meet link", async (purpose) => {
      const email = await renderEmail(contextFor(purpose, online));
      expect(hrefs(email.html)).toContain(MEET_URL);
      expect(email.text).toContain(`Join the video call on Google Meet ${MEET_URL}`);
      expect(email.text).toContain("Where: Online video call");
      expect(email.html).not.toContain("Pancras");
    });

    it.each(["booking.cancelled", "booking.declined"] as const)("%s does not invite anyone to the call of a visit that is off", async (purpose) => {
      const email = await renderEmail(contextFor(purpose, { ...online, status: "CANCELLED" }));
      expect(email.html).not.toContain(MEET_URL);
      expect(email.text).toContain("Where: Online video call");
    });

    it("says online without a link until the Meet link exists", async () => {
      const email = await renderEmail(contextFor("booking.confirmed", { ...online, meetUrl: null }));
      expect(email.text).toContain("Where: Online video call");
      expect(email.text).not.toContain("Google Meet");
    });

    it.each(["booking.confirmed", "booking.rescheduled", "booking.reminder"] as const)(
      "%s without a Meet link promises none: it says the provider sends the way in",
      async (purpose) => {
        const email = await renderEmail(contextFor(purpose, { ...online, meetUrl: null }));
        expect(email.text).toContain("How to join: Dr. Amelia Hart will send you the link to the video call.");
        expect(email.text).not.toMatch(/Meet/);
        const withLink = await renderEmail(contextFor(purpose, online));
        expect(withLink.text).not.toContain("How to join");
      },
    );

    it("booking.requested and in-person visits carry no join note", async () => {
      expect((await renderEmail(contextFor("booking.requested", { ...online, meetUrl: null }))).text).not.toContain("How to join");
      expect((await renderEmail(contextFor("booking.confirmed"))).text).not.toContain("How to join");
    });

    it("puts the Meet link in the invitation once it exists", async () => {
      const email = await renderEmail(contextFor("booking.confirmed", online));
      const ics = email.attachments[0]!.content.replace(/\r\n[ \t]/g, "");
      expect(ics).toContain(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Google Meet:${MEET_URL}`);
      const without = await renderEmail(contextFor("booking.confirmed", { ...online, meetUrl: null }));
      expect(without.attachments[0]!.content).not.toContain("CONFERENCE");
    });

    it("adds the provider's local time when it reads differently from the patient's", async () => {
      const email = await renderEmail(contextFor("booking.confirmed", online, { timeZone: "Asia/Kolkata" }));
      expect(email.text).toContain("When: Tuesday 3 March 2026, 15:00–15:30 (Asia/Kolkata, GMT+5:30)");
      expect(email.text).toContain(`Local time for Dr. Amelia Hart: ${WHEN}`);
      expect((await renderEmail(contextFor("booking.confirmed", online))).text).not.toContain("Local time");
    });
  });

  it("shows the practice's local time for an in-person visit seen from another zone", async () => {
    const email = await renderEmail(contextFor("booking.reminder", {}, { timeZone: "America/New_York" }));
    expect(email.text).toContain("When: Tuesday 3 March 2026, 04:30–05:00 (America/New York, GMT-5)");
    expect(email.text).toContain(`Local time at the practice: ${WHEN}`);
  });

  it("booking.rescheduled shows the new time and the old one", async () => {
    const email = await renderEmail(contextFor("booking.rescheduled"));
    expect(email.text).toContain(`New time: ${WHEN}`);
    expect(email.text).toContain("Was: Monday 2 March 2026, 14:00–14:30 (Europe/London, GMT)");
    expect(email.html).toMatch(/<del>Monday 2 March 2026, 14:00–14:30 \(Europe\/London, GMT\)<\/del>/);
    await expect(renderEmail(contextFor("booking.rescheduled", { previous: null }))).rejects.toThrow(
      "Message booking.rescheduled: ctx.booking.previous (the time it moved from) is required.",
    );
  });

  it.each([
    ["PATIENT", `You cancelled your appointment with Dr. Amelia Hart on ${WHEN}.`],
    ["PROVIDER", `Dr. Amelia Hart cancelled your appointment on ${WHEN}.`],
    ["SYSTEM", `Your appointment with Dr. Amelia Hart on ${WHEN} is cancelled: it was cancelled automatically, not by you or Dr. Amelia Hart.`],
  ] as const)("booking.cancelled by %s says who did it", async (cancelledBy, sentence) => {
    const email = await renderEmail(contextFor("booking.cancelled", { status: "CANCELLED", cancelledBy, cancellationReason: null }));
    expect(email.text).toContain(sentence);
    expect(email.text).not.toContain("Reason given");
    expect(hrefs(email.html)).toContain(`${APP_URL}/providers/amelia-hart`);
  });

  it("booking.cancelled and booking.declined give the reason when there is one", async () => {
    for (const purpose of ["booking.cancelled", "booking.declined"] as const) {
      const email = await renderEmail(contextFor(purpose, { status: "CANCELLED", cancelledBy: "PROVIDER", cancellationReason: `  ${REASON}  ` }));
      expect(email.text).toContain(`Reason given:\n\n${REASON}`);
    }
    const blank = await renderEmail(contextFor("booking.declined", { status: "DECLINED", cancellationReason: "   " }));
    expect(blank.text).not.toContain("Reason given");
  });

  it("booking.declined offers to book another time", async () => {
    const email = await renderEmail(contextFor("booking.declined", { status: "DECLINED" }));
    expect(email.text).toContain(`Dr. Amelia Hart could not accept your request for ${WHEN}.`);
    expect(email.text).toContain(`Book another time with Dr. Amelia Hart ${APP_URL}/providers/amelia-hart`);
  });

  it.each([
    [1440, "in 24 hours"],
    [120, "in 2 hours"],
  ])("booking.reminder %i minutes ahead says %s", async (reminderOffsetMinutes, words) => {
    const email = await renderEmail(contextFor("booking.reminder", {}, { reminderOffsetMinutes }));
    expect(email.html).toMatch(new RegExp(`<h1[^>]*>Your appointment is ${words}</h1>`));
    expect(email.text).toContain(`your appointment with Dr. Amelia Hart is ${words}, on ${WHEN}.`);
    expect(email.subject).toBe(`Reminder: Dr. Amelia Hart ${words}`);
  });

  it("booking.requested says it is not confirmed yet", async () => {
    const email = await renderEmail(contextFor("booking.requested", { status: "PENDING" }));
    expect(email.text).toContain("It is not confirmed yet");
    expect(email.text).toContain(`View or cancel your request ${MANAGE_URL}`);
  });

  it("never shows the patient's own contact details or the provider's bookings page", async () => {
    for (const purpose of PATIENT_BOOKING_PURPOSES) {
      const email = await renderEmail(contextFor(purpose));
      expect(email.html).not.toContain(PATIENT.phone);
      expect(email.html).not.toContain(PATIENT.name);
      expect(email.html).not.toContain(PROVIDER_URL);
    }
  });
});

describe("renderEmail: provider notices", () => {
  it.each(PROVIDER_PURPOSES)("%s names the patient, how to reach them, and links the bookings page", async (purpose) => {
    const email = await renderEmail(contextFor(purpose, { cancelledBy: "PATIENT" }));
    expect(email.text).toContain(`Name: ${PATIENT.name}`);
    expect(email.text).toContain(`Email: ${PATIENT.email}`);
    expect(email.text).toContain(`Phone: ${PATIENT.phone}`);
    expect(hrefs(email.html)).toEqual(expect.arrayContaining([PROVIDER_URL, `mailto:${PATIENT.email}`, `tel:${PATIENT.phone}`]));
    expect(email.html).not.toContain(MANAGE_URL);
    expect(email.attachments).toEqual([]);
    expect(email.text).toContain(`When: ${WHEN}`);
    expect(email.text).toContain("What: Dermatology consultation");
  });

  it("provider.meet_failed asks them to send the patient a video link, with the patient's contact", async () => {
    const email = await renderEmail(contextFor("provider.meet_failed", { mode: "ONLINE", location: null, meetUrl: null }));
    expect(email.subject).toBe("Send a video link: online booking Tue 3 Mar");
    expect(email.text).toContain(`Google could not create a Google Meet link for the online appointment with ${PATIENT.name} on ${WHEN}.`);
    expect(email.text).toContain("Their confirmation went out without a link.");
    expect(email.text).toContain(`Please send ${PATIENT.name} a link to join the video call yourself`);
    expect(email.text).toContain(PATIENT.email);
    expect(hrefs(email.html)).toContain(PROVIDER_URL);
    expect(email.attachments).toEqual([]);
  });

  it("provider.booking_requested asks them to accept or decline at providerUrl", async () => {
    const email = await renderEmail(contextFor("provider.booking_requested", { status: "PENDING", patient: { ...PATIENT, isGuest: true } }));
    expect(email.html).toMatch(/<h1[^>]*>New booking request<\/h1>/);
    expect(email.text).toContain(`${PATIENT.name} asked for Dermatology consultation on ${WHEN}.`);
    expect(email.text).toContain(`Accept or decline the request ${PROVIDER_URL}`);
    expect(email.text).toContain(`Name: ${PATIENT.name} (booked as a guest)`);
  });

  it("leaves out contact details the patient did not give", async () => {
    const email = await renderEmail(contextFor("provider.booking_confirmed", { patient: { ...PATIENT, email: null, phone: null } }));
    expect(email.text).not.toContain("Email:");
    expect(email.text).not.toContain("Phone:");
  });

  it("provider.booking_cancelled says who cancelled and why", async () => {
    const byPatient = await renderEmail(contextFor("provider.booking_cancelled", { status: "CANCELLED", cancelledBy: "PATIENT", cancellationReason: REASON }));
    expect(byPatient.text).toContain(`${PATIENT.name} cancelled their Dermatology consultation on ${WHEN}. The time is free again.`);
    expect(byPatient.text).toContain(REASON);
    const byProvider = await renderEmail(contextFor("provider.booking_cancelled", { status: "CANCELLED", cancelledBy: "PROVIDER" }));
    expect(byProvider.text).toContain(`You cancelled ${PATIENT.name}'s Dermatology consultation`);
    const bySystem = await renderEmail(contextFor("provider.booking_cancelled", { status: "CANCELLED", cancelledBy: "SYSTEM" }));
    expect(bySystem.text).toContain("it was cancelled automatically");
  });

  it("provider.booking_rescheduled shows both times in the provider's zone", async () => {
    const email = await renderEmail(contextFor("provider.booking_rescheduled", {}, { timeZone: "Asia/Kolkata" }));
    expect(email.text).toContain("New time: Tuesday 3 March 2026, 15:00–15:30 (Asia/Kolkata, GMT+5:30)");
    expect(email.text).toContain("Was: Monday 2 March 2026, 19:30–20:00 (Asia/Kolkata, GMT+5:30)");
  });

  it("needs providerUrl", async () => {
    await expect(renderEmail(contextFor("provider.booking_confirmed", {}, { providerUrl: null }))).rejects.toThrow(
      "Message provider.booking_confirmed: ctx.providerUrl is required.",
    );
  });
});

describe("renderEmail: provider.calendar_reconnect", () => {
  it("says what happened, what it changes, and links the calendar settings", async () => {
    const email = await renderEmail(contextFor("provider.calendar_reconnect"));
    expect(email.subject).toBe("Reconnect Google Calendar to MedBookings");
    expect(email.text).toContain(`Google no longer accepts MedBookings' access to the Google account ${GOOGLE_ACCOUNT}.`);
    expect(email.text).toContain("your availability on MedBookings uses your MedBookings bookings only");
    expect(email.text).toContain("new bookings are not added to your Google Calendar");
    expect(hrefs(email.html)).toContain(`${APP_URL}/provider/calendar-sync`);
    expect(email.html).toContain(">Reconnect Google Calendar<");
    expect(email.attachments).toEqual([]);
    // No booking, no patient: nothing about anyone else.
    expect(email.text).not.toContain(PATIENT.name);
  });

  it("needs the Google account, naming the field", async () => {
    await expect(renderEmail(buildContext({ purpose: "provider.calendar_reconnect", calendarAccount: undefined }))).rejects.toThrow(
      "Message provider.calendar_reconnect: ctx.calendarAccount.googleEmail is required.",
    );
  });
});

describe("renderEmail: verification.code", () => {
  it("shows the code big and clear, when it expires, and what to do if it was not you", async () => {
    const email = await renderEmail(contextFor("verification.code"));
    expect(email.html).toMatch(/<p[^>]*font-size:36px[^>]*>042917<\/p>/);
    expect(email.text).toContain("It expires in 10 minutes, at 08:25 on Sunday 1 March 2026 (Europe/London, GMT).");
    expect(email.text).toContain("If you did not ask for this, ignore this email");
    expect(email.attachments).toEqual([]);
  });

  it("gives the expiry in the recipient's zone", async () => {
    const email = await renderEmail(contextFor("verification.code", {}, { timeZone: "Asia/Kolkata" }));
    expect(email.text).toContain("at 13:55 on Sunday 1 March 2026 (Asia/Kolkata, GMT+5:30)");
  });

  it("refuses a missing, malformed or already expired code", async () => {
    await expect(renderEmail(contextFor("verification.code", {}, { verification: undefined }))).rejects.toThrow(
      "Message verification.code: ctx.verification is required.",
    );
    await expect(
      renderEmail(contextFor("verification.code", {}, { verification: { code: "12ab", expiresAt: new Date("2026-03-01T08:25:30Z") } })),
    ).rejects.toThrow("Message verification.code: ctx.verification.code must be 6 digits.");
    await expect(
      renderEmail(contextFor("verification.code", {}, { verification: { code: "042917", expiresAt: new Date("2026-03-01T08:15:30Z") } })),
    ).rejects.toThrow("Message verification.code: ctx.verification.expiresAt must be after ctx.now.");
  });
});

describe("renderEmail: times", () => {
  it("follows London across the spring change", async () => {
    const before = await renderEmail(contextFor("booking.confirmed", { startsAt: new Date("2026-03-28T09:30:00Z"), endsAt: new Date("2026-03-28T10:00:00Z") }));
    const after = await renderEmail(contextFor("booking.confirmed", { startsAt: new Date("2026-03-30T08:30:00Z"), endsAt: new Date("2026-03-30T09:00:00Z") }));
    expect(before.text).toContain("When: Saturday 28 March 2026, 09:30–10:00 (Europe/London, GMT)");
    expect(after.text).toContain("When: Monday 30 March 2026, 09:30–10:00 (Europe/London, GMT+1)");
    expect(parseCalendar(after.attachments[0]!.content).startUtc).toBe("2026-03-30T08:30:00.000Z");
  });

  it("reads half-hour zones: Asia/Kolkata and Australia/Adelaide", async () => {
    const adelaide = {
      mode: "ONLINE" as const,
      location: null,
      provider: { id: "p5", slug: "kate-ng", displayName: "Dr. Kate Ng", timeZone: "Australia/Adelaide" },
      startsAt: new Date("2026-04-05T23:30:00Z"),
      endsAt: new Date("2026-04-06T00:00:00Z"),
    };
    const inAdelaide = await renderEmail(contextFor("booking.confirmed", adelaide, { timeZone: "Australia/Adelaide" }));
    expect(inAdelaide.text).toContain("When: Monday 6 April 2026, 09:00–09:30 (Australia/Adelaide, GMT+9:30)");
    const calendar = parseCalendar(inAdelaide.attachments[0]!.content);
    expect(calendar.tzid).toBe("Australia/Adelaide");
    expect(calendar.startUtc).toBe("2026-04-05T23:30:00.000Z");
    const inKolkata = await renderEmail(contextFor("booking.confirmed", adelaide, { timeZone: "Asia/Kolkata" }));
    expect(inKolkata.text).toContain("When: Monday 6 April 2026, 05:00–05:30 (Asia/Kolkata, GMT+5:30)");
    expect(inKolkata.text).toContain("Local time for Dr. Kate Ng: Monday 6 April 2026, 09:00–09:30 (Australia/Adelaide, GMT+9:30)");
  });
});

describe("renderEmail: escaping", () => {
  const hostile = `<script>alert("x")</script> "&' <img src=x onerror=alert(1)>`;

  it("escapes every piece of user input in the HTML", async () => {
    const booking: Partial<MessageBooking> = {
      provider: { ...buildBooking().provider, displayName: `Dr. ${hostile}` },
      service: { id: "s", name: `Consult ${hostile}`, durationMinutes: 30 },
      location: { id: "l", name: `Clinic ${hostile}`, formattedAddress: `Street ${hostile}`, timeZone: "Europe/London" },
      patient: { name: `Pat ${hostile}`, email: PATIENT.email, phone: PATIENT.phone, isGuest: false },
      status: "CANCELLED",
      cancelledBy: "PATIENT",
      cancellationReason: `Reason ${hostile}`,
    };
    for (const purpose of ["booking.cancelled", "provider.booking_cancelled", "booking.declined", "provider.booking_requested"] as const) {
      const email = await renderEmail(contextFor(purpose, booking));
      expect(email.html).not.toContain("<script");
      expect(email.html).not.toMatch(/<img/);
      // No tag carries an event handler (the words "onerror=" survive only as escaped text).
      expect(email.html).not.toMatch(/<[^>]*\sonerror=/);
      expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;&amp;&#x27; &lt;img src=x onerror=alert(1)&gt;");
      // The text part is plain text: the words come through as written.
      expect(email.text).toContain(hostile);
    }
  });

  it("keeps a hostile address inside the map link's query", async () => {
    const email = await renderEmail(contextFor("booking.confirmed", { location: { ...buildBooking().location!, formattedAddress: `x" onclick="alert(1)` } }));
    const map = hrefs(email.html).find((href) => href.startsWith("https://www.google.com/maps/"));
    expect(new URL(map!).searchParams.get("query")).toBe(`Harbour Health King's Cross, x" onclick="alert(1)`);
    expect(email.html).not.toContain(`onclick="alert(1)`);
  });

  it("refuses a Meet link that is not http(s)", async () => {
    await expect(renderEmail(contextFor("booking.confirmed", { mode: "ONLINE", location: null, meetUrl: "javascript:alert(1)" }))).rejects.toThrow(
      "Message booking.confirmed: ctx.booking.meetUrl must be an http(s) URL.",
    );
  });

  it("has no raw HTML injection in any template source", () => {
    const folder = path.join(import.meta.dirname, "emails");
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".tsx"))) {
      expect(readFileSync(path.join(folder, file), "utf8"), file).not.toMatch(/dangerouslySetInnerHTML|innerHTML/);
    }
  });
});
