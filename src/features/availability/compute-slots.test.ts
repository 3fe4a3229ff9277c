import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { computeSlots } from "./compute-slots";
import type {
  BusyBooking,
  ComputeSlotsInput,
  DateOverride,
  ExternalBusyInterval,
  Slot,
  SlotMode,
  SlotServiceParams,
  WeeklyRule,
} from "./compute-slots";

const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (iso: string): number => Date.parse(iso);
const hm = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function service(overrides: Partial<SlotServiceParams> = {}): SlotServiceParams {
  return {
    serviceId: "svc",
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    slotStepMinutes: 30,
    minimumNoticeMinutes: 0,
    bookingHorizonDays: 3650,
    maxBookingsPerDay: null,
    modes: ["in_person", "online"],
    ...overrides,
  };
}

function rule(timeZone: string, weekday: WeeklyRule["weekday"], start: string, end: string, extra: Partial<WeeklyRule> = {}): WeeklyRule {
  return { weekday, startMinute: hm(start), endMinute: end === "24:00" ? 1440 : hm(end), mode: "online", locationId: null, timeZone, ...extra };
}

function everyDay(timeZone: string, start: string, end: string, extra: Partial<WeeklyRule> = {}): WeeklyRule[] {
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => rule(timeZone, weekday, start, end, extra));
}

function run(partial: Partial<ComputeSlotsInput> & { window: ComputeSlotsInput["window"] }): Slot[] {
  return computeSlots({
    rules: [],
    overrides: [],
    bookings: [],
    externalBusy: [],
    service: service(),
    now: at("2020-01-01T00:00:00Z"),
    ...partial,
  });
}

/** Slot starts as "YYYY-MM-DDTHH:MMZ" for readable expectations. */
const utc = (slots: readonly Slot[]): string[] => slots.map((slot) => new Date(slot.startsAt).toISOString().slice(0, 16) + "Z");

const wallFormatters = new Map<string, Intl.DateTimeFormat>();
/** Slot starts as local wall-clock "YYYY-MM-DD HH:MM" in `zone`. */
function wall(slots: readonly Slot[], zone: string): string[] {
  let formatter = wallFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    wallFormatters.set(zone, formatter);
  }
  const f = formatter;
  return slots.map((slot) => f.format(slot.startsAt));
}

const dayWindow = (fromIso: string, hours = 24): ComputeSlotsInput["window"] => ({ from: at(fromIso), to: at(fromIso) + hours * 3_600_000 });

describe("computeSlots basics", () => {
  it("lays out slots from the interval start in steps, the appointment inside the interval", () => {
    const slots = run({
      rules: [rule("Europe/London", 1, "09:00", "11:00", { mode: "in_person", locationId: "loc-1" })],
      service: service({ durationMinutes: 45, slotStepMinutes: 30 }),
      window: dayWindow("2027-01-18T00:00:00Z"),
    });
    expect(utc(slots)).toEqual(["2027-01-18T09:00Z", "2027-01-18T09:30Z", "2027-01-18T10:00Z"]);
    expect(slots[0]).toEqual({ startsAt: at("2027-01-18T09:00:00Z"), endsAt: at("2027-01-18T09:45:00Z"), mode: "in_person", locationId: "loc-1" });
  });

  it("returns nothing without rules, and throws on a non-positive duration or step", () => {
    expect(run({ window: dayWindow("2027-01-18T00:00:00Z") })).toEqual([]);
    const rules = everyDay("UTC", "09:00", "10:00");
    expect(() => run({ rules, service: service({ slotStepMinutes: 0 }), window: dayWindow("2027-01-18T00:00:00Z") })).toThrow(RangeError);
    expect(() => run({ rules, service: service({ durationMinutes: -5 }), window: dayWindow("2027-01-18T00:00:00Z") })).toThrow(RangeError);
  });

  it("keeps only the service's modes", () => {
    const rules = [
      rule("UTC", 1, "09:00", "10:00", { mode: "in_person", locationId: "a" }),
      rule("UTC", 1, "10:00", "11:00", { mode: "online" }),
    ];
    const window = dayWindow("2027-01-18T00:00:00Z");
    expect(utc(run({ rules, window, service: service({ modes: ["online"] }) }))).toEqual(["2027-01-18T10:00Z", "2027-01-18T10:30Z"]);
    expect(utc(run({ rules, window, service: service({ modes: ["in_person"] }) }))).toEqual(["2027-01-18T09:00Z", "2027-01-18T09:30Z"]);
    expect(run({ rules, window, service: service({ modes: [] }) })).toEqual([]);
  });

  it("honours effectiveFrom and effectiveUntil as inclusive local dates", () => {
    const rules = everyDay("Asia/Kolkata", "09:00", "09:30", { effectiveFrom: "2027-03-16", effectiveUntil: "2027-03-18" });
    const slots = run({ rules, window: { from: at("2027-03-14T00:00:00Z"), to: at("2027-03-21T00:00:00Z") } });
    expect(wall(slots, "Asia/Kolkata")).toEqual(["2027-03-16 09:00", "2027-03-17 09:00", "2027-03-18 09:00"]);
  });

  it("sorts by start, then mode, then location (null first) and returns each once", () => {
    const rules = [
      rule("UTC", 1, "09:00", "10:00", { mode: "online", locationId: null }),
      rule("UTC", 1, "09:00", "10:00", { mode: "in_person", locationId: "b" }),
      rule("UTC", 1, "09:00", "10:00", { mode: "in_person", locationId: "a" }),
      rule("UTC", 1, "09:00", "10:00", { mode: "in_person", locationId: null }),
      // Same wall time in London in January is the same instant: must not duplicate.
      rule("Europe/London", 1, "09:00", "10:00", { mode: "online", locationId: null }),
    ];
    const slots = run({ rules, service: service({ durationMinutes: 60, slotStepMinutes: 60 }), window: dayWindow("2027-01-18T00:00:00Z") });
    expect(slots.map((slot) => `${slot.mode}:${slot.locationId ?? "-"}`)).toEqual(["in_person:-", "in_person:a", "in_person:b", "online:-"]);
  });
});

