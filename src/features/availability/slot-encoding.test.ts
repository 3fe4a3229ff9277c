import { describe, expect, it } from "vitest";
import { utcToLocal } from "@/lib/time";
import { computeSlots, type ComputeSlotsInput, type Slot, type WeeklyRule } from "./compute-slots";
import { countPublicSlots, decodePublicSlots, encodePublicSlots, firstSlotStart, trimPublicSlots } from "./slot-encoding";
import type { LocationDto } from "./types";

const startsOf = (day: { starts: string }): number[] => day.starts.split(",").map(Number);

const DAY = 86_400_000;
const MINUTE = 60_000;
const at = (iso: string): number => Date.parse(iso);

const ADELAIDE: LocationDto = { id: "loc-adelaide", name: "Adelaide clinic", formattedAddress: "1 King William St", timeZone: "Australia/Adelaide", latitude: -34.93, longitude: 138.6 };
const LONDON: LocationDto = { id: "loc-london", name: "London clinic", formattedAddress: "1 Harley St", timeZone: "Europe/London", latitude: 51.52, longitude: -0.15 };

function everyDay(timeZone: string, start: number, end: number, extra: Partial<WeeklyRule> = {}): WeeklyRule[] {
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, startMinute: start, endMinute: end, mode: "online", locationId: null, timeZone, ...extra }));
}

function engine(input: Partial<ComputeSlotsInput> & Pick<ComputeSlotsInput, "rules" | "window">): Slot[] {
  return computeSlots({
    overrides: [],
    bookings: [],
    externalBusy: [],
    now: input.window.from,
    ...input,
    service: {
      serviceId: "svc",
      durationMinutes: 45,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      slotStepMinutes: 30,
      minimumNoticeMinutes: 0,
      bookingHorizonDays: 3650,
      maxBookingsPerDay: null,
      modes: ["in_person", "online"],
      ...input.service,
    },
  });
}

const wire = (slots: readonly Slot[]) =>
  slots.map((slot) => ({ startsAt: slot.startsAt, mode: slot.mode === "online" ? ("ONLINE" as const) : ("IN_PERSON" as const), locationId: slot.locationId }));

function roundTrip(timeZone: string, slots: readonly Slot[], locations: LocationDto[]) {
  const compact = encodePublicSlots({ timeZone, durationMinutes: 45, stepMinutes: 30, locations, slots: wire(slots) });
  // What travels is plain JSON: no Date survives or is needed.
  const decoded = decodePublicSlots(JSON.parse(JSON.stringify(compact)));
  return { compact, decoded };
}

function expectSameSlots(decoded: ReturnType<typeof decodePublicSlots>, slots: readonly Slot[]) {
  expect(decoded.slots.map((s) => [s.startsAt.getTime(), s.endsAt.getTime(), s.mode, s.locationId])).toEqual(
    wire(slots).map((s, i) => [s.startsAt, slots[i]!.endsAt, s.mode, s.locationId]),
  );
}

