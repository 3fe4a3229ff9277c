import { describe, expect, it } from "vitest";
import { normalizeOpeningHours, openingHoursFromGooglePeriods, type GoogleOpeningPeriod } from "./opening-hours";

const at = (day: number, hour: number, minute = 0) => ({ day, hour, minute });

describe("openingHoursFromGooglePeriods", () => {
  it("weekday periods become ISO weekdays (Google's Sunday 0 is our 7), closed days have none", () => {
    const periods: GoogleOpeningPeriod[] = [
      { open: at(1, 8, 30), close: at(1, 18) },
      { open: at(0, 10), close: at(0, 14) },
      { open: at(6, 9), close: at(6, 12, 15) },
    ];
    expect(openingHoursFromGooglePeriods(periods)).toEqual([
      { weekday: 1, startMinute: 510, endMinute: 1080 },
      { weekday: 6, startMinute: 540, endMinute: 735 },
      { weekday: 7, startMinute: 600, endMinute: 840 },
    ]);
  });

  it("a period crossing midnight is split across the two days; a close at midnight ends at 24:00", () => {
    expect(openingHoursFromGooglePeriods([{ open: at(5, 20), close: at(6, 2) }])).toEqual([
      { weekday: 5, startMinute: 1200, endMinute: 1440 },
      { weekday: 6, startMinute: 0, endMinute: 120 },
    ]);
    expect(openingHoursFromGooglePeriods([{ open: at(2, 17), close: at(3, 0) }])).toEqual([{ weekday: 2, startMinute: 1020, endMinute: 1440 }]);
  });

  it("Saturday night to Sunday morning wraps round the week", () => {
    expect(openingHoursFromGooglePeriods([{ open: at(6, 22), close: at(0, 6) }])).toEqual([
      { weekday: 6, startMinute: 1320, endMinute: 1440 },
      { weekday: 7, startMinute: 0, endMinute: 360 },
    ]);
  });

  it("open 24 hours (one period without a close) is every day, all day", () => {
    const all = openingHoursFromGooglePeriods([{ open: at(0, 0), close: null }]);
    expect(all).toHaveLength(7);
    expect(all.every((i) => i.startMinute === 0 && i.endMinute === 1440)).toBe(true);
    expect(all.map((i) => i.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("24-hour days given as day-long periods that touch are joined, split lunch breaks kept", () => {
    const periods: GoogleOpeningPeriod[] = [
      { open: at(1, 0), close: at(2, 0) },
      { open: at(2, 0), close: at(3, 0) },
      { open: at(4, 9), close: at(4, 13) },
      { open: at(4, 14), close: at(4, 18) },
    ];
    expect(openingHoursFromGooglePeriods(periods)).toEqual([
      { weekday: 1, startMinute: 0, endMinute: 1440 },
      { weekday: 2, startMinute: 0, endMinute: 1440 },
      { weekday: 4, startMinute: 540, endMinute: 780 },
      { weekday: 4, startMinute: 840, endMinute: 1080 },
    ]);
  });

  it("no periods: no hours", () => {
    expect(openingHoursFromGooglePeriods([])).toEqual([]);
  });
});

describe("normalizeOpeningHours", () => {
  it("sorts and joins overlapping intervals of a day", () => {
    expect(
      normalizeOpeningHours([
        { weekday: 3, startMinute: 600, endMinute: 700 },
        { weekday: 1, startMinute: 60, endMinute: 120 },
        { weekday: 3, startMinute: 480, endMinute: 650 },
      ]),
    ).toEqual([
      { weekday: 1, startMinute: 60, endMinute: 120 },
      { weekday: 3, startMinute: 480, endMinute: 700 },
    ]);
  });
});
