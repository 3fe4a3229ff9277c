import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCalendarConnection } from "@/features/calendar-sync/server";
import { AppError } from "@/lib/errors/app-error";
import { providers } from "@/server/db/schema";
import { outcome } from "@/test/call-outcome";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createMembership, createOrganization, createUser } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp, type TestActor } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";

/**
 * A provider who is not APPROVED (waiting, rejected or suspended) is nowhere a patient or an
 * organization could reach them: not in search or the directory, no public profile, no new hold,
 * no hold confirmed, no phone booking, no calendar connection, no network invitation. The same
 * checks pass for an approved provider, so each one can fail.
 */
let db: TestDatabase;
let admin: TestActor;

beforeAll(async () => {
  db = await createTestDatabase();
  admin = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
});
afterAll(() => db?.drop());

const now = () => MONDAY_0800;
const publicCaller = () => callerFor(db.db, anonymous, now, { ip: nextClientIp() });
const guest = { name: "Gail Guest", email: "gail.guest@example.test", phone: "+447700900001" };

/** What each surface answers about the world's provider: "ok" or the app code of the refusal. */
async function surfaces(world: BookingWorld, hold: { holdId: string; holdToken: string; caller: ReturnType<typeof publicCaller> }) {
  const name = world.provider.displayName;
  const slot = { providerId: world.provider.id, serviceId: world.services.short.id, mode: "IN_PERSON" as const, locationId: world.location.id };
  const staff = await createUser(db.db);
  await createMembership(db.db, { organizationId: world.organization.id, userId: staff.id, role: "STAFF" });
  const asStaff = callerFor(db.db, asUser({ id: staff.id }), now);
  const otherOrganization = await createOrganization(db.db);
  const otherAdmin = await createUser(db.db);
  await createMembership(db.db, { organizationId: otherOrganization.id, userId: otherAdmin.id, role: "ADMIN" });
  const listed = (found: boolean) => (found ? "listed" : "absent");

  const calendar = await startCalendarConnection({
    db: db.db,
    google: { authorizationUrl: () => "https://accounts.google.example/o/oauth2/v2/auth" },
    secret: "integration-tests-only-secret-0123456789abcdef",
    redirectUri: "http://localhost:3000/api/calendar-connections/google/callback",
    user: { id: world.providerUser.id, email: world.providerUser.email },
    owner: { kind: "provider", providerId: world.provider.id },
    now: MONDAY_0800,
  }).then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : Promise.reject(error)),
  );

  return {
    search: listed((await publicCaller().search.providers({ q: name })).items.some((item) => item.provider.id === world.provider.id)),
    directory: listed((await publicCaller().providers.list({ query: name })).items.some((item) => item.id === world.provider.id)),
    profile: await outcome(publicCaller().providers.bySlug({ slug: world.provider.slug })),
    slots: await outcome(publicCaller().availability.slots({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 3 })),
    hold: await outcome(publicCaller().bookings.hold({ ...slot, startsAt: new Date("2027-03-03T10:00:00Z") })),
    confirmHold: await outcome(
      hold.caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: true, patientTimeZone: "Europe/London" }),
    ),
    phoneOptions: listed((await asStaff.bookings.phone.options({ organizationId: world.organization.id })).providers.some((p) => p.id === world.provider.id)),
    phoneHold: await outcome(asStaff.bookings.phone.hold({ organizationId: world.organization.id, ...slot, startsAt: new Date("2027-03-04T10:00:00Z") })),
    calendarConnect: calendar,
    networkInvite: await outcome(
      callerFor(db.db, asUser({ id: otherAdmin.id }), now).organizations.network.invite({ organizationId: otherOrganization.id, providerId: world.provider.id }),
    ),
  };
}

/** A world whose provider holds a slot for a guest (contact verified) while approved, then moves to `status`. */
async function worldWithHold(status: "APPROVED" | "PENDING" | "REJECTED" | "SUSPENDED") {
  const world = await createBookingWorld(db.db);
  const caller = publicCaller();
  const hold = await caller.bookings.hold({
    providerId: world.provider.id,
    serviceId: world.services.short.id,
    startsAt: new Date("2027-03-02T09:00:00Z"),
    mode: "IN_PERSON",
    locationId: world.location.id,
  });
  await verifyGuestContact(caller, db.db, hold, guest);
  if (status === "SUSPENDED") {
    await callerFor(db.db, admin, now).admin.providers.decide({ providerId: world.provider.id, decision: "SUSPEND", reason: "Registration lapsed" });
  } else if (status !== "APPROVED") {
    // No decision leads from approved back to waiting or rejected: set directly, as a profile in that state.
    await db.db.update(providers).set({ status }).where(eq(providers.id, world.provider.id));
  }
  return { world, hold: { ...hold, caller } };
}

describe("a provider who is not approved cannot be found, booked, connected or invited", () => {
  it("an approved provider passes every check (the control)", async () => {
    const { world, hold } = await worldWithHold("APPROVED");
    expect(await surfaces(world, hold)).toEqual({
      search: "listed",
      directory: "listed",
      profile: "ok",
      slots: "ok",
      hold: "ok",
      confirmHold: "ok",
      phoneOptions: "listed",
      phoneHold: "ok",
      calendarConnect: "ok",
      networkInvite: "ok",
    });
  });

  for (const status of ["PENDING", "REJECTED", "SUSPENDED"] as const) {
    it(`a ${status.toLowerCase()} provider is refused everywhere`, async () => {
      const { world, hold } = await worldWithHold(status);
      expect(await surfaces(world, hold)).toEqual({
        search: "absent",
        directory: "absent",
        profile: "NOT_FOUND",
        slots: "NOT_FOUND",
        hold: "NOT_FOUND",
        // A suspension released the hold; otherwise confirm re-reads the provider under its lock.
        confirmHold: "NOT_FOUND",
        phoneOptions: "absent",
        phoneHold: "NOT_FOUND",
        calendarConnect: "FORBIDDEN",
        networkInvite: "NOT_FOUND",
      });
    });
  }
});
