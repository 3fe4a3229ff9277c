import { describe, expect, it } from "vitest";
import type { CalendarEvent } from "@/server/integrations/google/types";
import { busyFromEvent, sightingOf, startOfLocalDay } from "./busy-from-event";

const base: CalendarEvent = {
  id: "evt1",
  status: "confirmed",
  time: { kind: "timed", startsAt: new Date("2031-03-04T09:00:00Z"), endsAt: new Date("2031-03-04T10:00:00Z"), timeZone: null },
  isBusy: true,
  title: null,
  etag: null,
  updatedAt: null,
  recurringEventId: null,
  originalStart: null,
  bookingId: null,
  meeting: null,
};
const allDay = (startDate: string, endDate: string): CalendarEvent => ({ ...base, time: { kind: "all-day", startDate, endDate } });

describe("busyFromEvent", () => {
  it("a timed event blocks its own instants; tentative ones too", () => {
    expect(busyFromEvent(base, "Europe/London")).toEqual({ kind: "busy", externalId: "evt1", startsAt: new Date("2031-03-04T09:00:00Z"), endsAt: new Date("2031-03-04T10:00:00Z") });
    expect(busyFromEvent({ ...base, status: "tentative" }, "Europe/London").kind).toBe("busy");
  });

  it("cancelled, free, our own and time-less events are not busy time", () => {
    expect(busyFromEvent({ ...base, status: "cancelled", time: null }, "UTC")).toEqual({ kind: "free", externalId: "evt1" });
    expect(busyFromEvent({ ...base, isBusy: false }, "UTC").kind).toBe("free");
    expect(busyFromEvent({ ...base, bookingId: "b1" }, "UTC").kind).toBe("free");
    expect(busyFromEvent({ ...base, time: null }, "UTC").kind).toBe("free");
  });

  it("an all-day event blocks its local days in the calendar's zone, end date exclusive", () => {
    // Half-hour zone: Kolkata is UTC+05:30 all year.
    expect(busyFromEvent(allDay("2031-03-04", "2031-03-05"), "Asia/Kolkata")).toMatchObject({
      startsAt: new Date("2031-03-03T18:30:00Z"),
      endsAt: new Date("2031-03-04T18:30:00Z"),
    });
    // London springs forward on 2031-03-30: that day lasts 23 hours.
    expect(busyFromEvent(allDay("2031-03-30", "2031-03-31"), "Europe/London")).toMatchObject({
      startsAt: new Date("2031-03-30T00:00:00Z"),
      endsAt: new Date("2031-03-30T23:00:00Z"),
    });
    // Adelaide (UTC+09:30/+10:30) leaves summer time on 2031-04-06: a 25-hour day.
    expect(busyFromEvent(allDay("2031-04-06", "2031-04-07"), "Australia/Adelaide")).toMatchObject({
      startsAt: new Date("2031-04-05T13:30:00Z"),
      endsAt: new Date("2031-04-06T14:30:00Z"),
    });
  });

  it("an all-day event on New York's fall-back day blocks its 25 local hours, no more", () => {
    // America/New_York leaves daylight time on 2031-11-02 (EDT UTC-4 → EST UTC-5).
    expect(busyFromEvent(allDay("2031-11-02", "2031-11-03"), "America/New_York")).toMatchObject({
      startsAt: new Date("2031-11-02T04:00:00Z"),
      endsAt: new Date("2031-11-03T05:00:00Z"),
    });
    // A two-day event across the change: from the first local midnight to the third.
    expect(busyFromEvent(allDay("2031-11-01", "2031-11-03"), "America/New_York")).toMatchObject({
      startsAt: new Date("2031-11-01T04:00:00Z"),
      endsAt: new Date("2031-11-03T05:00:00Z"),
    });
  });

  it("a day whose midnight does not exist starts at its first minute", () => {
    // Santiago springs forward at midnight: on 2026-09-06 the clock goes from 23:59 to 01:00.
    expect(startOfLocalDay("America/Santiago", "2026-09-06")).toEqual(new Date("2026-09-06T04:00:00Z"));
    expect(startOfLocalDay("America/Santiago", "2026-09-05")).toEqual(new Date("2026-09-05T04:00:00Z"));
  });
});

describe("sightingOf (how a sync sees what may be one of our events)", () => {
  it("a timed event gives its instants; a cancelled one only its id", () => {
    expect(sightingOf(base)).toEqual({ kind: "timed", eventId: "evt1", startsAt: new Date("2031-03-04T09:00:00Z"), endsAt: new Date("2031-03-04T10:00:00Z") });
    expect(sightingOf({ ...base, status: "cancelled", time: null })).toEqual({ kind: "cancelled", eventId: "evt1" });
  });

  it("all-day, time-less or empty events cannot be a booking's time", () => {
    expect(sightingOf(allDay("2031-03-04", "2031-03-05"))).toEqual({ kind: "unsupported", eventId: "evt1" });
    expect(sightingOf({ ...base, time: null })).toEqual({ kind: "unsupported", eventId: "evt1" });
    const at = new Date("2031-03-04T09:00:00Z");
    expect(sightingOf({ ...base, time: { kind: "timed", startsAt: at, endsAt: at, timeZone: null } })).toEqual({ kind: "unsupported", eventId: "evt1" });
  });

  it("an instance of a series points at the series, even when cancelled", () => {
    const instance = { ...base, id: "evt1_20310304T090000Z", recurringEventId: "evt1" };
    expect(sightingOf(instance)).toEqual({ kind: "unsupported", eventId: "evt1" });
    expect(sightingOf({ ...instance, status: "cancelled" })).toEqual({ kind: "unsupported", eventId: "evt1" });
  });
});