describe("merging intervals", () => {
  it("merges overlapping intervals of one mode+location and lays the grid from the merged start", () => {
    const rules = [rule("UTC", 1, "09:00", "10:30"), rule("UTC", 1, "10:00", "11:00")];
    const slots = run({ rules, service: service({ durationMinutes: 45, slotStepMinutes: 45 }), window: dayWindow("2027-01-18T00:00:00Z") });
    // 10:30-11:15 would not fit; 09:45-10:30 straddles the two rules and is fine once merged.
    expect(utc(slots)).toEqual(["2027-01-18T09:00Z", "2027-01-18T09:45Z"]);
  });

  it("merges touching intervals", () => {
    const rules = [rule("UTC", 1, "09:00", "10:00"), rule("UTC", 1, "10:00", "11:00")];
    const slots = run({ rules, service: service({ durationMinutes: 60, slotStepMinutes: 30 }), window: dayWindow("2027-01-18T00:00:00Z") });
    expect(utc(slots)).toEqual(["2027-01-18T09:00Z", "2027-01-18T09:30Z", "2027-01-18T10:00Z"]);
  });

  it("does not merge different locations or modes", () => {
    const rules = [
      rule("UTC", 1, "09:00", "10:00", { mode: "in_person", locationId: "a" }),
      rule("UTC", 1, "10:00", "11:00", { mode: "in_person", locationId: "b" }),
    ];
    const slots = run({ rules, service: service({ durationMinutes: 60, slotStepMinutes: 30 }), window: dayWindow("2027-01-18T00:00:00Z") });
    expect(slots.map((slot) => `${new Date(slot.startsAt).toISOString().slice(11, 16)} ${slot.locationId}`)).toEqual(["09:00 a", "10:00 b"]);
  });

  it("does not let an appointment cross local midnight between two dates' intervals", () => {
    const rules = [rule("UTC", 1, "23:00", "24:00"), rule("UTC", 2, "00:00", "01:00")];
    const slots = run({ rules, service: service({ durationMinutes: 60, slotStepMinutes: 30 }), window: dayWindow("2027-01-18T00:00:00Z", 48) });
    expect(utc(slots)).toEqual(["2027-01-18T23:00Z", "2027-01-19T00:00Z"]);
  });
});

