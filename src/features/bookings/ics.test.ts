import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildBookingIcs, escapeIcsText, foldIcsLine, formatIcsOffset, quoteIcsParameter, type BookingIcsOptions } from "./ics";
import type { PatientBookingDto } from "./types";

const NOW = new Date("2027-03-01T08:15:30Z");
const MANAGE_URL = "https://medbookings.example/bookings/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

/** A patient DTO (what the download route passes) plus the Meet link the message catalogue adds. */
type TestBooking = Pick<PatientBookingDto, "id" | "status" | "startsAt" | "endsAt" | "mode" | "provider" | "service" | "location"> & {
  meetUrl?: string | null;
};

function booking(overrides: Partial<TestBooking> = {}): TestBooking {
  return {
    id: "6f1c2a9e-3b7d-4c55-9a61-0d2f8e4b7c10",
    status: "CONFIRMED",
    startsAt: new Date("2027-07-13T08:30:00Z"),
    endsAt: new Date("2027-07-13T08:50:00Z"),
    mode: "IN_PERSON",
    provider: { id: "p1", slug: "amelia-hart", displayName: "Dr. Amelia Hart", timeZone: "Europe/London" },
    service: { id: "s1", name: "General consultation", durationMinutes: 20, priceMinor: 6500, currency: "GBP" },
    location: { id: "l1", name: "Harbour Health King's Cross", formattedAddress: "1 Pancras Square, London N1C 4AG", timeZone: "Europe/London" },
    ...overrides,
  };
}

const build = (overrides: Partial<TestBooking> = {}) => buildBookingIcs({ booking: booking(overrides), manageUrl: MANAGE_URL, now: NOW });

/** Undo folding so properties can be read whole. */
const unfold = (ics: string) => ics.replace(/\r\n /g, "");
const property = (ics: string, name: string) => unfold(ics).split("\r\n").filter((line) => line.startsWith(name));
const block = (ics: string, kind: string) => {
  const text = unfold(ics);
  const blocks: string[] = [];
  const pattern = new RegExp(`BEGIN:${kind}\\r\\n([\\s\\S]*?)END:${kind}`, "g");
  for (const match of text.matchAll(pattern)) blocks.push(match[1] ?? "");
  return blocks;
};

describe("escapeIcsText", () => {
  it("escapes backslashes, semicolons, commas and every kind of newline", () => {
    expect(escapeIcsText("a\\b;c,d")).toBe("a\\\\b\\;c\\,d");
    expect(escapeIcsText("one\r\ntwo\nthree\rfour")).toBe("one\\ntwo\\nthree\\nfour");
    expect(escapeIcsText("C:\\path; x")).toBe("C:\\\\path\\; x");
  });
});

describe("foldIcsLine", () => {
  it("keeps short lines and folds long ones at 75 octets with a leading space", () => {
    expect(foldIcsLine("SUMMARY:short")).toBe("SUMMARY:short");
    const long = `DESCRIPTION:${"x".repeat(200)}`;
    const folded = foldIcsLine(long).split("\r\n");
    expect(folded.length).toBe(3);
    expect(folded[0]).toHaveLength(75);
    for (const line of folded.slice(1)) expect(line.startsWith(" ")).toBe(true);
    for (const line of folded) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.map((line, i) => (i === 0 ? line : line.slice(1))).join("")).toBe(long);
  });

  it("never splits a multi-byte character", () => {
    const long = `SUMMARY:${"é".repeat(60)}${"日本".repeat(20)}`;
    const folded = foldIcsLine(long).split("\r\n");
    for (const line of folded) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\uFFFD");
    }
    expect(folded.map((line, i) => (i === 0 ? line : line.slice(1))).join("")).toBe(long);
  });
});

describe("formatIcsOffset", () => {
  it("writes hours and minutes with a sign", () => {
    expect(formatIcsOffset(0)).toBe("+0000");
    expect(formatIcsOffset(330)).toBe("+0530");
    expect(formatIcsOffset(345)).toBe("+0545");
    expect(formatIcsOffset(-300)).toBe("-0500");
    expect(formatIcsOffset(-210)).toBe("-0330");
  });
});

