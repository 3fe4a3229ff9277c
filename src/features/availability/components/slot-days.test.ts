import { describe, expect, it } from "vitest";
import { buildSlotDays, dayForRequestedTime, dayPeriodOf, dayToShow } from "./slot-days";
import type { PickedSlot } from "./slot-format";

const slot = (iso: string): { slot: PickedSlot } => ({
  slot: { startsAt: new Date(iso), endsAt: new Date(new Date(iso).getTime() + 1_800_000), mode: "ONLINE", locationId: null },
});

describe("dayPeriodOf", () => {
  it("splits the day at noon and 17:00", () => {
    expect([0, 719, 720, 1019, 1020, 1439].map(dayPeriodOf)).toEqual(["morning", "morning", "afternoon", "afternoon", "evening", "evening"]);
  });
});

describe("buildSlotDays", () => {
  it("lists every day of the window, groups by the patient's wall clock and counts", () => {
    const items = [
      slot("2027-03-01T09:00:00Z"),
      slot("2027-03-01T13:00:00Z"),
      slot("2027-03-01T17:30:00Z"),
      // 23:30 in London on 2 March is 00:30 on 3 March in Paris.
      slot("2027-03-02T23:30:00Z"),
    ];
    const london = buildSlotDays(items, { timeZone: "Europe/London", firstDay: "2027-03-01", days: 3 });
    expect(london.map((day) => [day.date, day.weekday, day.shortDate, day.count])).toEqual([
      ["2027-03-01", "Mon", "1 Mar", 3],
      ["2027-03-02", "Tue", "2 Mar", 1],
      ["2027-03-03", "Wed", "3 Mar", 0],
    ]);
    expect(london[0]!.periods.map((p) => [p.title, p.items.length])).toEqual([
      ["Morning", 1],
      ["Afternoon", 1],
      ["Evening", 1],
    ]);
    expect(london[1]!.periods.map((p) => p.period)).toEqual(["evening"]);

    const paris = buildSlotDays(items, { timeZone: "Europe/Paris", firstDay: "2027-03-01", days: 3 });
    expect(paris.map((day) => day.count)).toEqual([3, 0, 1]);
    expect(paris[0]!.periods.map((p) => p.period)).toEqual(["morning", "afternoon", "evening"]);
    expect(paris[2]!.periods.map((p) => p.period)).toEqual(["morning"]);
  });
});

describe("dayToShow", () => {
  const days = buildSlotDays([slot("2027-03-02T09:00:00Z")], { timeZone: "UTC", firstDay: "2027-03-01", days: 3 });
  it("opens on the first day with a free time", () => {
    expect(dayToShow(days, null)).toBe("2027-03-02");
  });
  it("keeps the patient's choice while it is in the window, even an empty day", () => {
    expect(dayToShow(days, "2027-03-03")).toBe("2027-03-03");
    expect(dayToShow(days, "2027-04-01")).toBe("2027-03-02");
  });
  it("falls back to the first day when no day has times", () => {
    expect(dayToShow(buildSlotDays([], { timeZone: "UTC", firstDay: "2027-03-01", days: 2 }), null)).toBe("2027-03-01");
  });
});

describe("dayForRequestedTime", () => {
  const days = buildSlotDays([slot("2027-03-02T09:00:00Z"), slot("2027-03-04T09:00:00Z")], { timeZone: "UTC", firstDay: "2027-03-01", days: 5 });
  it("opens on the requested time's day while it has free times", () => {
    expect(dayForRequestedTime(days, "2027-03-02")).toBe("2027-03-02");
  });
  it("moves on to the next day with free times when that day has none left", () => {
    expect(dayForRequestedTime(days, "2027-03-03")).toBe("2027-03-04");
  });
  it("falls back to the first day with free times when none is left from that day on", () => {
    expect(dayForRequestedTime(days, "2027-03-05")).toBe("2027-03-02");
  });
});
