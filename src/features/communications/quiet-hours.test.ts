import { describe, expect, it } from "vitest";
import { assertQuietHours, clockTimeToMinute, isQuietMinute, minuteToClockTime, nextAllowedSendTime, type QuietHours } from "./quiet-hours";

const at = (iso: string) => new Date(iso);
const window = (start: string, end: string): QuietHours => ({ startMinute: clockTimeToMinute(start), endMinute: clockTimeToMinute(end) });
const next = (iso: string, quiet: QuietHours | null, timeZone: string) => nextAllowedSendTime({ now: at(iso), quiet, timeZone }).toISOString();

describe("clock times", () => {
  it("reads and writes HH:MM", () => {
    expect(clockTimeToMinute("00:00")).toBe(0);
    expect(clockTimeToMinute("07:05")).toBe(425);
    expect(clockTimeToMinute("23:59")).toBe(1439);
    expect(minuteToClockTime(0)).toBe("00:00");
    expect(minuteToClockTime(425)).toBe("07:05");
    expect(minuteToClockTime(1439)).toBe("23:59");
  });

  it.each(["24:00", "7:00", "07:60", "0700", "07:00:00", " 07:00", ""])("refuses %j", (value) => {
    expect(() => clockTimeToMinute(value)).toThrow(RangeError);
  });

  it("refuses minutes outside the day", () => {
    expect(() => minuteToClockTime(1440)).toThrow(RangeError);
    expect(() => minuteToClockTime(-1)).toThrow(RangeError);
    expect(() => minuteToClockTime(1.5)).toThrow(RangeError);
  });
});

describe("isQuietMinute", () => {
  it("includes the start and excludes the end, across midnight or not", () => {
    const night = window("22:00", "07:00");
    expect([1319, 1320, 1439, 0, 419, 420].map((m) => isQuietMinute(m, night))).toEqual([false, true, true, true, true, false]);
    const lunch = window("12:00", "13:30");
    expect([719, 720, 809, 810].map((m) => isQuietMinute(m, lunch))).toEqual([false, true, true, false]);
  });
});