describe("buildBookingIcs", () => {
  it("writes a complete calendar with CRLF line endings and no line over 75 octets", () => {
    const ics = build();
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(property(ics, "CALSCALE")).toEqual(["CALSCALE:GREGORIAN"]);
    expect(property(ics, "METHOD")).toEqual(["METHOD:PUBLISH"]);
    expect(property(ics, "UID")).toEqual(["UID:6f1c2a9e-3b7d-4c55-9a61-0d2f8e4b7c10@medbookings"]);
    expect(property(ics, "DTSTAMP")).toEqual(["DTSTAMP:20270301T081530Z"]);
    expect(property(ics, "STATUS")).toEqual(["STATUS:CONFIRMED"]);
    expect(property(ics, "SUMMARY")).toEqual(["SUMMARY:General consultation with Dr. Amelia Hart"]);
    expect(property(ics, "LOCATION")).toEqual(["LOCATION:Harbour Health King's Cross\\, 1 Pancras Square\\, London N1C 4AG"]);
    expect(unfold(ics)).toContain(`View\\, reschedule or cancel: ${MANAGE_URL}`);
  });

  it("uses the London summer offset and its real onset for a July appointment", () => {
    const ics = build();
    expect(property(ics, "DTSTART;")).toEqual(["DTSTART;TZID=Europe/London:20270713T093000"]);
    expect(property(ics, "DTEND;")).toEqual(["DTEND;TZID=Europe/London:20270713T095000"]);
    const daylight = block(ics, "DAYLIGHT");
    expect(daylight).toHaveLength(1);
    expect(daylight[0]).toContain("DTSTART:20270328T010000");
    expect(daylight[0]).toContain("TZOFFSETFROM:+0000");
    expect(daylight[0]).toContain("TZOFFSETTO:+0100");
    expect(block(ics, "STANDARD")).toHaveLength(0);
    expect(property(ics, "TZID:")).toEqual(["TZID:Europe/London"]);
  });

  it("adds a second observance when the clocks change during the appointment", () => {
    // New York falls back at 06:00Z on 7 Nov 2027: 01:30 EDT to 01:10 EST.
    const ics = build({
      mode: "ONLINE",
      location: null,
      provider: { id: "p2", slug: "marcus-lee", displayName: "Dr. Marcus Lee", timeZone: "America/New_York" },
      startsAt: new Date("2027-11-07T05:30:00Z"),
      endsAt: new Date("2027-11-07T06:10:00Z"),
    });
    expect(property(ics, "DTSTART;")).toEqual(["DTSTART;TZID=America/New_York:20271107T013000"]);
    expect(property(ics, "DTEND;")).toEqual(["DTEND;TZID=America/New_York:20271107T011000"]);
    const standard = block(ics, "STANDARD");
    expect(standard).toHaveLength(1);
    expect(standard[0]).toContain("DTSTART:20271107T020000");
    expect(standard[0]).toContain("TZOFFSETFROM:-0400");
    expect(standard[0]).toContain("TZOFFSETTO:-0500");
    expect(block(ics, "DAYLIGHT")[0]).toContain("TZOFFSETTO:-0400");
    expect(property(ics, "LOCATION")).toEqual(["LOCATION:Online"]);
  });

  it("writes a :30 zone (Asia/Kolkata) for an in-person visit at the practice's zone", () => {
    const ics = build({
      provider: { id: "p3", slug: "ananya-iyer", displayName: "Dr. Ananya Iyer", timeZone: "Asia/Kolkata" },
      location: { id: "l3", name: "Sahyadri Clinic Bandra", formattedAddress: "Hill Road, Mumbai", timeZone: "Asia/Kolkata" },
      startsAt: new Date("2027-03-15T03:30:00Z"),
      endsAt: new Date("2027-03-15T03:50:00Z"),
    });
    expect(property(ics, "DTSTART;")).toEqual(["DTSTART;TZID=Asia/Kolkata:20270315T090000"]);
    const standard = block(ics, "STANDARD");
    expect(standard).toHaveLength(1);
    expect(standard[0]).toContain("TZOFFSETFROM:+0530");
    expect(standard[0]).toContain("TZOFFSETTO:+0530");
  });

  it("writes a :45 zone (Asia/Kathmandu) online in the provider's zone", () => {
    const ics = build({
      mode: "ONLINE",
      location: null,
      provider: { id: "p4", slug: "kathmandu", displayName: "Dr. Sita Rai", timeZone: "Asia/Kathmandu" },
      startsAt: new Date("2027-03-15T03:15:00Z"),
      endsAt: new Date("2027-03-15T03:40:00Z"),
    });
    expect(property(ics, "DTSTART;")).toEqual(["DTSTART;TZID=Asia/Kathmandu:20270315T090000"]);
    expect(property(ics, "DTEND;")).toEqual(["DTEND;TZID=Asia/Kathmandu:20270315T092500"]);
    expect(block(ics, "STANDARD")[0]).toContain("TZOFFSETTO:+0545");
  });

  it("marks cancelled and pending bookings", () => {
    expect(property(build({ status: "CANCELLED" }), "STATUS")).toEqual(["STATUS:CANCELLED"]);
    expect(property(build({ status: "DECLINED" }), "STATUS")).toEqual(["STATUS:CANCELLED"]);
    expect(property(build({ status: "PENDING" }), "STATUS")).toEqual(["STATUS:TENTATIVE"]);
  });

  it("escapes names that contain reserved characters", () => {
    const ics = build({ service: { id: "s", name: "Check-up; bloods, ECG", durationMinutes: 20, priceMinor: 0, currency: "GBP" } });
    expect(property(ics, "SUMMARY")).toEqual(["SUMMARY:Check-up\\; bloods\\, ECG with Dr. Amelia Hart"]);
  });
});

