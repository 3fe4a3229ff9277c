import { describe, expect, it } from "vitest";
import { expandRecurrence, parseRecurrence, RecurrenceError } from "./recurrence";
import { formatDateTime, fromLocal } from "./time";

const BERLIN = "Europe/Berlin";
const far = Date.UTC(2030, 0, 1);

function timed(lines: string[], startLocal: string, limit = 50) {
  const [date, time] = startLocal.split("T") as [string, string];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const utcMs = fromLocal({ year, month, day, hour, minute, second: 0 }, BERLIN);
  return expandRecurrence({ kind: "timed", utcMs, timeZone: BERLIN }, parseRecurrence(lines, BERLIN), {
    windowEndMs: far,
    limit,
    timeZoneForDates: BERLIN,
  }).map((o) => (o.kind === "timed" ? formatDateTime(o.utcMs, BERLIN) : o.date));
}

describe("recurrence expansion", () => {
  it("keeps the wall-clock time across a DST change (weekly, BYDAY, COUNT)", () => {
    expect(timed(["RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4"], "2026-03-23T09:00")).toEqual([
      "2026-03-23T09:00:00+01:00",
      "2026-03-26T09:00:00+01:00",
      "2026-03-30T09:00:00+02:00",
      "2026-04-02T09:00:00+02:00",
    ]);
  });

  it("skips days of the first week before the start and honours INTERVAL", () => {
    expect(timed(["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=3"], "2026-03-04T10:00")).toEqual([
      "2026-03-06T10:00:00+01:00",
      "2026-03-16T10:00:00+01:00",
      "2026-03-20T10:00:00+01:00",
    ]);
  });

  it("stops at an inclusive UNTIL and removes EXDATEs after COUNT is applied", () => {
    expect(timed(["RRULE:FREQ=DAILY;UNTIL=20260305T080000Z"], "2026-03-02T09:00")).toHaveLength(4);
    expect(
      timed(["RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=Europe/Berlin:20260303T090000"], "2026-03-02T09:00"),
    ).toEqual(["2026-03-02T09:00:00+01:00", "2026-03-04T09:00:00+01:00"]);
  });

  it("expands all-day series by date and stops at the window", () => {
    const occurrences = expandRecurrence(
      { kind: "all-day", date: "2026-03-30" },
      parseRecurrence(["RRULE:FREQ=DAILY;INTERVAL=3"], undefined),
      { windowEndMs: Date.UTC(2026, 3, 6), limit: 10, timeZoneForDates: "UTC" },
    );
    expect(occurrences).toEqual([
      { kind: "all-day", date: "2026-03-30" },
      { kind: "all-day", date: "2026-04-02" },
      { kind: "all-day", date: "2026-04-05" },
    ]);
  });

  it("rejects what it cannot expand instead of guessing", () => {
    expect(() => parseRecurrence(["RRULE:FREQ=MONTHLY"], BERLIN)).toThrow(RecurrenceError);
    expect(() => parseRecurrence(["RRULE:FREQ=DAILY;COUNT=2;UNTIL=20260101"], BERLIN)).toThrow(RecurrenceError);
    expect(() => parseRecurrence(["RRULE:FREQ=WEEKLY;BYSETPOS=1"], BERLIN)).toThrow(RecurrenceError);
  });
});
