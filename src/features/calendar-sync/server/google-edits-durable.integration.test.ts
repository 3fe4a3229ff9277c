import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bookings } from "@/server/db/schema";
import type { JobPayloads } from "@/server/jobs/job-names";
import type { TestDatabase } from "@/test/db";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { connectWorldCalendar, createConfirmedBooking, exportBooking } from "@/test/scenarios/exported-booking";
import { PROVIDER, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import * as edits from "./apply-google-edits";
import { syncCalendar } from "./sync-calendar";

// A sync stores its new token before it applies the provider's Google-side edits; the edits are
// stored with the token as a calendar.apply-edits job, so an application that fails (or a worker
// that dies after the commit) does not lose them. Here the first application fails on purpose.

vi.mock("./apply-google-edits", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./apply-google-edits")>();
  return { ...actual, applyGoogleEdits: vi.fn(actual.applyGoogleEdits) };
});

const MINUTE = 60_000;
const TUESDAY_1100 = new Date(TUESDAY_0900.getTime() + 120 * MINUTE);

let db: TestDatabase;
let h: GoogleHarness;
let testbed: CalendarTestbed;
let world: BookingWorld;
let calendar: Awaited<ReturnType<typeof connectWorldCalendar>>;

beforeAll(async () => {
  testbed = await startCalendarTestbed();
  ({ db, h } = testbed);
});
afterAll(() => testbed?.close());
beforeEach(async () => {
  world = await createBookingWorld(db.db);
  calendar = await connectWorldCalendar(db.db, world, PROVIDER);
});

const sync = () => syncCalendar({ db: db.db, google: testbed.google, calendarId: calendar.id, accessToken: h.accessToken, now: MONDAY_0800 });

async function editJobs() {
  const result = await db.db.execute<{ key: string; payload: JobPayloads["calendar.apply-edits"] }>(
    sql`SELECT j.key, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'calendar.apply-edits'`,
  );
  return result.rows;
}

describe("Google-side edits are kept with the sync token", () => {
  it("an edit whose application fails stays queued and the job applies it later; an applied one leaves no job", async () => {
    const booking = await createConfirmedBooking(db.db, world, TUESDAY_0900);
    const eventId = await exportBooking(db.db, testbed.google, { accessToken: h.accessToken, calendar, booking });
    await sync();
    h.emulator.moveEvent(PROVIDER, eventId, { start: { dateTime: TUESDAY_1100.toISOString() }, end: { dateTime: new Date(TUESDAY_1100.getTime() + 30 * MINUTE).toISOString() } });

    vi.mocked(edits.applyGoogleEdits).mockResolvedValueOnce(["failed"]);
    expect(await sync()).toMatchObject({ outcome: "OK", kind: "INCREMENTAL", googleEdits: ["failed"] });
    expect((await db.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]?.startsAt).toEqual(TUESDAY_0900);
    const [job, ...others] = await editJobs();
    expect(others).toEqual([]);
    expect(job?.payload.edits).toEqual([{ bookingId: booking.id, seen: { kind: "timed", eventId, startsAt: TUESDAY_1100.toISOString(), endsAt: new Date(TUESDAY_1100.getTime() + 30 * MINUTE).toISOString() } }]);

    // The token has moved on: another sync sees nothing new, so only the job can apply the move.
    expect(await sync()).not.toHaveProperty("googleEdits");
    expect(await edits.applyStoredGoogleEdits({ db: db.db, payload: job!.payload, now: MONDAY_0800 })).toEqual(["rescheduled"]);
    expect((await db.db.select().from(bookings).where(eq(bookings.id, booking.id)))[0]?.startsAt).toEqual(TUESDAY_1100);
    // Applying again (a retried job) changes nothing.
    expect(await edits.applyStoredGoogleEdits({ db: db.db, payload: job!.payload, now: MONDAY_0800 })).toEqual(["in_step"]);
    await db.db.execute(sql`SELECT graphile_worker.remove_job(${job!.key})`);

    // Applied at once: the safety-net job is gone.
    h.emulator.moveEvent(PROVIDER, eventId, { start: { dateTime: TUESDAY_0900.toISOString() }, end: { dateTime: new Date(TUESDAY_0900.getTime() + 30 * MINUTE).toISOString() } });
    expect(await sync()).toMatchObject({ googleEdits: ["rescheduled"] });
    expect(await editJobs()).toEqual([]);
  });
});
