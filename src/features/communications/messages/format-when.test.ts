import { describe, expect, it } from "vitest";
import { formatDayLong, formatDayShort, formatInstant, formatWhen, zoneNameBetween } from "./format-when";

describe("formatWhen", () => {
  it("writes the day, the times and the zone with its offset", () => {
    expect(formatWhen(new Date("2026-03-03T09:30:00Z"), new Date("2026-03-03T10:00:00Z"), "Europe/London")).toBe(
      "Tuesday 3 March 2026, 09:30–10:00 (Europe/London, GMT)",
    );
  });

  it("reads the same instant on each zone's wall clock", () => {
    const start = new Date("2026-03-03T09:30:00Z");
    const end = new Date("2026-03-03T10:00:00Z");
    expect(formatWhen(start, end, "Asia/Kolkata")).toBe("Tuesday 3 March 2026, 15:00–15:30 (Asia/Kolkata, GMT+5:30)");
    expect(formatWhen(start, end, "Australia/Adelaide")).toBe("Tuesday 3 March 2026, 20:00–20:30 (Australia/Adelaide, GMT+10:30)");
    expect(formatWhen(start, end, "America/New_York")).toBe("Tuesday 3 March 2026, 04:30–05:00 (America/New York, GMT-5)");
    expect(formatWhen(start, end, "UTC")).toBe("Tuesday 3 March 2026, 09:30–10:00 (UTC)");
  });

  it("follows London across its spring change (29 March 2026, 01:00Z)", () => {
    expect(formatWhen(new Date("2026-03-28T09:30:00Z"), new Date("2026-03-28T10:00:00Z"), "Europe/London")).toBe(
      "Saturday 28 March 2026, 09:30–10:00 (Europe/London, GMT)",
    );
    expect(formatWhen(new Date("2026-03-30T08:30:00Z"), new Date("2026-03-30T09:00:00Z"), "Europe/London")).toBe(
      "Monday 30 March 2026, 09:30–10:00 (Europe/London, GMT+1)",
    );
  });

  it("follows Adelaide, a half-hour zone, out of daylight time (5 April 2026)", () => {
    expect(formatWhen(new Date("2026-04-03T22:30:00Z"), new Date("2026-04-03T23:00:00Z"), "Australia/Adelaide")).toBe(
      "Saturday 4 April 2026, 09:00–09:30 (Australia/Adelaide, GMT+10:30)",
    );
    expect(formatWhen(new Date("2026-04-05T23:30:00Z"), new Date("2026-04-06T00:00:00Z"), "Australia/Adelaide")).toBe(
      "Monday 6 April 2026, 09:00–09:30 (Australia/Adelaide, GMT+9:30)",
    );
  });

  it("names both offsets when the clocks change during the appointment", () => {
    // New York falls back at 06:00Z on 1 November 2026: 01:30 EDT to 01:10 EST.
    expect(formatWhen(new Date("2026-11-01T05:30:00Z"), new Date("2026-11-01T06:10:00Z"), "America/New_York")).toBe(
      "Sunday 1 November 2026, 01:30–01:10 (America/New York, GMT-4 then GMT-5)",
    );
  });

  it("names both days when the appointment ends after local midnight", () => {
    expect(formatWhen(new Date("2026-03-03T18:00:00Z"), new Date("2026-03-03T18:40:00Z"), "Asia/Kolkata")).toBe(
      "Tuesday 3 March 2026, 23:30 to Wednesday 4 March 2026, 00:10 (Asia/Kolkata, GMT+5:30)",
    );
  });

  it("has a compact ASCII form for SMS", () => {
    const text = formatWhen(new Date("2026-03-03T09:30:00Z"), new Date("2026-03-03T10:00:00Z"), "Asia/Kolkata", { style: "compact" });
    expect(text).toBe("Tue 3 Mar 2026, 15:00-15:30 (Asia/Kolkata, GMT+5:30)");
    expect(text).toMatch(/^[\x20-\x7e]+$/);
  });

  it("takes the day from the zone, not from UTC", () => {
    const instant = new Date("2026-03-02T23:00:00Z");
    expect(formatDayShort(instant, "Australia/Adelaide")).toBe("Tue 3 Mar");
    expect(formatDayShort(instant, "America/Los_Angeles")).toBe("Mon 2 Mar");
    expect(formatDayLong(instant, "Australia/Adelaide")).toBe("Tuesday 3 March 2026");
  });
});

describe("formatInstant and zoneNameBetween", () => {
  it("write one instant with its zone", () => {
    expect(formatInstant(new Date("2026-03-01T08:25:30Z"), "Europe/London")).toBe("08:25 on Sunday 1 March 2026 (Europe/London, GMT)");
    expect(formatInstant(new Date("2026-03-01T08:25:30Z"), "Asia/Kolkata", { style: "compact" })).toBe("13:55 on Sun 1 Mar 2026 (Asia/Kolkata, GMT+5:30)");
  });

  it("keeps the zone as stored rather than ICU's legacy alias", () => {
    expect(zoneNameBetween(new Date("2026-03-03T09:30:00Z"), new Date("2026-03-03T09:30:00Z"), "Asia/Kolkata")).toBe("Asia/Kolkata, GMT+5:30");
  });
});
