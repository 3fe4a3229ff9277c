import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { compactUuid, PROVIDER, rejection, startGoogleForTests, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { createGoogleCalendarIntegration, type GoogleCalendarIntegration } from "./client";

let h: GoogleHarness;
let google: GoogleCalendarIntegration;
const startsAt = new Date(Date.now() + 3 * 86_400_000);
startsAt.setUTCHours(8, 0, 0, 0);
const endsAt = new Date(startsAt.getTime() + 30 * 60_000);

function booking(overrides: Record<string, unknown> = {}) {
  return {
    accessToken: h.accessToken,
    calendarId: PROVIDER,
    eventId: compactUuid(),
    bookingId: "bkg_123",
    title: "Consultation",
    startsAt,
    endsAt,
    timeZone: "Europe/Berlin",
    ...overrides,
  };
}

beforeAll(async () => {
  h = await startGoogleForTests();
  google = createGoogleCalendarIntegration(h.config);
});
afterAll(() => h.close());

describe("events: our ids, Meet, reschedule and delete", () => {
  it("inserts with our id and bookingId, and answers a repeated id with CONFLICT", async () => {
    const input = booking();
    const event = await google.insertEvent(input);
    expect(event).toMatchObject({
      id: input.eventId,
      bookingId: "bkg_123",
      isBusy: true,
      meeting: null,
      time: { kind: "timed", startsAt, endsAt, timeZone: "Europe/Berlin" },
    });
    const error = await rejection(google.insertEvent(input));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFLICT", details: { status: 409, reason: "duplicate", retryable: false } });
  });

  it("refuses an id outside base32hex before calling Google", async () => {
    const error = await rejection(google.insertEvent(booking({ eventId: "Not-Base32" })));
    expect(error).toMatchObject({ code: "VALIDATION" });
  });

  it("creates a Meet link asynchronously: pending first, ready later", async () => {
    const inserted = await google.insertEvent(booking({ withMeet: true }));
    expect(inserted.meeting).toEqual({ status: "pending", url: null });
    const ref = { accessToken: h.accessToken, calendarId: PROVIDER, eventId: inserted.id };
    expect((await google.getEvent(ref)).meeting?.status).toBe("pending");
    h.emulator.advanceTime(1500);
    const ready = await google.getEvent(ref);
    expect(ready.meeting).toEqual({ status: "ready", url: expect.stringMatching(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/) });
  });

  it("keeps the Meet link when moving the event", async () => {
    const inserted = await google.insertEvent(booking({ withMeet: true }));
    h.emulator.advanceTime(1500);
    const ref = { accessToken: h.accessToken, calendarId: PROVIDER, eventId: inserted.id };
    const { meeting } = await google.getEvent(ref);
    const later = new Date(startsAt.getTime() + 86_400_000);
    const moved = await google.patchEvent({ ...ref, startsAt: later, endsAt: new Date(later.getTime() + 45 * 60_000), timeZone: "Europe/Berlin" });
    expect(moved.meeting).toEqual(meeting);
    expect(moved.bookingId).toBe("bkg_123");
    expect(moved.time).toMatchObject({ kind: "timed", startsAt: later });
  });

  it("ignores a Meet request without conferenceDataVersion=1, as Google does", async () => {
    const inserted = await google.insertEvent(booking());
    expect(inserted.meeting).toBeNull();
  });

  it("deletes idempotently; a deleted event reads back as cancelled; an unknown one is NOT_FOUND", async () => {
    const inserted = await google.insertEvent(booking());
    const ref = { accessToken: h.accessToken, calendarId: PROVIDER, eventId: inserted.id };
    await google.deleteEvent(ref);
    await google.deleteEvent(ref);
    expect((await google.getEvent(ref)).status).toBe("cancelled");
    expect(await rejection(google.getEvent({ ...ref, eventId: compactUuid() }))).toMatchObject({ code: "NOT_FOUND" });
    await google.deleteEvent({ ...ref, eventId: compactUuid() });
  });

  it("marks a free booking block as transparent", async () => {
    const inserted = await google.insertEvent(booking({ isBusy: false }));
    expect(inserted.isBusy).toBe(false);
  });
});
