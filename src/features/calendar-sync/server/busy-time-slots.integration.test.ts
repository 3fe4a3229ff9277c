import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePublicSlots } from "@/features/availability";
import { getCompactSlots, publicSlotCache } from "@/features/availability/server";
import { calendarConnections, connectedCalendars } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, callerFor } from "@/test/trpc";
import { applyBusyChanges, findCalendarForSync, replaceBusy, type CalendarForSync } from "./calendar-sync-repository";
import { enterReconnectEpisode } from "./enter-reconnect-episode";

/**
 * Imported busy time reaches the cached public slot list the moment the sync's transaction
 * commits, whichever repository verb wrote it: full replace, incremental changes, and the
 * removal when a connection needs reconnecting.
 */
let db: TestDatabase;
let world: BookingWorld;
let calendar: CalendarForSync;
let connectionId: string;
const now = () => MONDAY_0800;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  const [connection] = await db.db.insert(calendarConnections).values({ providerId: world.provider.id, googleSubject: "sub-busy", googleEmail: "ada@example.test" }).returning();
  connectionId = connection!.id;
  const [row] = await db.db
    .insert(connectedCalendars)
    .values({ connectionId, googleCalendarId: "ada@example.test", name: "Ada", timeZone: "Europe/London", blocksAvailability: true })
    .returning();
  calendar = (await findCalendarForSync(db.db, row!.id))!;
});
afterAll(() => db.drop());

const input = () => ({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 3 });
const starts = async () => {
  const compact = await callerFor(db.db, anonymous, now).availability.slots(input());
  // The cached answer is the answer: the same as computing it afresh.
  expect(compact).toEqual(await getCompactSlots({ db: db.db, input: input(), now: MONDAY_0800, cache: null }));
  return decodePublicSlots(compact).slots.filter((slot) => slot.mode === "IN_PERSON").map((slot) => slot.startsAt.toISOString());
};
const busy = (externalId: string, from: string, to: string) => ({ kind: "busy" as const, externalId, startsAt: new Date(from), endsAt: new Date(to) });

describe("imported busy time and the public slot cache", () => {
  it("replaceBusy, applyBusyChanges and the reconnect removal each change the very next read", async () => {
    const hitsBefore = publicSlotCache!.hits;
    expect(await starts()).toContain("2027-03-02T10:00:00.000Z");
    expect(await starts()).toContain("2027-03-02T10:00:00.000Z");
    expect(publicSlotCache!.hits).toBeGreaterThan(hitsBefore);

    await db.db.transaction((tx) => replaceBusy(tx, calendar, [busy("a", "2027-03-02T10:00:00Z", "2027-03-02T11:00:00Z")]));
    let after = await starts();
    expect(after).not.toContain("2027-03-02T10:00:00.000Z");
    expect(after).not.toContain("2027-03-02T10:45:00.000Z");
    expect(after).toContain("2027-03-02T11:00:00.000Z");

    await db.db.transaction((tx) => applyBusyChanges(tx, calendar, [{ kind: "free", externalId: "a" }, busy("b", "2027-03-02T11:00:00Z", "2027-03-02T11:30:00Z")]));
    after = await starts();
    expect(after).toContain("2027-03-02T10:00:00.000Z");
    expect(after).not.toContain("2027-03-02T11:00:00.000Z");

    const result = await enterReconnectEpisode({ db: db.db, connectionId, reason: "invalid_grant", now: MONDAY_0800 });
    expect(result).toMatchObject({ removed: 1 });
    expect(await starts()).toContain("2027-03-02T11:00:00.000Z");
  });
});