describe("DST", () => {
  it("keeps a 09:00 rule at 09:00 local on both sides of a change (Europe/London)", () => {
    const slots = run({
      rules: everyDay("Europe/London", "09:00", "09:30"),
      window: { from: at("2027-03-27T00:00:00Z"), to: at("2027-03-30T00:00:00Z") },
    });
    expect(utc(slots)).toEqual(["2027-03-27T09:00Z", "2027-03-28T08:00Z", "2027-03-29T08:00Z"]);
    expect(wall(slots, "Europe/London")).toEqual(["2027-03-27 09:00", "2027-03-28 09:00", "2027-03-29 09:00"]);
  });

  it("skips starts in the spring-forward gap (Europe/London)", () => {
    const slots = run({ rules: [rule("Europe/London", 7, "00:00", "04:00")], window: dayWindow("2027-03-27T12:00:00Z") });
    expect(wall(slots, "Europe/London")).toEqual(["2027-03-28 00:00", "2027-03-28 00:30", "2027-03-28 02:00", "2027-03-28 02:30", "2027-03-28 03:00", "2027-03-28 03:30"]);
    expect(utc(slots)).toEqual(["2027-03-28T00:00Z", "2027-03-28T00:30Z", "2027-03-28T01:00Z", "2027-03-28T01:30Z", "2027-03-28T02:00Z", "2027-03-28T02:30Z"]);
  });

  it("gives a repeated wall time once, at its first occurrence (Europe/London)", () => {
    const slots = run({ rules: [rule("Europe/London", 7, "00:00", "03:00")], window: dayWindow("2027-10-30T12:00:00Z") });
    expect(utc(slots)).toEqual([
      "2027-10-30T23:00Z",
      "2027-10-30T23:30Z",
      "2027-10-31T00:00Z",
      "2027-10-31T00:30Z",
      "2027-10-31T02:00Z",
      "2027-10-31T02:30Z",
    ]);
  });

  it("measures the interval in real time: a 01:00-02:00 rule on the fall-back night lasts two hours", () => {
    const slots = run({
      rules: [rule("Europe/London", 7, "01:00", "02:00")],
      service: service({ durationMinutes: 90, slotStepMinutes: 30 }),
      window: dayWindow("2027-10-30T12:00:00Z"),
    });
    expect(utc(slots)).toEqual(["2027-10-31T00:00Z", "2027-10-31T00:30Z"]);
    expect(slots[1]?.endsAt).toBe(at("2027-10-31T02:00:00Z"));
  });

  it("ends an interval whose end falls in the gap when the clock jumps (America/New_York)", () => {
    const slots = run({
      rules: [rule("America/New_York", 7, "00:00", "02:30")],
      service: service({ durationMinutes: 60, slotStepMinutes: 30 }),
      window: dayWindow("2027-03-14T00:00:00Z"),
    });
    expect(utc(slots)).toEqual(["2027-03-14T05:00Z", "2027-03-14T05:30Z", "2027-03-14T06:00Z"]);
  });

  it("keeps the grid of an interval that starts in the gap (America/New_York)", () => {
    const slots = run({
      rules: [rule("America/New_York", 7, "02:30", "05:30")],
      service: service({ durationMinutes: 60, slotStepMinutes: 60 }),
      window: dayWindow("2027-03-14T00:00:00Z"),
    });
    expect(wall(slots, "America/New_York")).toEqual(["2027-03-14 03:30", "2027-03-14 04:30"]);
  });

  it("handles the fall-back night in America/New_York and keeps elapsed durations", () => {
    const slots = run({
      rules: [rule("America/New_York", 7, "00:30", "03:00")],
      service: service({ durationMinutes: 60, slotStepMinutes: 30 }),
      window: dayWindow("2027-11-07T00:00:00Z"),
    });
    expect(utc(slots)).toEqual([
      "2027-11-07T04:30Z",
      "2027-11-07T05:00Z",
      "2027-11-07T05:30Z",
      "2027-11-07T07:00Z",
    ]);
    // 02:30 EST + 60 min would end after 03:00 EST, the interval's real end.
    expect(slots.every((slot) => slot.endsAt - slot.startsAt === 60 * MINUTE)).toBe(true);
  });

  it("handles the 30-minute shifts of Australia/Lord_Howe", () => {
    const back = run({
      rules: [rule("Australia/Lord_Howe", 7, "01:00", "03:00")],
      service: service({ durationMinutes: 15, slotStepMinutes: 15 }),
      window: dayWindow("2027-04-03T12:00:00Z"),
    });
    // 02:00 daylight time becomes 01:30 standard time at 15:00Z; 01:30 and 01:45 happen twice.
    expect(utc(back)).toEqual([
      "2027-04-03T14:00Z",
      "2027-04-03T14:15Z",
      "2027-04-03T14:30Z",
      "2027-04-03T14:45Z",
      "2027-04-03T15:30Z",
      "2027-04-03T15:45Z",
      "2027-04-03T16:00Z",
      "2027-04-03T16:15Z",
    ]);
    const forward = run({
      rules: [rule("Australia/Lord_Howe", 7, "01:30", "03:30")],
      service: service({ durationMinutes: 15, slotStepMinutes: 15 }),
      window: dayWindow("2027-10-02T12:00:00Z"),
    });
    expect(wall(forward, "Australia/Lord_Howe")).toEqual([
      "2027-10-03 01:30",
      "2027-10-03 01:45",
      "2027-10-03 02:30",
      "2027-10-03 02:45",
      "2027-10-03 03:00",
      "2027-10-03 03:15",
    ]);
    expect(utc(forward)[2]).toBe("2027-10-02T15:30Z");
  });

  it("keeps 09:00 at 09:00 in Australia/Adelaide (+10:30 -> +9:30)", () => {
    const slots = run({
      rules: everyDay("Australia/Adelaide", "09:00", "09:30"),
      window: { from: at("2027-04-02T12:00:00Z"), to: at("2027-04-05T12:00:00Z") },
    });
    expect(utc(slots)).toEqual(["2027-04-02T22:30Z", "2027-04-03T23:30Z", "2027-04-04T23:30Z"]);
  });

  it("handles the +13:45 -> +12:45 change of Pacific/Chatham", () => {
    const slots = run({ rules: [rule("Pacific/Chatham", 7, "02:00", "04:00")], window: dayWindow("2027-04-03T00:00:00Z") });
    // 03:45 daylight time becomes 02:45 standard time at 14:00Z; 03:00 and 03:30 happen twice.
    expect(utc(slots)).toEqual(["2027-04-03T12:15Z", "2027-04-03T12:45Z", "2027-04-03T13:15Z", "2027-04-03T13:45Z"]);
    const spring = run({ rules: [rule("Pacific/Chatham", 7, "02:00", "05:00")], service: service({ durationMinutes: 60, slotStepMinutes: 60 }), window: dayWindow("2027-09-25T00:00:00Z") });
    // 02:45 standard time becomes 03:45 daylight time: 03:00 does not exist, and the 60 minutes
    // from 02:00 end at 04:00 on the new clock.
    expect(wall(spring, "Pacific/Chatham")).toEqual(["2027-09-26 02:00", "2027-09-26 04:00"]);
    expect(utc(spring)).toEqual(["2027-09-25T13:15Z", "2027-09-25T14:15Z"]);
  });
});