describe("quoteIcsParameter", () => {
  it("quotes and caret-escapes (RFC 6868) what a parameter value cannot hold", () => {
    expect(quoteIcsParameter("Dr. Amelia Hart")).toBe('"Dr. Amelia Hart"');
    expect(quoteIcsParameter('Dr. "Amy" O\'Neil; MD, ^x')).toBe('"Dr. ^\'Amy^\' O\'Neil; MD, ^^x"');
    expect(quoteIcsParameter("two\nlines")).toBe('"two^nlines"');
  });
});

/** Parses with ical.js (a third-party parser) and resolves times through the file's own VTIMEZONE. */
function parse(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vevent = root.getFirstSubcomponent("vevent");
  const vtimezone = root.getFirstSubcomponent("vtimezone");
  if (!vevent || !vtimezone) throw new Error("no VEVENT or VTIMEZONE");
  const zone = new ICAL.Timezone(vtimezone);
  const instant = (name: "dtstart" | "dtend") => {
    const property = vevent.getFirstProperty(name);
    const time = (property?.getFirstValue() as ICAL.Time).clone();
    time.zone = zone;
    return { tzid: property?.getParameter("tzid"), wallClock: time.toString(), utc: new Date(time.toUnixTime() * 1000).toISOString() };
  };
  return {
    method: root.getFirstPropertyValue("method"),
    zoneId: vtimezone.getFirstPropertyValue("tzid"),
    uid: vevent.getFirstPropertyValue("uid"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    status: vevent.getFirstPropertyValue("status"),
    location: vevent.getFirstPropertyValue("location"),
    description: vevent.getFirstPropertyValue("description"),
    conference: vevent.getFirstPropertyValue("conference"),
    organizer: vevent.getFirstProperty("organizer"),
    attendees: vevent.getAllProperties("attendee"),
    start: instant("dtstart"),
    end: instant("dtend"),
  };
}

const invitation = (overrides: Partial<BookingIcsOptions> & { booking?: TestBooking } = {}) =>
  buildBookingIcs({
    booking: booking(),
    manageUrl: MANAGE_URL,
    now: NOW,
    method: "REQUEST",
    sequence: 2,
    organizerEmail: "bookings@medbookings.example",
    attendeeEmail: "pat@example.com",
    ...overrides,
  });

describe("buildBookingIcs methods (parsed with ical.js)", () => {
  it("defaults to what the download route serves: PUBLISH, SEQUENCE 0, no attendees", () => {
    const parsed = parse(build());
    expect(parsed.method).toBe("PUBLISH");
    expect(parsed.sequence).toBe(0);
    expect(parsed.organizer).toBeNull();
    expect(parsed.attendees).toHaveLength(0);
    expect(parsed.status).toBe("CONFIRMED");
  });

  it("names the organizer on PUBLISH when given but never an attendee", () => {
    const parsed = parse(
      buildBookingIcs({ booking: booking(), manageUrl: MANAGE_URL, now: NOW, organizerEmail: "bookings@medbookings.example", attendeeEmail: "pat@example.com" }),
    );
    expect(parsed.organizer?.getFirstValue()).toBe("mailto:bookings@medbookings.example");
    expect(parsed.attendees).toHaveLength(0);
  });

  it("writes a REQUEST with its SEQUENCE, the booking's stable UID, the organizer and the attendee", () => {
    const parsed = parse(invitation());
    expect(parsed.method).toBe("REQUEST");
    expect(parsed.sequence).toBe(2);
    expect(parsed.uid).toBe("6f1c2a9e-3b7d-4c55-9a61-0d2f8e4b7c10@medbookings");
    expect(parsed.status).toBe("CONFIRMED");
    expect(parsed.organizer?.getFirstValue()).toBe("mailto:bookings@medbookings.example");
    expect(parsed.organizer?.getParameter("cn")).toBe("Dr. Amelia Hart");
    expect(parsed.attendees).toHaveLength(1);
    expect(parsed.attendees[0]?.getFirstValue()).toBe("mailto:pat@example.com");
    expect(parsed.attendees[0]?.getParameter("partstat")).toBe("ACCEPTED");
    expect(parsed.attendees[0]?.getParameter("rsvp")).toBe("FALSE");
    expect(parsed.start).toEqual({ tzid: "Europe/London", wallClock: "2027-07-13T09:30:00", utc: "2027-07-13T08:30:00.000Z" });
    expect(parsed.end.utc).toBe("2027-07-13T08:50:00.000Z");
  });

  it("keeps the UID across versions so a reschedule updates the same event", () => {
    const first = parse(invitation({ sequence: 0 }));
    const moved = parse(
      invitation({ sequence: 1, booking: booking({ startsAt: new Date("2027-07-14T13:00:00Z"), endsAt: new Date("2027-07-14T13:20:00Z") }) }),
    );
    expect(moved.uid).toBe(first.uid);
    expect(moved.sequence).toBe(1);
    expect(first.sequence).toBe(0);
    expect(moved.start.utc).toBe("2027-07-14T13:00:00.000Z");
  });

  it("writes a tentative REQUEST for a booking still waiting for the provider", () => {
    expect(parse(invitation({ booking: booking({ status: "PENDING" }) })).status).toBe("TENTATIVE");
  });

  it("cancels with METHOD:CANCEL and STATUS:CANCELLED whatever status the booking row carries", () => {
    for (const status of ["CANCELLED", "DECLINED", "CONFIRMED"] as const) {
      const parsed = parse(invitation({ method: "CANCEL", sequence: 3, booking: booking({ status }) }));
      expect(parsed.method).toBe("CANCEL");
      expect(parsed.status).toBe("CANCELLED");
      expect(parsed.sequence).toBe(3);
      expect(parsed.uid).toBe("6f1c2a9e-3b7d-4c55-9a61-0d2f8e4b7c10@medbookings");
      expect(parsed.organizer?.getFirstValue()).toBe("mailto:bookings@medbookings.example");
      expect(parsed.attendees.map((attendee) => attendee.getFirstValue())).toEqual(["mailto:pat@example.com"]);
      expect(parsed.attendees[0]?.getParameter("partstat")).toBeUndefined();
    }
  });

  it("refuses a REQUEST for a booking that no longer stands", () => {
    expect(() => invitation({ booking: booking({ status: "CANCELLED" }) })).toThrow(/CANCELLED booking is sent with METHOD:CANCEL/);
  });

  it("refuses REQUEST and CANCEL without an organizer or attendee, naming the option", () => {
    expect(() => invitation({ organizerEmail: undefined })).toThrow(/organizerEmail is required for METHOD:REQUEST/);
    expect(() => invitation({ method: "CANCEL", attendeeEmail: undefined })).toThrow(/attendeeEmail is required for METHOD:CANCEL/);
  });

  it("refuses addresses that could break out of the mailto URI, without echoing them", () => {
    expect(() => invitation({ attendeeEmail: "secret-patient@example" })).toThrow(expect.objectContaining({ message: expect.not.stringContaining("secret-patient") }));
    expect(() => invitation({ attendeeEmail: "pat@example.com\r\nATTENDEE:mailto:x@y.z" })).toThrow("buildBookingIcs: attendeeEmail is not a plain email address (name@domain).");
    expect(() => invitation({ organizerEmail: "a;b@example.com" })).toThrow(/organizerEmail/);
    expect(() => invitation({ attendeeEmail: "nobody" })).toThrow(/attendeeEmail/);
  });

  it("refuses a negative or fractional sequence", () => {
    expect(() => invitation({ sequence: -1 })).toThrow(/sequence must be a whole number/);
    expect(() => invitation({ sequence: 1.5 })).toThrow(/sequence must be a whole number/);
  });

  it("carries a provider name with quotes and separators intact through the organizer's CN", () => {
    const ics = invitation({ booking: booking({ provider: { id: "p", slug: "s", displayName: 'Dr. "Amy" O\'Neil; MD, PhD', timeZone: "Europe/London" } }) });
    expect(parse(ics).organizer?.getParameter("cn")).toBe('Dr. "Amy" O\'Neil; MD, PhD');
  });

  it("gives an online visit's Meet link as LOCATION, CONFERENCE and in the description", () => {
    const meetUrl = "https://meet.google.com/abc-defg-hij";
    const parsed = parse(invitation({ booking: booking({ mode: "ONLINE", location: null, meetUrl }) }));
    expect(parsed.location).toBe(meetUrl);
    expect(parsed.conference).toBe(meetUrl);
    expect(parsed.description).toContain(`Join the video call: ${meetUrl}`);
  });

  it("refuses a Meet link or manage link that is not an http(s) URL", () => {
    expect(() => invitation({ booking: booking({ mode: "ONLINE", location: null, meetUrl: "javascript:alert(1)" }) })).toThrow(/booking.meetUrl must be an http\(s\) URL/);
    expect(() => invitation({ manageUrl: "/bookings/relative" })).toThrow("buildBookingIcs: manageUrl is not an absolute URL.");
  });

  it("resolves DTSTART on both sides of London's spring change through the file's VTIMEZONE", () => {
    // Clocks go forward at 01:00Z on 28 March 2027.
    const before = parse(invitation({ booking: booking({ startsAt: new Date("2027-03-27T09:30:00Z"), endsAt: new Date("2027-03-27T09:50:00Z") }) }));
    const after = parse(invitation({ booking: booking({ startsAt: new Date("2027-03-28T08:30:00Z"), endsAt: new Date("2027-03-28T08:50:00Z") }) }));
    expect(before.start).toEqual({ tzid: "Europe/London", wallClock: "2027-03-27T09:30:00", utc: "2027-03-27T09:30:00.000Z" });
    expect(after.start).toEqual({ tzid: "Europe/London", wallClock: "2027-03-28T09:30:00", utc: "2027-03-28T08:30:00.000Z" });
    expect(after.zoneId).toBe("Europe/London");
  });

  it("resolves half-hour zones: Asia/Kolkata and Australia/Adelaide across its April change", () => {
    const kolkata = parse(
      invitation({
        booking: booking({
          location: { id: "l3", name: "Sahyadri Clinic", formattedAddress: "Hill Road, Mumbai", timeZone: "Asia/Kolkata" },
          startsAt: new Date("2027-03-15T03:30:00Z"),
          endsAt: new Date("2027-03-15T03:50:00Z"),
        }),
      }),
    );
    expect(kolkata.start).toEqual({ tzid: "Asia/Kolkata", wallClock: "2027-03-15T09:00:00", utc: "2027-03-15T03:30:00.000Z" });
    // Adelaide leaves daylight time (+10:30 to +09:30) at 03:00 local on 4 April 2027.
    const adelaide = (startsAt: string, endsAt: string) =>
      parse(
        invitation({
          booking: booking({
            mode: "ONLINE",
            location: null,
            provider: { id: "p5", slug: "adelaide", displayName: "Dr. Kate Ng", timeZone: "Australia/Adelaide" },
            startsAt: new Date(startsAt),
            endsAt: new Date(endsAt),
          }),
        }),
      );
    expect(adelaide("2027-04-02T22:30:00Z", "2027-04-02T23:00:00Z").start).toEqual({
      tzid: "Australia/Adelaide",
      wallClock: "2027-04-03T09:00:00",
      utc: "2027-04-02T22:30:00.000Z",
    });
    expect(adelaide("2027-04-04T23:30:00Z", "2027-04-05T00:00:00Z").start).toEqual({
      tzid: "Australia/Adelaide",
      wallClock: "2027-04-05T09:00:00",
      utc: "2027-04-04T23:30:00.000Z",
    });
  });
});
