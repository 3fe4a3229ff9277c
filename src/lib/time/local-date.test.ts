import { describe, expect, it } from "vitest";

import {
  ACCEPTED_DATE_RANGE,
  ACCEPTED_INSTANT_RANGE,
  addDays,
  daysBetween,
  epochDayToLocalDate,
  isAcceptedLocalDate,
  isLocalDate,
  isoWeekday,
  isoWeekdayOfEpochDay,
  localDateToEpochDay,
} from "./local-date";

describe("local dates as epoch days", () => {
  it("maps known dates", () => {
    expect(localDateToEpochDay("1970-01-01")).toBe(0);
    expect(localDateToEpochDay("1969-12-31")).toBe(-1);
    expect(localDateToEpochDay("2000-03-01")).toBe(11_017);
    expect(epochDayToLocalDate(20_000)).toBe("2024-10-04");
  });

  it("round-trips every day from 1900 to 2200 and agrees with Date.UTC", () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2200, 0, 1) / 86_400_000;
    const mismatches: string[] = [];
    for (let day = first; day <= last; day++) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (epochDayToLocalDate(day) !== date || localDateToEpochDay(date) !== day) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
    expect(last - first).toBe(109_573);
  });

  it("gives ISO weekdays (1 = Monday, 7 = Sunday)", () => {
    expect(isoWeekday("2027-03-15")).toBe(1);
    expect(isoWeekday("2027-03-28")).toBe(7);
    expect(isoWeekday("1970-01-01")).toBe(4);
    expect(isoWeekdayOfEpochDay(-1)).toBe(3);
    const mismatches: number[] = [];
    for (let day = -800; day < 800; day++) {
      const jsDay = new Date(day * 86_400_000).getUTCDay();
      if (isoWeekdayOfEpochDay(day) !== (jsDay === 0 ? 7 : jsDay)) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2027-01-31", 1)).toBe("2027-02-01");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addDays("2028-01-01", -1)).toBe("2027-12-31");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
    expect(daysBetween("2027-03-15", "2027-04-14")).toBe(30);
  });

  it("rejects strings that are not real dates", () => {
    for (const bad of ["2027-02-29", "2027-13-01", "2027-00-10", "2027-1-01", "2027-04-31", "27-01-01", ""]) {
      expect(isLocalDate(bad)).toBe(false);
      expect(() => localDateToEpochDay(bad)).toThrow(RangeError);
    }
    expect(isLocalDate("2028-02-29")).toBe(true);
  });
});

describe("accepted date range", () => {
  it("accepts the first and last day and refuses what lies outside or is not a date", () => {
    expect(isAcceptedLocalDate(ACCEPTED_DATE_RANGE.first)).toBe(true);
    expect(isAcceptedLocalDate(ACCEPTED_DATE_RANGE.last)).toBe(true);
    expect(isAcceptedLocalDate("2027-01-19")).toBe(true);
    for (const date of ["0000-01-01", "1999-12-31", "2100-01-01", "9999-12-31", "2027-02-29", "2027-1-19"]) {
      expect(isAcceptedLocalDate(date), date).toBe(false);
    }
    expect(ACCEPTED_INSTANT_RANGE.from.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(ACCEPTED_INSTANT_RANGE.until.toISOString()).toBe("2100-01-01T00:00:00.000Z");
  });
});
