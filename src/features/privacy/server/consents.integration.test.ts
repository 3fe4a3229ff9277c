import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_VERSIONS } from "@/server/consent/consent-versions";
import { consentRecords, patientProfiles } from "@/server/db/schema";
import { failure } from "@/test/call-outcome";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createMembership, createPatient, createUser } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";

/**
 * Consent records are written with the change they accompany: the booking confirmation (terms,
 * privacy notice, the WhatsApp choice) and a change of notification channels, each with the
 * current version, where it was given and from which address.
 */
let db: TestDatabase;
let world: BookingWorld;
const now = () => MONDAY_0800;
let slot = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
});
afterAll(() => db.drop());

/** A fresh in-person time for each hold: weekdays 2–5 March 2027, 09:00–12:00 London (GMT), every 30 minutes. */
function nextStart(): Date {
  const day = 2 + Math.floor(slot / 7);
  const minutes = 9 * 60 + (slot % 7) * 30;
  slot += 1;
  return new Date(Date.UTC(2027, 2, day, Math.floor(minutes / 60), minutes % 60));
}

const as = (actor: TestActor, ip: string) => callerFor(db.db, actor, now, { ip });
const holdAt = (caller: ReturnType<typeof as>, startsAt: Date) =>
  caller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt, mode: "IN_PERSON", locationId: world.location.id });

const recordsOfBooking = (bookingId: string) =>
  db.db
    .select({ userId: consentRecords.userId, subject: consentRecords.subject, version: consentRecords.version, granted: consentRecords.granted, source: consentRecords.source, ipAddress: consentRecords.ipAddress })
    .from(consentRecords)
    .where(eq(consentRecords.bookingId, bookingId))
    .orderBy(consentRecords.id);

const recordsOfUser = (userId: string) =>
  db.db
    .select({ subject: consentRecords.subject, version: consentRecords.version, granted: consentRecords.granted, source: consentRecords.source, ipAddress: consentRecords.ipAddress, bookingId: consentRecords.bookingId })
    .from(consentRecords)
    .where(eq(consentRecords.userId, userId))
    .orderBy(consentRecords.id);