describe("encodePublicSlots / decodePublicSlots", () => {
  it("round-trips London's spring-forward and fall-back weeks, days labelled on the provider's calendar", () => {
    for (const [from, to] of [
      ["2027-03-26T00:00:00Z", "2027-03-30T00:00:00Z"],
      ["2027-10-29T00:00:00Z", "2027-11-02T00:00:00Z"],
    ] as const) {
      const slots = engine({ rules: everyDay("Europe/London", 0, 240), window: { from: at(from), to: at(to) } });
      const { compact, decoded } = roundTrip("Europe/London", slots, []);
      expectSameSlots(decoded, slots);
      for (const day of compact.days) for (const start of startsOf(day)) expect(utcToLocal("Europe/London", start * MINUTE).date).toBe(day.date);
      // A 45-minute visit lasts 45 minutes of real time even when it spans the clock change.
      for (const slot of decoded.slots) expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(45 * MINUTE);
    }
    const spring = engine({ rules: everyDay("Europe/London", 0, 240), window: { from: at("2027-03-28T00:00:00Z"), to: at("2027-03-28T05:00:00Z") } });
    // 01:00–02:00 does not exist on 28 March: its readings give no slot.
    expect(decodePublicSlots(roundTrip("Europe/London", spring, []).compact).slots.map((s) => s.startsAt.toISOString().slice(11, 16))).toEqual([
      "00:00", "00:30", "01:00", "01:30", "02:00",
    ]);
    const autumn = engine({ rules: everyDay("Europe/London", 0, 240), window: { from: at("2027-10-30T23:00:00Z"), to: at("2027-10-31T05:00:00Z") } });
    const autumnDays = roundTrip("Europe/London", autumn, []).compact.days;
    expect(autumnDays.map((d) => d.date)).toEqual(["2027-10-31"]);
    // 00:00 BST (23:00Z) to 04:00 GMT, five real hours: the repeated 01:00–02:00 readings are
    // offered once, so 00:00 … 03:00 on the wall clock are seven 45-minute starts.
    expect(startsOf(autumnDays[0]!).length).toBe(7);
    expect(startsOf(autumnDays[0]!).map((m) => new Date(m * MINUTE).toISOString().slice(11, 16))).toEqual([
      "23:00", "23:30", "00:00", "00:30", "02:00", "02:30", "03:00",
    ]);
  });

  it("round-trips a half-hour zone provider (Asia/Kolkata) with in-person hours in Adelaide across its DST end", () => {
    // Adelaide leaves daylight time (+10:30 -> +9:30) on Sunday 4 April 2027.
    const rules = [
      ...everyDay("Asia/Kolkata", 9 * 60 + 30, 13 * 60),
      ...everyDay("Australia/Adelaide", 8 * 60, 12 * 60, { mode: "in_person", locationId: ADELAIDE.id }),
      ...everyDay("Europe/London", 9 * 60, 10 * 60, { mode: "in_person", locationId: LONDON.id }),
    ];
    const slots = engine({ rules, window: { from: at("2027-04-01T00:00:00Z"), to: at("2027-04-07T00:00:00Z") } });
    const { compact, decoded } = roundTrip("Asia/Kolkata", slots, [ADELAIDE, LONDON]);
    expectSameSlots(decoded, slots);
    expect(decoded.providerTimeZone).toBe("Asia/Kolkata");
    expect(compact.places).toHaveLength(3);
    for (const day of compact.days) for (const start of startsOf(day)) expect(utcToLocal("Asia/Kolkata", start * MINUTE).date).toBe(day.date);
    const adelaideStarts = decoded.slots.filter((s) => s.locationId === ADELAIDE.id).map((s) => s.startsAt.getTime());
    // 08:00 in Adelaide is 21:30Z the day before while on +10:30, 22:30Z after the change.
    expect(adelaideStarts).toContain(at("2027-04-02T21:30:00Z"));
    expect(adelaideStarts).toContain(at("2027-04-04T22:30:00Z"));
    expect(adelaideStarts).not.toContain(at("2027-04-04T21:30:00Z"));
    // 09:30 in Kolkata is 04:00Z: whole minutes survive the half-hour offset.
    expect(decoded.slots.some((s) => s.mode === "ONLINE" && s.startsAt.getTime() === at("2027-04-05T04:00:00Z"))).toBe(true);
    expect(countPublicSlots(compact)).toBe(slots.length);
  });

  it("is small: about 470 slots take a few kilobytes and a few dozen JSON nodes", () => {
    const slots = engine({
      rules: [...everyDay("Europe/London", 8 * 60, 18 * 60), ...everyDay("Europe/London", 8 * 60, 18 * 60, { mode: "in_person", locationId: LONDON.id })],
      window: { from: at("2027-03-01T00:00:00Z"), to: at("2027-03-13T00:00:00Z") },
    });
    expect(slots.length).toBeGreaterThan(400);
    const json = JSON.stringify(roundTrip("Europe/London", slots, [LONDON]).compact);
    expect(json.length).toBeLessThan(slots.length * 12 + 1000);
    // superjson's cost grows with the number of values it visits, not with string length.
    const countNodes = (value: unknown): number =>
      value !== null && typeof value === "object" ? 1 + Object.values(value).reduce<number>((sum, child) => sum + countNodes(child), 0) : 1;
    expect(countNodes(roundTrip("Europe/London", slots, [LONDON]).compact)).toBeLessThan(100);
  });
});

describe("trimPublicSlots", () => {
  it("gives what the engine gives for the notice and horizon of the moment", () => {
    const window = { from: at("2027-03-22T00:00:00Z"), to: at("2027-04-05T00:00:00Z") };
    const rules = everyDay("Europe/London", 7 * 60, 20 * 60);
    const whole = encodePublicSlots({ timeZone: "Europe/London", durationMinutes: 45, stepMinutes: 30, locations: [], slots: wire(engine({ rules, window })) });
    for (const now of [at("2027-03-21T12:00:00Z"), at("2027-03-22T10:07:31Z"), at("2027-03-27T19:59:00Z"), at("2027-03-28T00:30:00.001Z")]) {
      for (const [notice, horizonDays] of [[0, 3650], [120, 7], [1440, 2], [90, 1]] as const) {
        const expected = engine({ rules, window, now, service: { minimumNoticeMinutes: notice, bookingHorizonDays: horizonDays } as never });
        const trimmed = trimPublicSlots(whole, now + notice * MINUTE, now + horizonDays * DAY);
        expectSameSlots(decodePublicSlots(trimmed), expected);
        expect(firstSlotStart(trimmed)?.getTime() ?? null).toBe(expected[0]?.startsAt ?? null);
      }
    }
  });

  it("shares untouched days and returns the same object when nothing is trimmed", () => {
    const rules = everyDay("Europe/London", 9 * 60, 12 * 60);
    const window = { from: at("2027-03-01T00:00:00Z"), to: at("2027-03-05T00:00:00Z") };
    const whole = encodePublicSlots({ timeZone: "Europe/London", durationMinutes: 45, stepMinutes: 30, locations: [], slots: wire(engine({ rules, window })) });
    expect(trimPublicSlots(whole, window.from, window.to)).toBe(whole);
    const trimmed = trimPublicSlots(whole, at("2027-03-01T10:00:00Z"), window.to);
    expect(startsOf(trimmed.days[0]!)[0]! * MINUTE).toBe(at("2027-03-01T10:00:00Z"));
    expect(trimmed.days[1]).toBe(whole.days[1]);
  });
});
