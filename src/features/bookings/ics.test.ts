import { describe, expect, it } from "vitest";
import { buildBookingIcs, escapeIcsText, foldIcsLine, formatIcsOffset, type BookingIcsOptions } from "./ics";

const NOW = new Date("2027-03-01T08:15:30Z");
const MANAGE_URL = "https://medbookings.example/bookings/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

function booking(overrides: Partial<BookingIcsOptions["booking"]> = {}): BookingIcsOptions["booking"] {
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

const build = (overrides: Partial<BookingIcsOptions["booking"]> = {}) => buildBookingIcs({ booking: booking(overrides), manageUrl: MANAGE_URL, now: NOW });

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
