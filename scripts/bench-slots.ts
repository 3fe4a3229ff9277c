/**
 * `npm run bench:slots`: timing of the slot engine on two fixed, seeded scenarios.
 *
 * 1. One provider x 30 days in Europe/London across the 2027-03-28 spring-forward: two intervals a
 *    day (in person + online), 3 services, 300 bookings, 500 external busy intervals. One
 *    "provider-month" = computeSlots for each of the 3 services. Target: median < 1 ms.
 * 2. 1,000 providers x 7 days, each with its own zone, rules, 20 bookings and 30 busy intervals,
 *    one service each (a search results page). Target: whole batch median < 200 ms.
 */
import { performance } from "node:perf_hooks";

import { computeSlots } from "@/features/availability";
import type {
  BusyBooking,
  ComputeSlotsInput,
  ExternalBusyInterval,
  SlotServiceParams,
  WeeklyRule,
} from "@/features/availability";
import { mulberry32 } from "./bench/random";

const MINUTE = 60_000;
const DAY = 86_400_000;


function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function weeklyRules(timeZone: string, locationId: string): WeeklyRule[] {
  const rules: WeeklyRule[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = weekday as WeeklyRule["weekday"];
    rules.push({ weekday: day, startMinute: 8 * 60, endMinute: 12 * 60 + 30, mode: "in_person", locationId, timeZone });
    rules.push({ weekday: day, startMinute: 13 * 60 + 30, endMinute: 19 * 60, mode: "online", locationId: null, timeZone });
  }
  return rules;
}

function services(prefix: string): SlotServiceParams[] {
  return [
    { serviceId: `${prefix}-consult`, durationMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 10, slotStepMinutes: 15, minimumNoticeMinutes: 120, bookingHorizonDays: 90, maxBookingsPerDay: null, modes: ["in_person", "online"] },
    { serviceId: `${prefix}-review`, durationMinutes: 45, bufferBeforeMinutes: 5, bufferAfterMinutes: 5, slotStepMinutes: 15, minimumNoticeMinutes: 60, bookingHorizonDays: 90, maxBookingsPerDay: 6, modes: ["in_person", "online"] },
    { serviceId: `${prefix}-procedure`, durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 15, slotStepMinutes: 30, minimumNoticeMinutes: 1440, bookingHorizonDays: 60, maxBookingsPerDay: 3, modes: ["in_person"] },
  ];
}

function randomBookings(random: () => number, count: number, from: number, days: number, serviceIds: readonly string[]): BusyBooking[] {
  const bookings: BusyBooking[] = [];
  for (let i = 0; i < count; i++) {
    const startsAt = from + int(random, 0, days * 24 * 4 - 1) * 15 * MINUTE;
    bookings.push({
      startsAt,
      endsAt: startsAt + pick(random, [15, 30, 45, 60]) * MINUTE,
      bufferBeforeMinutes: pick(random, [0, 5, 10]),
      bufferAfterMinutes: pick(random, [0, 5, 10, 15]),
      serviceId: pick(random, serviceIds),
    });
  }
  return bookings;
}

function randomBusy(random: () => number, count: number, from: number, days: number): ExternalBusyInterval[] {
  const busy: ExternalBusyInterval[] = [];
  for (let i = 0; i < count; i++) {
    const startsAt = from + int(random, 0, days * 24 * 60 - 1) * MINUTE;
    busy.push({ startsAt, endsAt: startsAt + int(random, 5, 90) * MINUTE });
  }
  return busy;
}

function measure(label: string, iterations: number, warmup: number, run: () => number): { median: number; p95: number; checksum: number } {
  let checksum = 0;
  for (let i = 0; i < warmup; i++) checksum += run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    checksum += run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] as number;
  console.log(`${label}: median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms (${iterations} runs)`);
  return { median, p95, checksum };
}

// Scenario 1: one provider, one month, DST change on 2027-03-28 inside the window.
const random1 = mulberry32(20_270_315);
const monthFrom = Date.parse("2027-03-15T00:00:00Z");
const monthTo = monthFrom + 30 * DAY;
const monthServices = services("svc");
const monthBase = {
  rules: weeklyRules("Europe/London", "loc-london"),
  overrides: [
    { startDate: "2027-03-19", endDate: "2027-03-19", timeZone: "Europe/London", kind: "off" as const, intervals: [] },
    { startDate: "2027-04-02", endDate: "2027-04-05", timeZone: "Europe/London", kind: "replace" as const, intervals: [{ startMinute: 10 * 60, endMinute: 14 * 60, mode: "online" as const, locationId: null }] },
  ],
  bookings: randomBookings(random1, 300, monthFrom, 30, monthServices.map((s) => s.serviceId)),
  externalBusy: randomBusy(random1, 500, monthFrom, 30),
  now: monthFrom - 2 * DAY,
  window: { from: monthFrom, to: monthTo },
};
const monthInputs: ComputeSlotsInput[] = monthServices.map((service) => ({ ...monthBase, service }));
// The very first call pays for JIT warm-up, Intl formatter creation and the offset samples.
const coldStarted = performance.now();
const monthSlots = monthInputs.reduce((sum, input) => sum + computeSlots(input).length, 0);
console.log(`first provider-month, cold process: ${(performance.now() - coldStarted).toFixed(2)} ms`);
const month = measure("1 provider x 30 days x 3 services", 2000, 300, () => {
  let count = 0;
  for (const input of monthInputs) count += computeSlots(input).length;
  return count;
});

// Scenario 2: 1,000 providers, one week, zones with whole, :30 and :45 offsets.
const random2 = mulberry32(7);
const zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Chatham", "Europe/Berlin"];
const weekFrom = Date.parse("2027-10-01T00:00:00Z");
const weekInputs: ComputeSlotsInput[] = [];
for (let p = 0; p < 1000; p++) {
  const timeZone = pick(random2, zones);
  const service = pick(random2, services(`p${p}`));
  weekInputs.push({
    rules: weeklyRules(timeZone, `loc-${p}`),
    overrides: [],
    bookings: randomBookings(random2, 20, weekFrom, 7, [service.serviceId, `p${p}-other`]),
    externalBusy: randomBusy(random2, 30, weekFrom, 7),
    service,
    now: weekFrom - DAY,
    window: { from: weekFrom, to: weekFrom + 7 * DAY },
  });
}
const weekSlots = weekInputs.reduce((sum, input) => sum + computeSlots(input).length, 0);
const week = measure("1,000 providers x 7 days", 60, 10, () => {
  let count = 0;
  for (const input of weekInputs) count += computeSlots(input).length;
  return count;
});

const monthOk = month.median < 1;
const weekOk = week.median < 200;
console.log(`slots per provider-month: ${monthSlots}; slots per 1,000-provider week: ${weekSlots}`);
console.log(`target provider-month median < 1 ms: ${monthOk ? "met" : "NOT met"} (${month.median.toFixed(3)} ms)`);
console.log(`target 1,000-provider week median < 200 ms: ${weekOk ? "met" : "NOT met"} (${week.median.toFixed(1)} ms)`);