describe("zones and calendar edges", () => {
  it("uses :30 and :45 offsets (Asia/Kolkata, Asia/Kathmandu)", () => {
    const window = dayWindow("2027-03-15T00:00:00Z");
    expect(utc(run({ rules: [rule("Asia/Kolkata", 1, "09:00", "10:00")], window }))).toEqual(["2027-03-15T03:30Z", "2027-03-15T04:00Z"]);
    expect(utc(run({ rules: [rule("Asia/Kathmandu", 1, "09:00", "10:00")], window }))).toEqual(["2027-03-15T03:15Z", "2027-03-15T03:45Z"]);
  });

  it("puts a Pacific/Auckland Friday morning on the previous UTC day", () => {
    const slots = run({ rules: [rule("Pacific/Auckland", 5, "08:00", "09:00")], window: dayWindow("2027-01-14T00:00:00Z") });
    expect(utc(slots)).toEqual(["2027-01-14T19:00Z", "2027-01-14T19:30Z"]);
    expect(new Date(slots[0]?.startsAt ?? 0).getUTCDay()).toBe(4);
  });

  it("crosses month and year ends", () => {
    const newYearsEve = run({
      rules: [rule("America/Los_Angeles", 5, "22:00", "24:00", { effectiveUntil: "2027-12-31" })],
      service: service({ durationMinutes: 60, slotStepMinutes: 60 }),
      window: { from: at("2027-12-30T00:00:00Z"), to: at("2028-01-10T00:00:00Z") },
    });
    expect(utc(newYearsEve)).toEqual(["2028-01-01T06:00Z", "2028-01-01T07:00Z"]);
    const monthEnd = run({
      rules: everyDay("Asia/Tokyo", "23:00", "24:00"),
      service: service({ durationMinutes: 60, slotStepMinutes: 60 }),
      window: { from: at("2027-02-27T00:00:00Z"), to: at("2027-03-02T00:00:00Z") },
    });
    expect(wall(monthEnd, "Asia/Tokyo")).toEqual(["2027-02-27 23:00", "2027-02-28 23:00", "2027-03-01 23:00"]);
    const leap = run({ rules: [rule("UTC", 2, "10:00", "10:30")], window: dayWindow("2028-02-29T00:00:00Z") });
    expect(utc(leap)).toEqual(["2028-02-29T10:00Z"]);
  });
});

describe("date overrides", () => {
  const zone = "Europe/London";
  const window = { from: at("2027-01-18T00:00:00Z"), to: at("2027-01-21T00:00:00Z") };
  const rules = everyDay(zone, "09:00", "10:00");
  const hourly = service({ durationMinutes: 60, slotStepMinutes: 60 });

  it("'off' removes a range of dates, extras included", () => {
    const overrides: DateOverride[] = [
      { startDate: "2027-01-18", endDate: "2027-01-19", timeZone: zone, kind: "off", intervals: [] },
      { startDate: "2027-01-19", endDate: "2027-01-19", timeZone: zone, kind: "extra", intervals: [{ startMinute: hm("14:00"), endMinute: hm("15:00"), mode: "online", locationId: null }] },
      { startDate: "2027-01-18", endDate: "2027-01-18", timeZone: zone, kind: "replace", intervals: [{ startMinute: hm("14:00"), endMinute: hm("15:00"), mode: "online", locationId: null }] },
    ];
    expect(utc(run({ rules, overrides, window, service: hourly }))).toEqual(["2027-01-20T09:00Z"]);
  });

  it("'replace' uses only its intervals (several replaces unite) and extras still add", () => {
    const overrides: DateOverride[] = [
      { startDate: "2027-01-19", endDate: "2027-01-19", timeZone: zone, kind: "replace", intervals: [{ startMinute: hm("12:00"), endMinute: hm("13:00"), mode: "online", locationId: null }] },
      { startDate: "2027-01-19", endDate: "2027-01-20", timeZone: zone, kind: "replace", intervals: [{ startMinute: hm("15:00"), endMinute: hm("16:00"), mode: "online", locationId: null }] },
      { startDate: "2027-01-20", endDate: "2027-01-20", timeZone: zone, kind: "extra", intervals: [{ startMinute: hm("17:00"), endMinute: hm("18:00"), mode: "in_person", locationId: "x" }] },
    ];
    expect(utc(run({ rules, overrides, window, service: hourly }))).toEqual([
      "2027-01-18T09:00Z",
      "2027-01-19T12:00Z",
      "2027-01-19T15:00Z",
      "2027-01-20T15:00Z",
      "2027-01-20T17:00Z",
    ]);
  });

  it("an empty 'replace' closes the weekly hours of the date", () => {
    const overrides: DateOverride[] = [{ startDate: "2027-01-19", endDate: "2027-01-19", timeZone: zone, kind: "replace", intervals: [] }];
    expect(utc(run({ rules, overrides, window, service: hourly }))).toEqual(["2027-01-18T09:00Z", "2027-01-20T09:00Z"]);
  });

  it("'extra' adds to the weekly hours and merges with them", () => {
    const overrides: DateOverride[] = [
      { startDate: "2027-01-18", endDate: "2027-01-18", timeZone: zone, kind: "extra", intervals: [{ startMinute: hm("10:00"), endMinute: hm("11:00"), mode: "online", locationId: null }] },
    ];
    const slots = run({ rules, overrides, window: dayWindow("2027-01-18T00:00:00Z"), service: service({ durationMinutes: 60, slotStepMinutes: 30 }) });
    expect(utc(slots)).toEqual(["2027-01-18T09:00Z", "2027-01-18T09:30Z", "2027-01-18T10:00Z"]);
  });

  it("matches dates by label in each interval's own zone", () => {
    // A day off written in London still closes 25 Dec evening in New York, and not 24 Dec evening.
    const ny = everyDay("America/New_York", "18:00", "19:00", { mode: "in_person", locationId: "nyc" });
    const overrides: DateOverride[] = [{ startDate: "2027-12-25", endDate: "2027-12-25", timeZone: "Europe/London", kind: "off", intervals: [] }];
    const slots = run({ rules: ny, overrides, service: hourly, window: { from: at("2027-12-24T00:00:00Z"), to: at("2027-12-28T00:00:00Z") } });
    expect(wall(slots, "America/New_York")).toEqual(["2027-12-24 18:00", "2027-12-26 18:00", "2027-12-27 18:00"]);
  });

  it("places override intervals in the override's zone", () => {
    const overrides: DateOverride[] = [
      { startDate: "2027-01-19", endDate: "2027-01-19", timeZone: "Asia/Kathmandu", kind: "extra", intervals: [{ startMinute: hm("09:00"), endMinute: hm("10:00"), mode: "online", locationId: null }] },
    ];
    const slots = run({ overrides, window, service: hourly });
    expect(utc(slots)).toEqual(["2027-01-19T03:15Z"]);
  });
});

