import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, callerFor } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";
import { getManagedBooking } from "./get-managed-booking";
import { MANAGE_LINK_DAYS_AFTER_END } from "./patient-change-guard";

let db: TestDatabase;
let world: BookingWorld;
const clock = { now: MONDAY_0800 };
const caller = () => callerFor(db.db, anonymous, () => clock.now);

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
});
afterAll(() => db.drop());

async function bookAsGuest(startsAt: Date) {
  clock.now = MONDAY_0800;
  const hold = await caller().bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt, mode: "IN_PERSON", locationId: world.location.id });
  const contact = { name: "Lena Link", email: "lena@example.test", phone: "+447700900002" };
  await verifyGuestContact(caller(), db.db, hold, contact);
  return caller().bookings.confirm({
    holdId: hold.holdId,
    holdToken: hold.holdToken,
    contact,
    consent: true,
    patientTimeZone: "Europe/London",
  });
}

const EXPIRED = { code: "NOT_FOUND", message: expect.stringMatching(/^This link has expired/) };

describe("manage link lifetime", () => {
  it(`works until ${MANAGE_LINK_DAYS_AFTER_END} days after the appointment ends and is NOT_FOUND from the next instant`, async () => {
    expect(MANAGE_LINK_DAYS_AFTER_END).toBe(30);
    const booking = await bookAsGuest(TUESDAY_0900);
    const token = booking.manageToken;
    const lastMoment = new Date(booking.endsAt.getTime() + 30 * 24 * 60 * 60_000);
    const firstExpired = new Date(lastMoment.getTime() + 1);

    clock.now = lastMoment;
    await expect(caller().bookings.managed({ token })).resolves.toMatchObject({ id: booking.id, startsAt: TUESDAY_0900 });
    await expect(getManagedBooking({ db: db.db, token, now: lastMoment })).resolves.toMatchObject({ id: booking.id });
    // Still a live link: the refusal to cancel is the provider's cutoff, which names the booking's state.
    await expect(caller().bookings.cancelManaged({ token, reason: "" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    clock.now = firstExpired;
    const viewed = await caller().bookings.managed({ token }).catch((error: unknown) => error);
    expect(viewed).toMatchObject(EXPIRED);
    expect(JSON.stringify(viewed)).not.toContain(booking.id);
    // The .ics route reads the booking through the same use case.
    await expect(getManagedBooking({ db: db.db, token, now: firstExpired })).rejects.toMatchObject({ ...EXPIRED, details: { reason: "MANAGE_LINK_EXPIRED" } });
    await expect(caller().bookings.cancelManaged({ token, reason: "" })).rejects.toMatchObject(EXPIRED);
    await expect(
      caller().bookings.rescheduleManaged({ token, startsAt: new Date(firstExpired.getTime() + 7 * 24 * 60 * 60_000), mode: "IN_PERSON", locationId: world.location.id }),
    ).rejects.toMatchObject(EXPIRED);
  });

  it("counts from the end of the appointment, whatever its state (a cancelled booking's link expires too)", async () => {
    const booking = await bookAsGuest(new Date("2027-03-03T10:00:00Z"));
    clock.now = MONDAY_0800;
    await caller().bookings.cancelManaged({ token: booking.manageToken, reason: "" });
    const lastMoment = new Date(booking.endsAt.getTime() + 30 * 24 * 60 * 60_000);
    clock.now = lastMoment;
    await expect(caller().bookings.managed({ token: booking.manageToken })).resolves.toMatchObject({ status: "CANCELLED" });
    clock.now = new Date(lastMoment.getTime() + 1);
    await expect(caller().bookings.managed({ token: booking.manageToken })).rejects.toMatchObject(EXPIRED);
  });

  it("still answers an unknown link with the ordinary NOT_FOUND", async () => {
    clock.now = MONDAY_0800;
    await expect(caller().bookings.managed({ token: "A".repeat(43) })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/could not find a booking/),
    });
  });
});
