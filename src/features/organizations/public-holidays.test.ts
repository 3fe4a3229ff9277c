import { describe, expect, it } from "vitest";
import { listPublicHolidays } from "./public-holidays";

const on = (list: ReturnType<typeof listPublicHolidays>, date: string) => list.holidays.find((h) => h.startDate === date);

describe("listPublicHolidays", () => {
  it("Portugal 2026: Christmas Day as a one-day holiday, regional code without its own holidays uses the national list", () => {
    const national = listPublicHolidays("PT", null, 2026);
    expect(national.isCountryKnown).toBe(true);
    expect(on(national, "2026-12-25")).toMatchObject({ startDate: "2026-12-25", endDate: "2026-12-25", isSubstitute: false });
    const lisbon = listPublicHolidays("PT", "PT-11", 2026);
    expect(lisbon.isRegionKnown).toBe(false);
    expect(lisbon.holidays).toEqual(national.holidays);
  });

  it("England 2026: Christmas, Boxing Day, and its substitute on Monday 28 December; no observances", () => {
    const england = listPublicHolidays("GB", "GB-ENG", 2026);
    expect(england.isRegionKnown).toBe(true);
    expect(on(england, "2026-12-25")?.name).toBe("Christmas Day");
    expect(on(england, "2026-12-26")?.name).toBe("Boxing Day");
    expect(on(england, "2026-12-28")).toMatchObject({ endDate: "2026-12-28", isSubstitute: true });
    expect(england.holidays.some((h) => h.name === "Mother's Day")).toBe(false);
    expect(england.holidays.every((h) => h.startDate.startsWith("2026-"))).toBe(true);
  });

  it("United States: regional holidays follow the state", () => {
    const california = listPublicHolidays("US", "US-CA", 2026);
    const texas = listPublicHolidays("US", "US-TX", 2026);
    expect(on(california, "2026-03-31")?.name).toMatch(/Chávez/);
    expect(on(texas, "2026-03-31")).toBeUndefined();
    expect(on(texas, "2026-12-26")).toBeDefined();
    expect(on(california, "2026-07-03")).toMatchObject({ isSubstitute: true });
    expect(on(california, "2026-12-25")).toBeDefined();
  });

  it("joins the days of one multi-day holiday into one range", () => {
    const china = listPublicHolidays("CN", null, 2026);
    const springFestival = china.holidays.find((h) => h.startDate === "2026-02-16");
    expect(springFestival?.endDate).toBe("2026-02-18");
    expect(on(china, "2026-02-17")).toBeUndefined();
  });

  it("an unknown country gives an empty list and says so; an unknown region falls back to the country", () => {
    expect(listPublicHolidays("XX", null, 2026)).toEqual({ isCountryKnown: false, isRegionKnown: false, holidays: [] });
    const unknownState = listPublicHolidays("US", "US-ZZ", 2026);
    expect(unknownState).toMatchObject({ isCountryKnown: true, isRegionKnown: false });
    expect(on(unknownState, "2026-12-25")).toBeDefined();
    expect(listPublicHolidays("GB", "PT-11", 2026).isRegionKnown).toBe(false);
  });
});