describe("busy time and buffers", () => {
  const rules = [rule("UTC", 1, "09:00", "12:00")];
  const window = dayWindow("2027-01-18T00:00:00Z");
  const quarter = service({ durationMinutes: 30, slotStepMinutes: 15 });
  const booking = (start: string, end: string, before = 0, after = 0, serviceId = "other"): BusyBooking => ({
    startsAt: at(`2027-01-18T${start}:00Z`),
    endsAt: at(`2027-01-18T${end}:00Z`),
    bufferBeforeMinutes: before,
    bufferAfterMinutes: after,
    serviceId,
  });
  const times = (slots: readonly Slot[]): string[] => slots.map((slot) => new Date(slot.startsAt).toISOString().slice(11, 16));

  it("blocks a booking with its buffers; touching is fine", () => {
    const slots = run({ rules, window, service: quarter, bookings: [booking("10:00", "10:30", 15, 15)] });
    expect(times(slots)).toEqual(["09:00", "09:15", "10:45", "11:00", "11:15", "11:30"]);
  });

  it("adds the candidate's buffers, which may reach outside the interval", () => {
    const buffered = service({ durationMinutes: 30, slotStepMinutes: 15, bufferBeforeMinutes: 10, bufferAfterMinutes: 20 });
    expect(times(run({ rules, window, service: buffered, bookings: [booking("10:00", "10:30")] }))).toEqual(["09:00", "10:45", "11:00", "11:15", "11:30"]);
    // A booking before the interval reaches the candidate's buffer: 09:00 needs 08:50 free.
    expect(times(run({ rules, window, service: buffered, bookings: [booking("08:00", "08:55")] }))).toEqual(["09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30"]);
    expect(times(run({ rules, window, service: buffered, bookings: [booking("08:00", "08:50")] }))[0]).toBe("09:00");
  });

  it("blocks external busy time without buffers, widened to whole minutes", () => {
    const externalBusy: ExternalBusyInterval[] = [
      { startsAt: at("2027-01-18T09:30:00Z"), endsAt: at("2027-01-18T10:00:00Z") + 1_000 },
      { startsAt: at("2027-01-18T11:00:00Z"), endsAt: at("2027-01-18T11:00:00Z") },
    ];
    expect(times(run({ rules, window, service: quarter, externalBusy }))).toEqual(["09:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30"]);
  });

  it("merges overlapping busy ranges", () => {
    const externalBusy: ExternalBusyInterval[] = [
      { startsAt: at("2027-01-18T09:10:00Z"), endsAt: at("2027-01-18T10:00:00Z") },
      { startsAt: at("2027-01-18T09:00:00Z"), endsAt: at("2027-01-18T09:20:00Z") },
      { startsAt: at("2027-01-18T09:50:00Z"), endsAt: at("2027-01-18T11:00:00Z") },
    ];
    expect(times(run({ rules, window, service: quarter, externalBusy }))).toEqual(["11:00", "11:15", "11:30"]);
  });
});

