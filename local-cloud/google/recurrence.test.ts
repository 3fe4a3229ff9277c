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

  it("expands monthly rules by month day, negative month day and ordinal weekday, skipping short months", () => {
    expect(timed(["RRULE:FREQ=MONTHLY;COUNT=4"], "2026-01-31T09:00")).toEqual([
      "2026-01-31T09:00:00+01:00",
      "2026-03-31T09:00:00+02:00",
      "2026-05-31T09:00:00+02:00",
      "2026-07-31T09:00:00+02:00",
    ]);
    expect(timed(["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"], "2026-02-10T08:30")).toEqual([
      "2026-02-28T08:30:00+01:00",
      "2026-03-31T08:30:00+02:00",
      "2026-04-30T08:30:00+02:00",
    ]);
    expect(timed(["RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3"], "2026-03-01T18:00")).toEqual([
      "2026-03-10T18:00:00+01:00",
      "2026-04-14T18:00:00+02:00",
      "2026-05-12T18:00:00+02:00",
    ]);
    expect(timed(["RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;UNTIL=20260930T235959Z"], "2026-03-27T07:00")).toEqual([
      "2026-03-27T07:00:00+01:00",
      "2026-05-29T07:00:00+02:00",
      "2026-07-31T07:00:00+02:00",
      "2026-09-25T07:00:00+02:00",
    ]);
  });

  it("picks the last weekday of the month with BYSETPOS", () => {
    expect(timed(["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"], "2026-10-01T12:00")).toEqual([
      "2026-10-30T12:00:00+01:00",
      "2026-11-30T12:00:00+01:00",
      "2026-12-31T12:00:00+01:00",
    ]);
  });

  it("expands yearly rules: the start date, BYMONTH with an ordinal weekday, 29 February only in leap years", () => {
    expect(timed(["RRULE:FREQ=YEARLY;COUNT=2"], "2026-07-15T10:00")).toEqual(["2026-07-15T10:00:00+02:00", "2027-07-15T10:00:00+02:00"]);
    expect(timed(["RRULE:FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU;COUNT=4"], "2026-01-01T03:30")).toEqual([
      "2026-03-29T03:30:00+02:00",
      "2026-10-25T03:30:00+01:00",
      "2027-03-28T03:30:00+02:00",
      "2027-10-31T03:30:00+01:00",
    ]);
    const leap = expandRecurrence({ kind: "all-day", date: "2028-02-29" }, parseRecurrence(["RRULE:FREQ=YEARLY;COUNT=2"], undefined), {
      windowEndMs: Date.UTC(2040, 0, 1),
      limit: 10,
      timeZoneForDates: "UTC",
    });
    expect(leap).toEqual([{ kind: "all-day", date: "2028-02-29" }, { kind: "all-day", date: "2032-02-29" }]);
  });

  it("adds RDATEs (date-time with TZID, UTC, and dates) outside COUNT and removes EXDATEs", () => {
    expect(
      timed(
        [
          "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3",
          "RDATE;TZID=Europe/Berlin:20260415T090000",
          "RDATE:20260420T070000Z",
          "RDATE;VALUE=DATE:20260425",
          "EXDATE;TZID=Europe/Berlin:20260501T090000",
        ],
        "2026-03-01T09:00",
      ),
    ).toEqual([
      "2026-03-01T09:00:00+01:00",
      "2026-04-01T09:00:00+02:00",
      "2026-04-15T09:00:00+02:00",
      "2026-04-20T09:00:00+02:00",
      "2026-04-25T09:00:00+02:00",
    ]);
    expect(timed(["RDATE;TZID=Europe/Berlin:20260310T090000,20260410T090000"], "2026-03-01T09:00")).toEqual([
      "2026-03-10T09:00:00+01:00",
      "2026-04-10T09:00:00+02:00",
    ]);
  });

  it("rejects what it cannot expand instead of guessing", () => {
    expect(() => parseRecurrence(["RRULE:FREQ=HOURLY"], BERLIN)).toThrow(RecurrenceError);
    expect(() => parseRecurrence(["RRULE:FREQ=MONTHLY;BYHOUR=9"], BERLIN)).toThrow(RecurrenceError);
    expect(() => parseRecurrence(["RRULE:FREQ=WEEKLY;BYDAY=2TU"], BERLIN)).toThrow(RecurrenceError);
    expect(() => parseRecurrence(["RDATE;VALUE=PERIOD:20260101T090000Z/PT1H"], BERLIN)).toThrow(RecurrenceError);
    expect(() => parseRecurrence(["RRULE:FREQ=DAILY;COUNT=2;UNTIL=20260101"], BERLIN)).toThrow(RecurrenceError);
    expect(() => parseRecurrence(["RRULE:FREQ=WEEKLY;BYSETPOS=1"], BERLIN)).toThrow(RecurrenceError);
  });
});
