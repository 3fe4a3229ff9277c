import { describe, expect, it } from "vitest";

import { createZoneTimeline, isValidTimeZone, localToUtc, offsetMinutesAt, utcToLocal } from "./zoned";

const at = (iso: string): number => Date.parse(iso);
const minuteOf = (iso: string): number => Date.parse(iso) / 60_000;
const localMinute = (date: string, hhmm: string): number => Date.parse(`${date}T${hhmm}:00Z`) / 60_000;

describe("isValidTimeZone", () => {
  it("accepts IANA names and rejects anything else", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("Asia/Kathmandu")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("offsetMinutesAt", () => {
  it.each([
    ["Europe/London", "2027-01-15T12:00:00Z", 0],
    ["Europe/London", "2027-07-15T12:00:00Z", 60],
    ["America/New_York", "2027-01-15T12:00:00Z", -300],
    ["America/New_York", "2027-07-15T12:00:00Z", -240],
    ["Asia/Kolkata", "2027-07-15T12:00:00Z", 330],
    ["Asia/Kathmandu", "2027-07-15T12:00:00Z", 345],
    ["Australia/Adelaide", "2027-07-15T12:00:00Z", 570],
    ["Australia/Adelaide", "2027-01-15T12:00:00Z", 630],
    ["Australia/Lord_Howe", "2027-07-15T12:00:00Z", 630],
    ["Australia/Lord_Howe", "2027-01-15T12:00:00Z", 660],
    ["Pacific/Chatham", "2027-07-15T12:00:00Z", 765],
    ["Pacific/Chatham", "2027-01-15T12:00:00Z", 825],
  ])("%s at %s is %i", (zone, iso, expected) => {
    expect(offsetMinutesAt(zone, at(iso))).toBe(expected);
  });

  it("ignores sub-second parts of the instant", () => {
    expect(offsetMinutesAt("Asia/Kolkata", at("2027-07-15T12:00:00Z") + 999)).toBe(330);
    expect(offsetMinutesAt("America/New_York", at("2027-07-15T12:00:00Z") - 1)).toBe(-240);
  });
});

describe("ZoneTimeline", () => {
  it.each([
    ["Europe/London", "2027-03-28T01:00:00Z", 0, 60],
    ["Europe/London", "2027-10-31T01:00:00Z", 60, 0],
    ["America/New_York", "2027-03-14T07:00:00Z", -300, -240],
    ["America/New_York", "2027-11-07T06:00:00Z", -240, -300],
    ["Australia/Lord_Howe", "2027-04-03T15:00:00Z", 660, 630],
    ["Australia/Lord_Howe", "2027-10-02T15:30:00Z", 630, 660],
    ["Australia/Adelaide", "2027-04-03T16:30:00Z", 630, 570],
    ["Pacific/Chatham", "2027-04-03T14:00:00Z", 825, 765],
    ["Pacific/Chatham", "2027-09-25T14:00:00Z", 765, 825],
  ])("%s changes offset at %s (%i -> %i)", (zone, iso, before, after) => {
    const t = minuteOf(iso);
    const timeline = createZoneTimeline(zone, t - 5 * 1440, t + 5 * 1440);
    expect(timeline.segmentStarts).toEqual([-Infinity, t]);
    expect(timeline.segmentOffsets).toEqual([before, after]);
    expect(timeline.offsetAt(t - 1)).toBe(before);
    expect(timeline.offsetAt(t)).toBe(after);
  });

  it("has a single segment in zones without DST", () => {
    const timeline = createZoneTimeline("Asia/Kathmandu", minuteOf("2027-01-01T00:00:00Z"), minuteOf("2028-01-01T00:00:00Z"));
    expect(timeline.segmentOffsets).toEqual([345]);
  });

  it("finds both changes of a year", () => {
    const timeline = createZoneTimeline("Europe/London", minuteOf("2027-01-01T00:00:00Z"), minuteOf("2028-01-01T00:00:00Z"));
    expect(timeline.segmentStarts).toEqual([-Infinity, minuteOf("2027-03-28T01:00:00Z"), minuteOf("2027-10-31T01:00:00Z")]);
    expect(timeline.segmentOffsets).toEqual([0, 60, 0]);
  });

  it("maps local readings to the earliest instant, null in a gap, and boundaries to the gap's end", () => {
    const t = minuteOf("2027-03-14T07:00:00Z");
    const ny = createZoneTimeline("America/New_York", t - 3 * 1440, t + 3 * 1440);
    expect(ny.localMinuteToUtc(localMinute("2027-03-14", "01:59"))).toBe(minuteOf("2027-03-14T06:59:00Z"));
    expect(ny.localMinuteToUtc(localMinute("2027-03-14", "02:00"))).toBeNull();
    expect(ny.localMinuteToUtc(localMinute("2027-03-14", "02:59"))).toBeNull();
    expect(ny.localMinuteToUtc(localMinute("2027-03-14", "03:00"))).toBe(t);
    expect(ny.localBoundaryToUtc(localMinute("2027-03-14", "02:30"))).toBe(t);
    expect(ny.localBoundaryToUtc(localMinute("2027-03-14", "03:30"))).toBe(t + 30);

    const f = minuteOf("2027-11-07T06:00:00Z");
    const nyFall = createZoneTimeline("America/New_York", f - 3 * 1440, f + 3 * 1440);
    expect(nyFall.localMinuteToUtc(localMinute("2027-11-07", "01:30"))).toBe(minuteOf("2027-11-07T05:30:00Z"));
    expect(nyFall.localBoundaryToUtc(localMinute("2027-11-07", "01:30"))).toBe(minuteOf("2027-11-07T05:30:00Z"));
    expect(nyFall.localMinuteToUtc(localMinute("2027-11-07", "02:00"))).toBe(minuteOf("2027-11-07T07:00:00Z"));
    expect(nyFall.localBoundaryToUtc(localMinute("2027-11-07", "02:00"))).toBe(minuteOf("2027-11-07T07:00:00Z"));
  });

  it("agrees with a brute-force search around every 2027 change of seven zones", () => {
    const zones = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Australia/Adelaide", "Pacific/Chatham", "Asia/Kolkata", "Asia/Kathmandu"];
    for (const zone of zones) {
      const yearStart = minuteOf("2027-01-01T00:00:00Z");
      const timeline = createZoneTimeline(zone, yearStart, yearStart + 366 * 1440);
      const changes = timeline.segmentStarts.slice(1);
      for (const change of changes.length > 0 ? changes : [minuteOf("2027-06-01T00:00:00Z")]) {
        const offsets = new Map<number, number>();
        const offset = (u: number): number => {
          let o = offsets.get(u);
          if (o === undefined) {
            o = offsetMinutesAt(zone, u * 60_000);
            offsets.set(u, o);
          }
          return o;
        };
        for (let local = change - 1440 + 840; local < change + 1440 + 840; local += 15) {
          let earliest: number | null = null;
          let boundary: number | null = null;
          for (let u = local - 900; u <= local + 900; u++) {
            if (earliest === null && u + offset(u) === local) earliest = u;
            if (boundary === null && u + offset(u) >= local) boundary = u;
          }
          expect(timeline.localMinuteToUtc(local), `${zone} local ${local}`).toBe(earliest);
          expect(timeline.localBoundaryToUtc(local), `${zone} local ${local}`).toBe(boundary);
        }
      }
    }
  });
});

describe("localToUtc and utcToLocal", () => {
  it("convert wall-clock readings in whole, :30 and :45 zones", () => {
    expect(localToUtc("Asia/Kolkata", "2027-03-15", 9 * 60)).toBe(at("2027-03-15T03:30:00Z"));
    expect(localToUtc("Asia/Kathmandu", "2027-03-15", 9 * 60)).toBe(at("2027-03-15T03:15:00Z"));
    expect(localToUtc("Pacific/Chatham", "2027-01-01", 0)).toBe(at("2026-12-31T10:15:00Z"));
    expect(localToUtc("Pacific/Auckland", "2027-01-15", 8 * 60)).toBe(at("2027-01-14T19:00:00Z"));
  });

  it("returns null in a gap and the earlier instant for a repeated reading", () => {
    expect(localToUtc("Europe/London", "2027-03-28", 60 + 30)).toBeNull();
    expect(localToUtc("Europe/London", "2027-10-31", 60 + 30)).toBe(at("2027-10-31T00:30:00Z"));
    expect(localToUtc("Australia/Lord_Howe", "2027-10-03", 2 * 60 + 15)).toBeNull();
    expect(localToUtc("Australia/Lord_Howe", "2027-04-04", 60 + 45)).toBe(at("2027-04-03T14:45:00Z"));
  });

  it("reads the local date and minute of an instant", () => {
    expect(utcToLocal("Pacific/Auckland", at("2027-01-14T19:00:00Z"))).toEqual({ date: "2027-01-15", minute: 480 });
    expect(utcToLocal("America/Los_Angeles", at("2028-01-01T06:30:00Z"))).toEqual({ date: "2027-12-31", minute: 22 * 60 + 30 });
  });
});