describe("notice, horizon, window and daily limit", () => {
  const rules = everyDay("UTC", "09:00", "11:00");

  it("requires start >= now + minimum notice", () => {
    const slots = run({ rules, now: at("2027-01-18T08:30:00Z") + 1, service: service({ minimumNoticeMinutes: 60 }), window: dayWindow("2027-01-18T00:00:00Z") });
    expect(utc(slots)).toEqual(["2027-01-18T10:00Z", "2027-01-18T10:30Z"]);
    const exact = run({ rules, now: at("2027-01-18T08:30:00Z"), service: service({ minimumNoticeMinutes: 60 }), window: dayWindow("2027-01-18T00:00:00Z") });
    expect(utc(exact)[0]).toBe("2027-01-18T09:30Z");
  });

  it("requires start < now + horizon", () => {
    const slots = run({ rules, now: at("2027-01-18T10:00:00Z"), service: service({ bookingHorizonDays: 2 }), window: { from: at("2027-01-18T00:00:00Z"), to: at("2027-01-25T00:00:00Z") } });
    expect(utc(slots)).toEqual([
      "2027-01-18T10:00Z",
      "2027-01-18T10:30Z",
      "2027-01-19T09:00Z",
      "2027-01-19T09:30Z",
      "2027-01-19T10:00Z",
      "2027-01-19T10:30Z",
      "2027-01-20T09:00Z",
      "2027-01-20T09:30Z",
    ]);
  });

  it("returns starts in [from, to) only", () => {
    const slots = run({ rules, window: { from: at("2027-01-18T09:30:00Z"), to: at("2027-01-18T10:30:00Z") } });
    expect(utc(slots)).toEqual(["2027-01-18T09:30Z", "2027-01-18T10:00Z"]);
    const offGrid = run({ rules, window: { from: at("2027-01-18T09:30:00Z") + 1, to: at("2027-01-18T10:30:00Z") + 1 } });
    expect(utc(offGrid)).toEqual(["2027-01-18T10:00Z", "2027-01-18T10:30Z"]);
    expect(run({ rules, window: { from: at("2027-01-18T10:00:00Z"), to: at("2027-01-18T10:00:00Z") } })).toEqual([]);
  });

  it("closes a local date once bookings and holds of the service reach the daily limit", () => {
    const auckland = everyDay("Pacific/Auckland", "08:00", "09:00");
    const hold = (iso: string, serviceId: string): BusyBooking => ({ startsAt: at(iso), endsAt: at(iso) + 30 * MINUTE, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, serviceId });
    // 2027-01-14T23:30Z is 12:30 on Friday 15 January in Auckland.
    const bookings = [hold("2027-01-14T23:30:00Z", "svc"), hold("2027-01-15T00:30:00Z", "svc"), hold("2027-01-15T01:30:00Z", "other")];
    const window = { from: at("2027-01-14T00:00:00Z"), to: at("2027-01-17T00:00:00Z") };
    const limited = run({ rules: auckland, bookings, window, service: service({ maxBookingsPerDay: 2 }) });
    expect(wall(limited, "Pacific/Auckland")).toEqual(["2027-01-16 08:00", "2027-01-16 08:30", "2027-01-17 08:00", "2027-01-17 08:30"]);
    const roomy = run({ rules: auckland, bookings, window, service: service({ maxBookingsPerDay: 3 }) });
    expect(roomy).toHaveLength(6);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

describe("purity", () => {
  it("reads no clock: the engine source has no Date.now() or argument-less new Date()", () => {
    const source = readFileSync(fileURLToPath(new URL("./compute-slots.ts", import.meta.url)), "utf8");
    expect(source).not.toMatch(/Date\.now\s*\(|new Date\s*\(\s*\)|performance\.now/);
  });

  it("never mutates its input and gives the same answer twice", () => {
    const input: ComputeSlotsInput = {
      rules: [...everyDay("Europe/London", "09:00", "12:00", { mode: "in_person", locationId: "a" }), ...everyDay("Europe/London", "09:00", "10:00")],
      overrides: [{ startDate: "2027-03-29", endDate: "2027-03-29", timeZone: "Europe/London", kind: "replace", intervals: [{ startMinute: 600, endMinute: 700, mode: "online", locationId: null }] }],
      bookings: [{ startsAt: at("2027-03-28T09:00:00Z"), endsAt: at("2027-03-28T09:30:00Z"), bufferBeforeMinutes: 5, bufferAfterMinutes: 5, serviceId: "svc" }],
      externalBusy: [{ startsAt: at("2027-03-27T10:00:00Z"), endsAt: at("2027-03-27T10:30:00Z") }],
      service: service({ maxBookingsPerDay: 3 }),
      now: at("2027-03-20T00:00:00Z"),
      window: { from: at("2027-03-26T00:00:00Z"), to: at("2027-03-31T00:00:00Z") },
    };
    const snapshot = structuredClone(input);
    deepFreeze(input);
    const first = computeSlots(input);
    expect(first.length).toBeGreaterThan(10);
    expect(computeSlots(input)).toEqual(first);
    expect(input).toEqual(snapshot);
  });
});

// ---------------------------------------------------------------------------------------------
// Randomized comparison with a deliberately naive reference: it walks every real UTC minute,
// asks Intl for the wall-clock reading there, paints availability minute by minute on boolean
// arrays, and checks every rule directly. It shares no code with the engine or `@/lib/time`.
// ---------------------------------------------------------------------------------------------

type Reading = { date: string; minute: number };

const readingFormatters = new Map<string, Intl.DateTimeFormat>();
const readings = new Map<string, Map<number, Reading>>();

/** Wall-clock date and minute of day at UTC minute `u` in `zone`, straight from Intl (memoised). */
function readingAt(zone: string, u: number): Reading {
  let perZone = readings.get(zone);
  if (!perZone) {
    perZone = new Map();
    readings.set(zone, perZone);
  }
  let reading = perZone.get(u);
  if (!reading) {
    let formatter = readingFormatters.get(zone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
      readingFormatters.set(zone, formatter);
    }
    const parts: Record<string, string> = {};
    for (const part of formatter.formatToParts(new Date(u * MINUTE))) parts[part.type] = part.value;
    reading = { date: `${parts.year}-${parts.month}-${parts.day}`, minute: (Number(parts.hour) % 24) * 60 + Number(parts.minute) };
    perZone.set(u, reading);
  }
  return reading;
}

/** A reading as one comparable number: minutes since 1970-01-01 00:00 on the wall calendar. */
const readingValue = (date: string, minute: number): number => Date.parse(`${date}T00:00:00Z`) / MINUTE + minute;

/** The first UTC minute at which the clock in `zone` reads `minute` of `date` or later. */
const firstMinuteReadings = new Map<string, number>();
function firstMinuteReading(zone: string, date: string, minute: number): number {
  const key = `${zone} ${date} ${minute}`;
  const known = firstMinuteReadings.get(key);
  if (known !== undefined) return known;
  const target = readingValue(date, minute);
  // 15 hours before "the same reading in UTC", every zone's clock still reads earlier.
  let u = target - 15 * 60;
  for (;;) {
    const reading = readingAt(zone, u);
    if (readingValue(reading.date, reading.minute) >= target) {
      firstMinuteReadings.set(key, u);
      return u;
    }
    u++;
  }
}

function referenceSlots(input: ComputeSlotsInput): Slot[] {
  const { service: svc } = input;
  const allowed = (mode: SlotMode): boolean => svc.modes.includes(mode);
  const covers = (override: DateOverride, date: string): boolean => override.startDate <= date && date <= override.endDate;
  const isoDay = (date: string): number => {
    const js = new Date(`${date}T00:00:00Z`).getUTCDay();
    return js === 0 ? 7 : js;
  };

  /** Minute-by-minute availability of a zone's date, per "mode|location". */
  const paintCache = new Map<string, Map<string, boolean[]>>();
  const paint = (zone: string, date: string): Map<string, boolean[]> => {
    const cacheKey = `${zone} ${date}`;
    const cached = paintCache.get(cacheKey);
    if (cached) return cached;
    const painted = new Map<string, boolean[]>();
    const mark = (mode: SlotMode, locationId: string | null, start: number, end: number): void => {
      const key = `${mode}|${locationId ?? ""}`;
      let minutes = painted.get(key);
      if (!minutes) {
        minutes = new Array<boolean>(1440).fill(false);
        painted.set(key, minutes);
      }
      for (let m = Math.max(0, start); m < Math.min(1440, end); m++) minutes[m] = true;
    };
    const off = input.overrides.some((o) => o.kind === "off" && covers(o, date));
    if (!off) {
      const replaced = input.overrides.some((o) => o.kind === "replace" && covers(o, date));
      if (!replaced) {
        for (const r of input.rules) {
          if (r.timeZone !== zone || r.weekday !== isoDay(date) || !allowed(r.mode)) continue;
          if (r.effectiveFrom && date < r.effectiveFrom) continue;
          if (r.effectiveUntil && date > r.effectiveUntil) continue;
          mark(r.mode, r.locationId, r.startMinute, r.endMinute);
        }
      }
      for (const o of input.overrides) {
        if (o.kind === "off" || o.timeZone !== zone || !covers(o, date)) continue;
        for (const interval of o.intervals) if (allowed(interval.mode)) mark(interval.mode, interval.locationId, interval.startMinute, interval.endMinute);
      }
    }
    paintCache.set(cacheKey, painted);
    return painted;
  };

  const isStartAllowed = (u: number): boolean =>
    u * MINUTE >= input.window.from &&
    u * MINUTE < input.window.to &&
    u * MINUTE >= input.now + svc.minimumNoticeMinutes * MINUTE &&
    u * MINUTE < input.now + svc.bookingHorizonDays * DAY;

  const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b1 && b0 < a1;
  const isBlocked = (u: number): boolean => {
    const g0 = u - svc.bufferBeforeMinutes;
    const g1 = u + svc.durationMinutes + svc.bufferAfterMinutes;
    for (const b of input.bookings) {
      if (overlaps(g0, g1, Math.floor(b.startsAt / MINUTE) - b.bufferBeforeMinutes, Math.ceil(b.endsAt / MINUTE) + b.bufferAfterMinutes)) return true;
    }
    for (const b of input.externalBusy) {
      if (overlaps(g0, g1, Math.floor(b.startsAt / MINUTE), Math.ceil(b.endsAt / MINUTE))) return true;
    }
    return false;
  };
  const isDayFull = (zone: string, date: string): boolean => {
    if (svc.maxBookingsPerDay === null) return false;
    const count = input.bookings.filter((b) => b.serviceId === svc.serviceId && readingAt(zone, Math.floor(b.startsAt / MINUTE)).date === date).length;
    return count >= svc.maxBookingsPerDay;
  };

  const zones = new Set<string>([...input.rules.map((r) => r.timeZone), ...input.overrides.map((o) => o.timeZone)]);
  const first = Math.floor(input.window.from / MINUTE) - 1;
  const last = Math.ceil(input.window.to / MINUTE) + 1;
  const found = new Map<string, Slot>();
  for (const zone of zones) {
    const seen = new Set<string>();
    for (let u = first - 180; u <= last; u++) {
      const { date, minute } = readingAt(zone, u);
      const readingKey = `${date} ${minute}`;
      const isFirstOccurrence = !seen.has(readingKey);
      seen.add(readingKey);
      if (!isFirstOccurrence || !isStartAllowed(u)) continue;
      for (const [groupKey, minutes] of paint(zone, date)) {
        if (!minutes[minute]) continue;
        let runStart = minute;
        while (runStart > 0 && minutes[runStart - 1]) runStart--;
        let runEnd = minute;
        while (runEnd < 1440 && minutes[runEnd]) runEnd++;
        if ((minute - runStart) % svc.slotStepMinutes !== 0) continue;
        // The interval really ends at the first minute whose reading is at or past its end.
        if (u + svc.durationMinutes > firstMinuteReading(zone, date, runEnd)) continue;
        if (isBlocked(u) || isDayFull(zone, date)) continue;
        const [mode, location] = groupKey.split("|") as [SlotMode, string];
        found.set(`${u}|${groupKey}`, { startsAt: u * MINUTE, endsAt: (u + svc.durationMinutes) * MINUTE, mode, locationId: location === "" ? null : location });
      }
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      a.startsAt - b.startsAt ||
      (a.mode === b.mode ? 0 : a.mode < b.mode ? -1 : 1) ||
      (a.locationId === b.locationId ? 0 : a.locationId === null ? -1 : b.locationId === null ? 1 : a.locationId < b.locationId ? -1 : 1),
  );
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Zones under test with the 2027 dates of their clock changes (plus month and year ends). */
const RANDOM_ZONES: Record<string, string[]> = {
  "Europe/London": ["2027-03-28", "2027-10-31"],
  "America/New_York": ["2027-03-14", "2027-11-07"],
  "Australia/Lord_Howe": ["2027-04-04", "2027-10-03"],
  "Australia/Adelaide": ["2027-04-04", "2027-10-03"],
  "Pacific/Chatham": ["2027-04-04", "2027-09-26"],
  "Pacific/Auckland": ["2027-04-04", "2027-09-26"],
  "Asia/Kolkata": ["2027-02-28"],
  "Asia/Kathmandu": ["2027-12-31"],
};

function randomCase(random: () => number): ComputeSlotsInput {
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const zoneNames = Object.keys(RANDOM_ZONES);
  const zone = pick(zoneNames);
  const otherZone = chance(0.2) ? pick(zoneNames) : zone;
  const anchor = pick([...(RANDOM_ZONES[zone] as string[]), "2027-01-31", "2027-12-31"]);
  const anchorMs = at(`${anchor}T00:00:00Z`);
  const shiftDate = (days: number): string => new Date(anchorMs + days * DAY).toISOString().slice(0, 10);
  const weekdayNear = (): WeeklyRule["weekday"] => {
    const js = new Date(anchorMs + int(0, 1) * DAY).getUTCDay();
    return (js === 0 ? 7 : js) as WeeklyRule["weekday"];
  };
  const minuteOfDay = (): number => (chance(0.4) ? int(0, 240) : int(0, 1439 / 5) * 5);
  const interval = () => {
    const start = minuteOfDay();
    const end = chance(0.15) ? 1440 : Math.min(1440, start + int(30, 600));
    const mode: SlotMode = chance(0.5) ? "online" : "in_person";
    return { startMinute: start, endMinute: end, mode, locationId: mode === "online" ? null : pick(["a", "b"]) };
  };

  const rules: WeeklyRule[] = [];
  for (let i = int(2, 8); i > 0; i--) {
    rules.push({
      ...interval(),
      weekday: chance(0.9) ? weekdayNear() : (int(1, 7) as WeeklyRule["weekday"]),
      timeZone: chance(0.8) ? zone : otherZone,
      effectiveFrom: chance(0.15) ? shiftDate(int(-1, 1)) : null,
      effectiveUntil: chance(0.15) ? shiftDate(int(-1, 1)) : undefined,
    });
  }
  const overrides: DateOverride[] = [];
  for (let i = pick([0, 0, 1, 2, 3]); i > 0; i--) {
    const startDay = int(-1, 1);
    overrides.push({
      startDate: shiftDate(startDay),
      endDate: shiftDate(startDay + int(0, 1)),
      timeZone: chance(0.8) ? zone : otherZone,
      kind: pick(["off", "replace", "replace", "extra", "extra"] as const),
      intervals: Array.from({ length: int(0, 2) }, interval),
    });
  }

  // The anchor date is a UTC label; zones run from -5:00 to +13:45 here, so this covers its local
  // date and some of the neighbours.
  const from = anchorMs + int(-20 * 60, 0) * MINUTE + (chance(0.2) ? int(1, 59_999) : 0);
  const to = anchorMs + int(14 * 60, 34 * 60) * MINUTE + (chance(0.2) ? int(1, 59_999) : 0);
  const instantNear = (): number => from - 3 * 3_600_000 + int(0, Math.floor((to - from) / MINUTE) + 360) * MINUTE;
  const bookings: BusyBooking[] = Array.from({ length: int(0, 8) }, () => {
    const startsAt = instantNear();
    return {
      startsAt,
      endsAt: startsAt + int(10, 90) * MINUTE,
      bufferBeforeMinutes: pick([0, 0, 5, 15]),
      bufferAfterMinutes: pick([0, 0, 10, 20]),
      serviceId: pick(["svc", "other"]),
    };
  });
  const externalBusy: ExternalBusyInterval[] = Array.from({ length: int(0, 4) }, () => {
    const startsAt = instantNear() + (chance(0.3) ? int(1, 59_999) : 0);
    return { startsAt, endsAt: startsAt + int(1, 120) * MINUTE };
  });
  const modes = pick<SlotMode[]>([["online"], ["in_person"], ["in_person", "online"], ["in_person", "online"]]);

  return {
    rules,
    overrides,
    bookings,
    externalBusy,
    service: {
      serviceId: "svc",
      durationMinutes: pick([10, 15, 20, 30, 45, 60, 90]),
      bufferBeforeMinutes: pick([0, 0, 5, 10]),
      bufferAfterMinutes: pick([0, 0, 5, 15]),
      slotStepMinutes: pick([5, 10, 15, 20, 25, 30, 45, 60]),
      minimumNoticeMinutes: pick([0, 0, 30, 240]),
      bookingHorizonDays: pick([2, 30]),
      maxBookingsPerDay: pick([null, null, 1, 2]),
      modes,
    },
    now: from - int(0, 24 * 60) * MINUTE + int(0, 4 * 60) * MINUTE + (chance(0.3) ? int(1, 59_999) : 0),
    window: { from, to },
  };
}

describe("computeSlots against a minute-by-minute reference", () => {
  it("agrees on 400 seeded random cases across DST changes and odd offsets", () => {
    const random = mulberry32(0x5107_2027);
    let nonEmpty = 0;
    for (let i = 0; i < 400; i++) {
      const input = deepFreeze(randomCase(random));
      const expected = referenceSlots(input);
      const actual = computeSlots(input);
      if (expected.length > 0) nonEmpty++;
      expect(utc(actual), `case ${i}: ${JSON.stringify(input)}`).toEqual(utc(expected));
      expect(actual, `case ${i}`).toEqual(expected);
    }
    // Guard against a generator that only produces empty answers.
    expect(nonEmpty).toBeGreaterThan(200);
  });
});
