import { describe, expect, it } from "vitest";
import { localDateToEpochDay } from "@/lib/time";
import { findWeeklyRuleClash, type ClashRule } from "./weekly-rule-clash";

const ZONES: Record<string, string> = { london: "Europe/London", kolkata: "Asia/Kolkata" };
const zoneOf = (rule: { locationId: string | null }) => ZONES[rule.locationId ?? "london"]!;
/** Monday 2 March 2026 and the following four weeks. */
const WINDOW = { firstDay: localDateToEpochDay("2026-03-02"), lastDay: localDateToEpochDay("2026-03-29") };
const monday = (startMinute: number, endMinute: number, locationId: string | null = null, extra: Partial<ClashRule> = {}): ClashRule => ({
  weekday: 1,
  startMinute,
  endMinute,
  locationId,
  ...extra,
});

describe("findWeeklyRuleClash", () => {
  it("compares rules in different zones as real times", () => {
    // 14:00–15:00 in Kolkata is 08:30–09:30 in London (GMT) in March before the clocks change.
    expect(findWeeklyRuleClash([monday(540, 600), monday(840, 900, "kolkata")], zoneOf, WINDOW)).toMatchObject({ index: 1, other: 0, date: "2026-03-02" });
    expect(findWeeklyRuleClash([monday(600, 660), monday(840, 900, "kolkata")], zoneOf, WINDOW)).toBeNull();
  });

  it("applies a rule only within its own effective dates", () => {
    const later = monday(840, 900, "kolkata", { effectiveFrom: "2026-03-23" });
    expect(findWeeklyRuleClash([monday(540, 600, null, { effectiveUntil: "2026-03-16" }), later], zoneOf, WINDOW)).toBeNull();
    expect(findWeeklyRuleClash([monday(540, 600, null, { effectiveUntil: "2026-03-23" }), later], zoneOf, WINDOW)).toMatchObject({ date: "2026-03-23" });
  });

  it("with `counts`, ignores clashes between uncounted rules but finds one behind them", () => {
    const keptA = monday(480, 540, "other");
    const keptB = monday(510, 570, "another");
    // One zone for all: only the counting differs.
    const zones = () => "Europe/London";
    expect(findWeeklyRuleClash([keptA, keptB], zones, WINDOW)).not.toBeNull();
    const isFirst = (index: number) => index === 0;
    // A new 10:00–11:00 touches neither.
    expect(findWeeklyRuleClash([monday(600, 660), keptA, keptB], zones, WINDOW, isFirst)).toBeNull();
    // A new 09:15–10:00 starts inside keptB, after keptA–keptB's clash that is not its business.
    expect(findWeeklyRuleClash([monday(555, 600), keptA, keptB], zones, WINDOW, isFirst)).toMatchObject({ index: 2, other: 0 });
    // A new rule that ends after a kept one starting inside it is found from the kept side.
    expect(findWeeklyRuleClash([monday(470, 700), keptA, keptB], zones, WINDOW, isFirst)).toMatchObject({ index: 1, other: 0 });
  });
});
