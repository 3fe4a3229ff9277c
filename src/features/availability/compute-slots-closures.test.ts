import { describe, expect, it } from "vitest";
import { computeSlots, type ComputeSlotsInput, type Slot, type WeeklyRule } from "./compute-slots";

const at = (iso: string): number => Date.parse(iso);
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function week(timeZone: string, startMinute: number, endMinute: number, extra: Partial<WeeklyRule>): WeeklyRule[] {
  return ALL_DAYS.map((weekday) => ({ weekday, startMinute, endMinute, mode: "in_person", locationId: null, timeZone, ...extra }));
}

function run(input: Partial<ComputeSlotsInput> & Pick<ComputeSlotsInput, "rules" | "window">): Slot[] {
  return computeSlots({
    overrides: [],
    bookings: [],
    externalBusy: [],
    service: {
      serviceId: "svc",
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      slotStepMinutes: 30,
      minimumNoticeMinutes: 0,
      bookingHorizonDays: 3650,
      maxBookingsPerDay: null,
      modes: ["in_person", "online"],
    },
    now: at("2020-01-01T00:00:00Z"),
    ...input,
  });
}

/** "YYYY-MM-DD HH:MM mode@location" in the zone, for readable expectations. */
function wall(slots: readonly Slot[], timeZone: string): string[] {
  const format = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return slots.map((slot) => `${format.format(slot.startsAt)} ${slot.mode}@${slot.locationId ?? "-"}`);
}

describe("location closures", () => {
  it("remove in-person slots at the closed location on its local dates across the autumn DST change; online and other locations stay", () => {
    // Europe/Lisbon leaves summer time on Sunday 25 October 2026 (a 25-hour day).
    const rules = [
      ...week("Europe/Lisbon", 9 * 60, 10 * 60, { locationId: "lisbon" }),
      ...week("Europe/Lisbon", 10 * 60, 11 * 60, { locationId: "porto" }),
      ...week("Europe/Lisbon", 9 * 60, 10 * 60, { mode: "online" }),
    ];
    const window = { from: at("2026-10-24T00:00:00Z"), to: at("2026-10-27T00:00:00Z") };
    const open = wall(run({ rules, window }), "Europe/Lisbon");
    const closed = wall(run({ rules, window, closures: [{ locationId: "lisbon", startDate: "2026-10-25", endDate: "2026-10-25" }] }), "Europe/Lisbon");
    expect(open.filter((s) => s.startsWith("2026-10-25") && s.endsWith("in_person@lisbon"))).toEqual([
      "2026-10-25 09:00 in_person@lisbon",
      "2026-10-25 09:30 in_person@lisbon",
    ]);
    expect(closed).toEqual(open.filter((s) => !(s.startsWith("2026-10-25") && s.endsWith("in_person@lisbon"))));
    expect(closed.filter((s) => s.startsWith("2026-10-25"))).toEqual([
      "2026-10-25 09:00 online@-",
      "2026-10-25 09:30 online@-",
      "2026-10-25 10:00 in_person@porto",
      "2026-10-25 10:30 in_person@porto",
    ]);
  });

  it("close a range of dates across the spring DST change, whole local days only", () => {
    // Europe/London springs forward on Sunday 28 March 2027.
    const rules = week("Europe/London", 0, 24 * 60, { locationId: "london" });
    const slots = run({
      rules,
      window: { from: at("2027-03-26T00:00:00Z"), to: at("2027-03-30T23:00:00Z") }, // to midnight BST
      closures: [{ locationId: "london", startDate: "2027-03-27", endDate: "2027-03-29" }],
    });
    const dates = new Set(wall(slots, "Europe/London").map((s) => s.slice(0, 10)));
    expect([...dates]).toEqual(["2027-03-26", "2027-03-30"]);
    expect(wall(slots, "Europe/London").filter((s) => s.startsWith("2027-03-26")).at(-1)).toBe("2027-03-26 23:30 in_person@london");
    expect(wall(slots, "Europe/London").find((s) => s.startsWith("2027-03-30"))).toBe("2027-03-30 00:00 in_person@london");
  });

  it("follow the location's local midnight in a half-hour zone (Asia/Kolkata, +5:30)", () => {
    const rules = [
      ...week("Asia/Kolkata", 0, 60, { locationId: "mumbai" }),
      ...week("Asia/Kolkata", 23 * 60, 24 * 60, { locationId: "mumbai" }),
    ];
    const slots = run({
      rules,
      window: { from: at("2026-12-24T00:00:00Z"), to: at("2026-12-26T12:00:00Z") },
      closures: [{ locationId: "mumbai", startDate: "2026-12-25", endDate: "2026-12-25" }],
    });
    expect(slots.map((s) => new Date(s.startsAt).toISOString().slice(0, 16))).toEqual([
      "2026-12-24T17:30", // 23:00 on the 24th in Mumbai
      "2026-12-24T18:00",
      // the 25th, 00:00 to 24:00 in Mumbai (18:30Z on the 24th to 18:30Z on the 25th), is closed
      "2026-12-25T18:30", // 00:00 on the 26th
      "2026-12-25T19:00",
    ]);
  });

  it("also close a provider's one-off extra hours at that location, and a closure of another location changes nothing", () => {
    const window = { from: at("2026-12-24T00:00:00Z"), to: at("2026-12-27T00:00:00Z") };
    const overrides: ComputeSlotsInput["overrides"] = [
      { startDate: "2026-12-25", endDate: "2026-12-25", timeZone: "Europe/Lisbon", kind: "extra", intervals: [{ startMinute: 600, endMinute: 660, mode: "in_person", locationId: "lisbon" }] },
    ];
    expect(run({ rules: [], overrides, window })).toHaveLength(2);
    expect(run({ rules: [], overrides, window, closures: [{ locationId: "lisbon", startDate: "2026-12-25", endDate: "2026-12-25" }] })).toEqual([]);
    expect(run({ rules: [], overrides, window, closures: [{ locationId: "porto", startDate: "2026-12-25", endDate: "2026-12-25" }] })).toHaveLength(2);
  });
});