describe("nextAllowedSendTime", () => {
  it("returns now itself without quiet hours", () => {
    const now = at("2027-01-15T03:00:00Z");
    expect(nextAllowedSendTime({ now, quiet: null, timeZone: "Europe/London" })).toBe(now);
  });

  it("returns now itself outside the window", () => {
    const now = at("2027-01-15T12:00:00Z");
    expect(nextAllowedSendTime({ now, quiet: window("22:00", "07:00"), timeZone: "Europe/London" })).toBe(now);
  });

  describe("a window crossing midnight (22:00–07:00, London in winter)", () => {
    const night = window("22:00", "07:00");
    it.each([
      ["21:59:59 is before it", "2027-01-15T21:59:59Z", "2027-01-15T21:59:59.000Z"],
      ["22:00 is its first minute", "2027-01-15T22:00:00Z", "2027-01-16T07:00:00.000Z"],
      ["23:30 waits for tomorrow morning", "2027-01-15T23:30:00Z", "2027-01-16T07:00:00.000Z"],
      ["00:00 waits for this morning", "2027-01-16T00:00:00Z", "2027-01-16T07:00:00.000Z"],
      ["06:59:59 waits a second", "2027-01-16T06:59:59Z", "2027-01-16T07:00:00.000Z"],
      ["07:00 is past it", "2027-01-16T07:00:00Z", "2027-01-16T07:00:00.000Z"],
    ])("%s", (_label, now, expected) => {
      expect(next(now, night, "Europe/London")).toBe(expected);
    });
  });

  describe("a window inside one day (13:00–14:30, UTC)", () => {
    const lunch = window("13:00", "14:30");
    it.each([
      ["12:59 is before it", "2027-05-03T12:59:00Z", "2027-05-03T12:59:00.000Z"],
      ["13:00 is its first minute", "2027-05-03T13:00:00Z", "2027-05-03T14:30:00.000Z"],
      ["14:29 waits a minute", "2027-05-03T14:29:00Z", "2027-05-03T14:30:00.000Z"],
      ["14:30 is past it", "2027-05-03T14:30:00Z", "2027-05-03T14:30:00.000Z"],
      ["23:00 is past it", "2027-05-03T23:00:00Z", "2027-05-03T23:00:00.000Z"],
    ])("%s", (_label, now, expected) => {
      expect(next(now, lunch, "UTC")).toBe(expected);
    });
  });

  describe("Europe/London, clocks forward (2027-03-28 01:00 GMT → 02:00 BST)", () => {
    it("a night window ends at 07:00 summer time", () => {
      expect(next("2027-03-27T23:00:00Z", window("22:00", "07:00"), "Europe/London")).toBe("2027-03-28T06:00:00.000Z");
    });

    it("an end inside the skipped hour resolves to the first instant after the gap", () => {
      // 01:30 never happens that night: the clock reads 00:59 GMT, then 02:00 BST.
      expect(next("2027-03-28T00:30:00Z", window("00:00", "01:30"), "Europe/London")).toBe("2027-03-28T01:00:00.000Z");
    });

    it("a start inside the skipped hour still begins the window when the clock jumps past it", () => {
      // 01:15–03:00: at 01:00 UTC the clock reads 02:00 BST, inside the window.
      const quiet = window("01:15", "03:00");
      expect(next("2027-03-28T00:59:00Z", quiet, "Europe/London")).toBe("2027-03-28T00:59:00.000Z");
      expect(next("2027-03-28T01:00:00Z", quiet, "Europe/London")).toBe("2027-03-28T02:00:00.000Z");
    });
  });

  describe("Europe/London, clocks back (2027-10-31 02:00 BST → 01:00 GMT)", () => {
    it("a night window ends at 07:00 winter time", () => {
      expect(next("2027-10-30T22:00:00Z", window("22:00", "07:00"), "Europe/London")).toBe("2027-10-31T07:00:00.000Z");
    });

    it("an end the clock reads twice resolves to its first occurrence", () => {
      // 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
      expect(next("2027-10-30T23:30:00Z", window("23:00", "01:30"), "Europe/London")).toBe("2027-10-31T00:30:00.000Z");
    });

    it("in the repeated hour, past the first occurrence, the window holds until the second", () => {
      const quiet = window("23:00", "01:30");
      // 01:45 BST: outside.
      expect(next("2027-10-31T00:45:00Z", quiet, "Europe/London")).toBe("2027-10-31T00:45:00.000Z");
      // 01:10 GMT: the wall clock is inside the window again.
      expect(next("2027-10-31T01:10:00Z", quiet, "Europe/London")).toBe("2027-10-31T01:30:00.000Z");
    });
  });

  describe("Asia/Kolkata (+05:30, no DST)", () => {
    const night = window("22:00", "07:00");
    it("22:30 IST waits until 07:00 IST the next day", () => {
      expect(next("2027-05-10T17:00:00Z", night, "Asia/Kolkata")).toBe("2027-05-11T01:30:00.000Z");
    });
    it("21:59 IST is outside", () => {
      expect(next("2027-05-10T16:29:00Z", night, "Asia/Kolkata")).toBe("2027-05-10T16:29:00.000Z");
    });
    it("06:45 IST waits until 07:00 IST", () => {
      expect(next("2027-05-11T01:15:00Z", night, "Asia/Kolkata")).toBe("2027-05-11T01:30:00.000Z");
    });
  });

  describe("Australia/Adelaide (+09:30 in winter, +10:30 in summer)", () => {
    const night = window("21:00", "06:00");
    it("July: 21:30 ACST waits until 06:00 ACST", () => {
      expect(next("2027-07-15T12:00:00Z", night, "Australia/Adelaide")).toBe("2027-07-15T20:30:00.000Z");
    });
    it("January: 21:30 ACDT waits until 06:00 ACDT", () => {
      expect(next("2027-01-15T11:00:00Z", night, "Australia/Adelaide")).toBe("2027-01-15T19:30:00.000Z");
    });
    it("the night the clocks go forward (2027-10-03 02:00 → 03:00) ends at 08:00 daylight time", () => {
      expect(next("2027-10-02T13:00:00Z", window("22:00", "08:00"), "Australia/Adelaide")).toBe("2027-10-02T21:30:00.000Z");
    });
    it("an end in the skipped hour resolves to 03:00 daylight time", () => {
      expect(next("2027-10-02T16:00:00Z", window("01:00", "02:30"), "Australia/Adelaide")).toBe("2027-10-02T16:30:00.000Z");
    });
    it("the night the clocks go back (2027-04-04 03:00 → 02:00) ends at 06:00 standard time", () => {
      expect(next("2027-04-03T12:00:00Z", night, "Australia/Adelaide")).toBe("2027-04-03T20:30:00.000Z");
    });
  });

  it("refuses a window of no length and minutes outside the day", () => {
    const now = at("2027-01-15T12:00:00Z");
    expect(() => nextAllowedSendTime({ now, quiet: { startMinute: 600, endMinute: 600 }, timeZone: "UTC" })).toThrow(RangeError);
    expect(() => assertQuietHours({ startMinute: 1440, endMinute: 60 })).toThrow(RangeError);
    expect(() => assertQuietHours({ startMinute: 60, endMinute: -1 })).toThrow(RangeError);
  });

  it("throws for an unknown zone rather than guessing one", () => {
    expect(() => nextAllowedSendTime({ now: at("2027-01-15T12:00:00Z"), quiet: window("22:00", "07:00"), timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});

/**
 * Against a minute-by-minute walk of the wall clock read with Intl alone: the answer must be the
 * first minute at or after now whose reading is outside the window. Covers every minute of the
 * days around each change, in zones with whole-hour, half-hour and no changes.
 */
describe("nextAllowedSendTime agrees with walking the wall clock", () => {
  const scenarios: [string, string, QuietHours][] = [
    ["Europe/London", "2027-03-27T12:00:00Z", window("22:00", "07:00")],
    ["Europe/London", "2027-03-27T12:00:00Z", window("00:30", "01:30")],
    ["Europe/London", "2027-10-30T12:00:00Z", window("23:00", "01:30")],
    ["Europe/London", "2027-10-30T12:00:00Z", window("01:00", "02:00")],
    ["Australia/Adelaide", "2027-10-02T00:00:00Z", window("01:30", "02:30")],
    ["Australia/Adelaide", "2027-04-03T00:00:00Z", window("02:15", "02:45")],
    ["Asia/Kolkata", "2027-05-10T00:00:00Z", window("22:00", "07:00")],
    ["America/New_York", "2027-11-06T12:00:00Z", window("20:00", "01:30")],
  ];

  it.each(scenarios)("%s from %s, %o", (timeZone, fromIso, quiet) => {
    const reader = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const from = Date.parse(fromIso) / 60_000;
    const span = 2 * 1440;
    const quietAt: boolean[] = [];
    for (let i = 0; i <= span + 1440; i++) {
      const [hh, mm] = reader.format((from + i) * 60_000).split(":").map(Number);
      quietAt.push(isQuietMinute(((hh as number) % 24) * 60 + (mm as number), quiet));
    }
    const firstAllowed: number[] = new Array<number>(quietAt.length);
    for (let i = quietAt.length - 1; i >= 0; i--) firstAllowed[i] = quietAt[i] ? (firstAllowed[i + 1] ?? i) : i;
    for (let i = 0; i <= span; i++) {
      const now = new Date((from + i) * 60_000);
      const expected = new Date((from + (firstAllowed[i] as number)) * 60_000);
      expect(nextAllowedSendTime({ now, quiet, timeZone }), `${timeZone} at ${now.toISOString()}`).toEqual(expected);
    }
  });
});