describe("consent on booking confirmation", () => {
  it("records a guest's terms, privacy notice and WhatsApp opt-in against the booking, with versions and address", async () => {
    const ip = "203.0.113.71";
    const guest = as(anonymous, ip);
    const hold = await holdAt(guest, nextStart());
    const contact = { name: "Gina Guest", email: "gina.guest@example.test", phone: "+447700900471" };
    await verifyGuestContact(guest, db.db, hold, contact);
    const booking = await guest.bookings.confirm({ ...hold, contact, consent: true, patientTimeZone: "Europe/London", whatsappOptIn: true });

    expect(await recordsOfBooking(booking.id)).toEqual([
      { userId: null, subject: "TERMS", version: CONSENT_VERSIONS.TERMS, granted: true, source: "booking", ipAddress: ip },
      { userId: null, subject: "PRIVACY_NOTICE", version: CONSENT_VERSIONS.PRIVACY_NOTICE, granted: true, source: "booking", ipAddress: ip },
      { userId: null, subject: "WHATSAPP", version: CONSENT_VERSIONS.WHATSAPP, granted: true, source: "booking", ipAddress: ip },
    ]);
  });

  it("records a WhatsApp choice left unticked beside a phone as not given", async () => {
    const guest = as(anonymous, "203.0.113.72");
    const hold = await holdAt(guest, nextStart());
    const contact = { name: "Nora Nochoice", email: "nora@example.test", phone: "+447700900472" };
    await verifyGuestContact(guest, db.db, hold, contact);
    const booking = await guest.bookings.confirm({ ...hold, contact, consent: true, patientTimeZone: "Europe/London" });
    expect((await recordsOfBooking(booking.id)).map((r) => `${r.subject}:${r.granted}`)).toEqual(["TERMS:true", "PRIVACY_NOTICE:true", "WHATSAPP:false"]);
  });

  it("records a signed-in patient's agreement against their account and the booking; without a phone, no WhatsApp choice", async () => {
    const { user } = await createPatient(db.db, { user: { name: "Sam Signedin" } });
    const ip = "203.0.113.73";
    const patient = as(asUser({ id: user.id }), ip);
    const hold = await holdAt(patient, nextStart());
    const booking = await patient.bookings.confirm({ ...hold, consent: true, patientTimeZone: "Europe/London" });

    expect(await recordsOfUser(user.id)).toEqual([
      { subject: "TERMS", version: CONSENT_VERSIONS.TERMS, granted: true, source: "booking", ipAddress: ip, bookingId: booking.id },
      { subject: "PRIVACY_NOTICE", version: CONSENT_VERSIONS.PRIVACY_NOTICE, granted: true, source: "booking", ipAddress: ip, bookingId: booking.id },
    ]);
    const mine = await patient.privacy.consents();
    expect(mine.timeZone).toBe("Europe/London");
    expect(mine.records.map((r) => ({ subject: r.subject, version: r.version, granted: r.granted, source: r.source, bookingId: r.bookingId })).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual([
      { subject: "PRIVACY_NOTICE", version: CONSENT_VERSIONS.PRIVACY_NOTICE, granted: true, source: "booking", bookingId: booking.id },
      { subject: "TERMS", version: CONSENT_VERSIONS.TERMS, granted: true, source: "booking", bookingId: booking.id },
    ]);
    expect(mine.records[0]!.recordedAt).toBeInstanceOf(Date);
  });

  it("writes nothing when the confirmation is refused (same transaction)", async () => {
    const guest = as(anonymous, "203.0.113.74");
    const hold = await holdAt(guest, nextStart());
    const refused = await failure(
      guest.bookings.confirm({ ...hold, contact: { name: "Una Unverified", email: "una@example.test", phone: "+447700900474" }, consent: true, patientTimeZone: "Europe/London" }),
    );
    expect(refused.appCode).toBe("PRECONDITION_FAILED");
    expect(await recordsOfBooking(hold.holdId)).toEqual([]);
  });

  it("records a phone booking's agreement as given on the phone, without the practice's address", async () => {
    const staff = await createUser(db.db);
    await createMembership(db.db, { organizationId: world.organization.id, userId: staff.id, role: "STAFF" });
    const caller = as(asUser({ id: staff.id }), "198.51.100.20");
    const hold = await caller.bookings.phone.hold({
      organizationId: world.organization.id,
      providerId: world.provider.id,
      serviceId: world.services.short.id,
      startsAt: nextStart(),
      mode: "IN_PERSON",
      locationId: world.location.id,
    });
    const booking = await caller.bookings.phone.confirm({
      organizationId: world.organization.id,
      holdId: hold.holdId,
      holdToken: hold.holdToken,
      contact: { name: "Pia Phone", email: "pia.phone@example.test", phone: "+447700900475" },
      consent: true,
      patientTimeZone: "Europe/London",
      whatsappOptIn: true,
      contactTakenByStaff: true,
    });
    expect(await recordsOfBooking(booking.id)).toEqual([
      { userId: null, subject: "TERMS", version: CONSENT_VERSIONS.TERMS, granted: true, source: "phone-booking", ipAddress: null },
      { userId: null, subject: "PRIVACY_NOTICE", version: CONSENT_VERSIONS.PRIVACY_NOTICE, granted: true, source: "phone-booking", ipAddress: null },
      { userId: null, subject: "WHATSAPP", version: CONSENT_VERSIONS.WHATSAPP, granted: true, source: "phone-booking", ipAddress: null },
    ]);
  });
});

describe("consent on notification preference changes", () => {
  const choices = { emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: null, quietEnd: null };

  it("records each channel turned on or off, and nothing for channels left as they were", async () => {
    const { user } = await createPatient(db.db, { profile: { phone: "+447700900481" } });
    const ip = "203.0.113.81";
    const patient = as(asUser({ id: user.id }), ip);

    await patient.notificationPreferences.update({ ...choices, whatsappEnabled: true, emailEnabled: false });
    expect(await recordsOfUser(user.id)).toEqual([
      { subject: "EMAIL", version: CONSENT_VERSIONS.EMAIL, granted: false, source: "preferences", ipAddress: ip, bookingId: null },
      { subject: "WHATSAPP", version: CONSENT_VERSIONS.WHATSAPP, granted: true, source: "preferences", ipAddress: ip, bookingId: null },
    ]);

    await patient.notificationPreferences.update({ ...choices, whatsappEnabled: true, emailEnabled: false, quietStart: "22:00", quietEnd: "07:00" });
    expect(await recordsOfUser(user.id)).toHaveLength(2);

    await patient.notificationPreferences.update({ ...choices, smsEnabled: true });
    expect((await recordsOfUser(user.id)).slice(2).map((r) => `${r.subject}:${r.granted}`)).toEqual(["EMAIL:true", "SMS:true", "WHATSAPP:false"]);
  });

  it("writes nothing when the change is refused", async () => {
    const { user } = await createPatient(db.db);
    await db.db.update(patientProfiles).set({ phone: null }).where(eq(patientProfiles.userId, user.id));
    const refused = await failure(as(asUser({ id: user.id }), "203.0.113.82").notificationPreferences.update({ ...choices, smsEnabled: true }));
    expect(refused.appCode).toBe("VALIDATION");
    expect(await recordsOfUser(user.id)).toEqual([]);
  });
});
