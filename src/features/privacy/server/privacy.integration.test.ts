import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "@/features/communications/server";
import { findPatientCardSource } from "@/features/communications/server/contact-cards/contact-cards-repository";
import {
  accounts,
  auditLog,
  bookings,
  consentRecords,
  contactChannels,
  contactVerifications,
  documentTypes,
  memberships,
  notificationPreferences,
  notifications,
  organizationInvitations,
  patientProfiles,
  providerDocuments,
  sessions,
  storedContactCards,
  users,
} from "@/server/db/schema";
import { failure, outcome } from "@/test/call-outcome";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createMembership, createOrganization, createPatient, createUser } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp, type TestActor } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";
import { exportPersonalData } from "./export-personal-data";

/**
 * A patient's data rights end to end: the export holds every kind of their data and nothing of
 * anyone else's; erasure waits for what must happen first, then removes or minimises everything
 * listed in the rule, in one transaction, leaving the provider's booking record and the
 * append-only trails.
 */
let db: TestDatabase;
let world: BookingWorld;
const PAT_EMAIL = "pat.erasure@example.test";
const PAT_PHONE = "+447700900555";
const PAT_GUEST_PHONE = "+447700900556";
const OTHER = { name: "Olga Otherpatient", email: "olga.other@example.test", phone: "+447700900557" };
const TOKEN_MARKER = "SEALED-TOKEN-MARKER";
/** A month after the seeded appointments: nothing is still to come. */
const LATER = new Date("2027-04-01T08:00:00Z");

const seeded = {} as {
  signedIn: { id: string };
  guest: { id: string };
  other: { id: string };
  admin: { id: string; role: "ADMIN" };
};

const caller = (actor: TestActor, at: Date = MONDAY_0800) => callerFor(db.db, actor, () => at, { ip: nextClientIp() });
const pat = (at?: Date) => caller(asUser({ id: world.patient.id }), at);

async function hold(actorCaller: ReturnType<typeof caller>, startsAt: Date) {
  return actorCaller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt, mode: "IN_PERSON", locationId: world.location.id });
}

/** Every row of every table (all schemas), as text: personal data left anywhere shows up here. */
async function everyRowAsText(): Promise<string> {
  const tables = await db.db.execute<{ schema: string; name: string }>(sql`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`);
  const parts: string[] = [];
  for (const table of tables.rows) {
    const rows = await db.db.execute<{ row: string }>(sql`SELECT row_to_json(t)::text AS row FROM ${sql.identifier(table.schema)}.${sql.identifier(table.name)} t`);
    for (const { row } of rows.rows) parts.push(`${table.schema}.${table.name} ${row}`);
  }
  return parts.join("\n");
}

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db, { patientEmail: PAT_EMAIL });
  await db.db.update(patientProfiles).set({ phone: PAT_PHONE }).where(eq(patientProfiles.userId, world.patient.id));
  await db.db.insert(accounts).values({
    userId: world.patient.id,
    type: "oauth",
    provider: "google",
    providerAccountId: "google-sub-pat-erasure",
    accessToken: `${TOKEN_MARKER}-access`,
    refreshToken: `${TOKEN_MARKER}-refresh`,
    idToken: `${TOKEN_MARKER}-id`,
  });
  await db.db.insert(sessions).values([
    { sessionToken: "pat-session-laptop", userId: world.patient.id, expires: new Date("2027-06-01T00:00:00Z") },
    { sessionToken: "pat-session-phone", userId: world.patient.id, expires: new Date("2027-06-01T00:00:00Z") },
  ]);
  await pat().notificationPreferences.update({ emailEnabled: true, whatsappEnabled: true, smsEnabled: false, quietStart: null, quietEnd: null });

  const signedInHold = await hold(pat(), TUESDAY_0900);
  seeded.signedIn = await pat().bookings.confirm({
    ...signedInHold,
    contact: { name: "Pat Example", email: PAT_EMAIL, phone: PAT_PHONE },
    notes: "PRIVATE-NOTES-MARKER knee pain",
    consent: true,
    patientTimeZone: "Europe/Paris",
    whatsappOptIn: true,
  });

  const guestCaller = caller(anonymous);
  const guestHold = await hold(guestCaller, new Date("2027-03-02T10:00:00Z"));
  const guestContact = { name: "Pat Guestname", email: PAT_EMAIL.toUpperCase(), phone: PAT_GUEST_PHONE };
  await verifyGuestContact(guestCaller, db.db, guestHold, guestContact);
  seeded.guest = await guestCaller.bookings.confirm({ ...guestHold, contact: guestContact, notes: "GUEST-NOTES-MARKER", consent: true, patientTimeZone: "Europe/London" });

  const otherCaller = caller(asUser({ id: world.otherPatient.id }));
  const otherHold = await hold(otherCaller, new Date("2027-03-02T11:00:00Z"));
  seeded.other = await otherCaller.bookings.confirm({ ...otherHold, contact: OTHER, notes: "OTHER-NOTES-MARKER", consent: true, patientTimeZone: "Europe/London", whatsappOptIn: true });

  await drainOutbox({ db: db.db, now: MONDAY_0800 });
  // One message went out already: erasure keeps its status and times.
  await db.db
    .update(notifications)
    .set({ status: "SENT", sentAt: MONDAY_0800 })
    .where(and(eq(notifications.bookingId, seeded.signedIn.id), eq(notifications.recipient, "PATIENT"), eq(notifications.channel, "EMAIL")));

  seeded.admin = { id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" };
  await db.db.insert(auditLog).values({ actorUserId: seeded.admin.id, action: "user.reviewed", subjectType: "user", subjectId: world.patient.id, ipAddress: "198.51.100.99", userAgent: "AdminBrowser/1" });
  await db.db.insert(auditLog).values({ actorUserId: world.providerUser.id, action: "patient_records.listed", subjectType: "provider", subjectId: world.provider.id, details: { bookingIds: [seeded.signedIn.id, seeded.other.id] } });
  await db.db.insert(storedContactCards).values({
    subject: `patient:${seeded.signedIn.id}`,
    access: "private",
    url: "https://blob.example/contact-cards/patients/pat.vcf",
    pathname: "contact-cards/patients/pat.vcf",
    contentHash: "hash",
  });
  await db.db.insert(contactChannels).values({ channel: "EMAIL", address: PAT_EMAIL, badAt: MONDAY_0800, badReason: "bounce" });
  await createMembership(db.db, { organizationId: world.organization.id, userId: world.patient.id, role: "STAFF" });
  await db.db.insert(organizationInvitations).values({
    organizationId: world.organization.id,
    email: PAT_EMAIL,
    role: "MANAGER",
    tokenHash: "invitation-token-hash-pat",
    expiresAt: new Date("2027-03-08T00:00:00Z"),
  });
});
afterAll(() => db.drop());

/** One call of each privacy procedure. */
const PRIVACY_CALLS: Record<string, (c: ReturnType<typeof caller>) => Promise<unknown>> = {
  consents: (c) => c.privacy.consents(),
  exportSummary: (c) => c.privacy.exportSummary(),
  erasurePreview: (c) => c.privacy.erasurePreview(),
  erase: (c) => c.privacy.erase({ confirmation: "ERASE" }),
};

describe("privacy procedures, as a stranger", () => {
  it("covers every procedure of privacy", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("privacy."))
      .map((path) => path.slice("privacy.".length));
    expect(procedures.sort()).toEqual(Object.keys(PRIVACY_CALLS).sort());
  });

  it("refuse visitors who are not signed in", async () => {
    for (const [name, call] of Object.entries(PRIVACY_CALLS)) {
      expect(await outcome(call(caller(anonymous))), name).toBe("UNAUTHORIZED");
    }
  });

  it("show a signed-in stranger only their own (empty) records, never the patient's", async () => {
    const stranger = await createPatient(db.db);
    const as = caller(asUser({ id: stranger.user.id }));
    expect(await as.privacy.consents()).toEqual({ records: [], timeZone: "Europe/London" });
    expect(await as.privacy.exportSummary()).toMatchObject({ bookings: 0, notifications: 0, consentRecords: 0, bookingEvents: 0 });
    const preview = await as.privacy.erasurePreview();
    expect(preview.canErase).toBe(true);
    expect(preview.kept.find((item) => /bookings/.test(item.what))).toBeUndefined();
  });

  it("erase asks for the typed confirmation", async () => {
    const stranger = await createPatient(db.db);
    const refused = await failure(caller(asUser({ id: stranger.user.id })).privacy.erase({ confirmation: "erase" as "ERASE" }));
    expect(refused.appCode).toBe("VALIDATION");
    expect(refused.fieldErrors.confirmation).toEqual(["Type ERASE in capital letters to confirm that your data should be erased."]);
  });
});

describe("export", () => {
  it("holds every kind of the patient's data", async () => {
    const data = await exportPersonalData({ db: db.db, userId: world.patient.id, now: MONDAY_0800 });
    expect(data.account).toMatchObject({ id: world.patient.id, name: "Pat Example", email: PAT_EMAIL, role: "USER", linkedSignIns: [{ provider: "google" }] });
    expect(data.patientProfile).toMatchObject({ fullName: "Pat Example", phone: PAT_PHONE, timeZone: "Europe/London" });
    expect(data.notificationPreferences).toMatchObject({ emailEnabled: true, whatsappEnabled: true, smsEnabled: false });
    expect(data.contactChannels.map((c) => `${c.channel} ${c.address}`).sort()).toEqual([`EMAIL ${PAT_EMAIL}`, `WHATSAPP ${PAT_PHONE}`]);

    expect(data.bookings.map((b) => b.id).sort()).toEqual([seeded.signedIn.id, seeded.guest.id].sort());
    const signedIn = data.bookings.find((b) => b.id === seeded.signedIn.id)!;
    expect(signedIn).toMatchObject({
      bookedAs: "account",
      channel: "ONLINE",
      status: "CONFIRMED",
      provider: { name: world.provider.displayName },
      service: { name: "Short", durationMinutes: 30, currentPrice: { amountMinor: 5000, currency: "EUR" } },
      startsAt: TUESDAY_0900,
      endsAt: new Date("2027-03-02T09:30:00Z"),
      timeZone: "Europe/London",
      yourTimeZone: "Europe/Paris",
      mode: "IN_PERSON",
      location: { name: "Main site" },
      contact: { name: "Pat Example", email: PAT_EMAIL, phone: PAT_PHONE },
      notes: "PRIVATE-NOTES-MARKER knee pain",
      cancellation: null,
    });
    expect(data.bookings.find((b) => b.id === seeded.guest.id)).toMatchObject({ bookedAs: "guest", notes: "GUEST-NOTES-MARKER" });

    expect(data.bookingEvents.filter((e) => e.type === "booking.confirmed").map((e) => e.bookingId).sort()).toEqual([seeded.signedIn.id, seeded.guest.id].sort());
    expect(data.bookingEvents.every((e) => e.actor === "you")).toBe(true);

    const patientMessages = data.notifications.filter((n) => n.bookingId === seeded.signedIn.id);
    expect(patientMessages.map((n) => n.channel).sort()).toEqual(["EMAIL", "WHATSAPP"]);
    expect(patientMessages.find((n) => n.channel === "EMAIL")).toMatchObject({ purpose: "booking.confirmed", status: "SENT", address: PAT_EMAIL, sentAt: MONDAY_0800 });
    // The guest booking's confirmation and the code that proved its address.
    expect(data.notifications.filter((n) => n.bookingId === seeded.guest.id).map((n) => n.purpose).sort()).toEqual(["booking.confirmed", "verification.code"]);

    expect(data.consentRecords.map((c) => `${c.subject}:${c.source}:${c.granted}`).sort()).toEqual(
      [
        "PRIVACY_NOTICE:booking:true",
        "PRIVACY_NOTICE:booking:true",
        "TERMS:booking:true",
        "TERMS:booking:true",
        "WHATSAPP:booking:false",
        "WHATSAPP:booking:true",
        "WHATSAPP:preferences:true",
      ].sort(),
    );

    const audit = data.auditTrail;
    expect(audit.find((a) => a.action === "user.reviewed")).toMatchObject({ actor: "platform administrator", subjectType: "user", subjectId: world.patient.id, ipAddress: null, userAgent: null });
    expect(audit.find((a) => a.action === "patient_records.listed")).toMatchObject({ actor: "provider", subjectType: "provider", subjectId: null });
    expect(audit.find((a) => a.action === "notification_preferences.updated")).toMatchObject({ actor: "you", ipAddress: expect.stringMatching(/^203\.0\.113\./) });
    expect(audit.filter((a) => a.action === "booking.confirmed").map((a) => a.subjectId).sort()).toEqual([seeded.signedIn.id, seeded.guest.id].sort());

    expect(data.provider).toBeNull();
    expect(data.organizationMemberships).toEqual([{ organizationName: world.organization.name, role: "STAFF", since: expect.any(Date) }]);
    expect(data.organizationInvitations).toMatchObject([{ organizationName: world.organization.name, role: "MANAGER", acceptedAt: null }]);
  });

  it("holds nothing of other people: not another patient's booking with the same provider, no tokens, no provider addresses", async () => {
    const text = JSON.stringify(await exportPersonalData({ db: db.db, userId: world.patient.id, now: MONDAY_0800 }));
    for (const foreign of [seeded.other.id, OTHER.name, OTHER.email, OTHER.phone, "OTHER-NOTES-MARKER", world.otherPatient.id, world.providerUser.email, world.providerUser.id, seeded.admin.id, TOKEN_MARKER, "google-sub-pat-erasure", "198.51.100.99", "AdminBrowser"]) {
      expect(text, foreign).not.toContain(foreign);
    }
  });

  it("summarises the same counts on the privacy page", async () => {
    const data = await exportPersonalData({ db: db.db, userId: world.patient.id, now: MONDAY_0800 });
    expect(await pat().privacy.exportSummary()).toEqual({
      bookings: 2,
      bookingEvents: data.bookingEvents.length,
      notifications: data.notifications.length,
      consentRecords: 7,
      auditEntries: data.auditTrail.length,
      contactChannels: 2,
      organizationMemberships: 1,
      hasPatientProfile: true,
      hasNotificationPreferences: true,
      isProvider: false,
    });
  });

  it("holds a provider's profile and document metadata, never the file's storage path", async () => {
    const [type] = await db.db.select().from(documentTypes).where(eq(documentTypes.key, "professional-licence"));
    await db.db.insert(providerDocuments).values({
      providerId: world.provider.id,
      documentTypeId: type!.id,
      blobPathname: "provider-documents/secret-unguessable-path.pdf",
      fileName: "licence.pdf",
      contentType: "application/pdf",
      sizeBytes: 1234,
      sha256: "a".repeat(64),
    });
    const data = await exportPersonalData({ db: db.db, userId: world.providerUser.id, now: MONDAY_0800 });
    expect(data.provider).toMatchObject({ displayName: world.provider.displayName, status: "APPROVED", services: expect.arrayContaining([expect.objectContaining({ name: "Short" })]) });
    expect(data.provider!.documents).toEqual([expect.objectContaining({ type: "Professional licence", fileName: "licence.pdf", sizeBytes: 1234, status: "SUBMITTED" })]);
    const text = JSON.stringify(data);
    expect(text).not.toContain("secret-unguessable-path");
    // The provider's own bookings list patients; their export is about them, not their patients.
    expect(text).not.toContain("Pat Example");
    expect(text).not.toContain(OTHER.name);
  });
});

describe("erasure blockers", () => {
  it("waits for the patient's upcoming bookings, listing them, and changes nothing", async () => {
    const preview = await pat().privacy.erasurePreview();
    expect(preview.canErase).toBe(false);
    expect(preview.blockers).toEqual([
      expect.objectContaining({
        kind: "UPCOMING_BOOKINGS",
        message: expect.stringMatching(/^Cancel your 2 upcoming bookings first/),
        bookings: [
          expect.objectContaining({ id: seeded.signedIn.id, startsAt: TUESDAY_0900, timeZone: "Europe/London", serviceName: "Short", providerName: world.provider.displayName }),
          expect.objectContaining({ id: seeded.guest.id }),
        ],
      }),
    ]);
    const refused = await failure(pat().privacy.erase({ confirmation: "ERASE" }));
    expect(refused.appCode).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/cancel your 2 upcoming bookings first/);
    expect(refused.details.blockers).toEqual([expect.objectContaining({ kind: "UPCOMING_BOOKINGS" })]);
    const [user] = await db.db.select().from(users).where(eq(users.id, world.patient.id));
    expect(user).toMatchObject({ name: "Pat Example", email: PAT_EMAIL, erasedAt: null });
  });

  it("refuses a platform administrator, a provider and an organization owner, saying what to do", async () => {
    const admin = caller(asUser(seeded.admin), LATER);
    expect((await admin.privacy.erasurePreview()).blockers.map((b) => b.kind)).toEqual(["PLATFORM_ADMIN"]);
    expect((await admin.privacy.erasurePreview()).blockers[0]?.message).toMatch(/administrator role/);
    expect(await failure(admin.privacy.erase({ confirmation: "ERASE" }))).toMatchObject({ appCode: "PRECONDITION_FAILED", message: expect.stringMatching(/you are a platform administrator/) });

    const provider = caller(asUser({ id: world.providerUser.id }), LATER);
    expect((await provider.privacy.erasurePreview()).blockers.map((b) => b.kind)).toEqual(["PROVIDER"]);
    expect(await failure(provider.privacy.erase({ confirmation: "ERASE" }))).toMatchObject({ appCode: "PRECONDITION_FAILED", message: expect.stringMatching(/you have a provider profile/) });

    const owner = await createUser(db.db);
    const organization = await createOrganization(db.db, { name: "Owned Practice" });
    await createMembership(db.db, { organizationId: organization.id, userId: owner.id, role: "OWNER" });
    const ownerCaller = caller(asUser({ id: owner.id }), LATER);
    expect((await ownerCaller.privacy.erasurePreview()).blockers).toEqual([
      expect.objectContaining({ kind: "ORGANIZATION_OWNER", organizations: [{ id: organization.id, name: "Owned Practice" }] }),
    ]);
    // The error answer says what kind of thing blocks, never its name (the preview names it).
    const refused = await failure(ownerCaller.privacy.erase({ confirmation: "ERASE" }));
    expect(refused).toMatchObject({ appCode: "PRECONDITION_FAILED", message: expect.stringMatching(/you own an organization/) });
    expect(JSON.stringify(refused)).not.toContain("Owned Practice");

    for (const id of [seeded.admin.id, world.providerUser.id, owner.id]) {
      const [row] = await db.db.select({ erasedAt: users.erasedAt }).from(users).where(eq(users.id, id));
      expect(row?.erasedAt).toBeNull();
    }
  });
});

describe("erasure", () => {
  it("is atomic: a failure mid-way leaves everything as it was", async () => {
    const { user } = await createPatient(db.db, { user: { name: "Atom Patient", email: "atom.patient@example.test" }, profile: { phone: "+447700900558" } });
    await db.db.insert(sessions).values({ sessionToken: "atom-session", userId: user.id, expires: new Date("2027-06-01T00:00:00Z") });
    const atom = caller(asUser({ id: user.id }));
    const atomHold = await hold(atom, new Date("2027-03-03T09:00:00Z"));
    const booking = await atom.bookings.confirm({ ...atomHold, notes: "ATOM-NOTES", consent: true, patientTimeZone: "Europe/London" });
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const before = {
      user: await db.db.select().from(users).where(eq(users.id, user.id)),
      booking: await db.db.select().from(bookings).where(eq(bookings.id, booking.id)),
      messages: await db.db.select().from(notifications).where(eq(notifications.bookingId, booking.id)),
    };
    expect(before.messages.length).toBeGreaterThan(0);

    // Messages are rewritten after the account, its sessions, profile and bookings: fail there.
    await db.db.execute(sql`CREATE FUNCTION fail_mid_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.address = 'erased' THEN RAISE EXCEPTION 'forced failure in the middle of an erasure'; END IF; RETURN NEW; END $$`);
    await db.db.execute(sql`CREATE TRIGGER fail_mid_erasure BEFORE UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION fail_mid_erasure()`);
    try {
      expect(await outcome(caller(asUser({ id: user.id }), LATER).privacy.erase({ confirmation: "ERASE" }))).toBe("INTERNAL");
    } finally {
      await db.db.execute(sql`DROP TRIGGER fail_mid_erasure ON notifications`);
      await db.db.execute(sql`DROP FUNCTION fail_mid_erasure()`);
    }

    expect(await db.db.select().from(users).where(eq(users.id, user.id))).toEqual(before.user);
    expect(await db.db.select().from(bookings).where(eq(bookings.id, booking.id))).toEqual(before.booking);
    expect(await db.db.select().from(notifications).where(eq(notifications.bookingId, booking.id))).toEqual(before.messages);
    expect(await db.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
    expect(await db.db.select().from(patientProfiles).where(eq(patientProfiles.userId, user.id))).toHaveLength(1);
    expect(await db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, user.id), eq(auditLog.action, "user.erased")))).toHaveLength(0);

    // Without the fault the same erasure goes through.
    expect((await caller(asUser({ id: user.id }), LATER).privacy.erase({ confirmation: "ERASE" })).counts.bookings).toBe(1);
  });

  it("removes the patient's personal data everywhere, keeps the provider's minimal booking record and the append-only trails", async () => {
    const ownBookings = [seeded.signedIn.id, seeded.guest.id];
    const preview = await pat(LATER).privacy.erasurePreview();
    expect(preview.canErase).toBe(true);
    expect(preview.blockers).toEqual([]);
    expect(preview.removed.find((item) => /sessions/.test(item.what))?.count).toBe(2);
    expect(preview.kept.find((item) => /bookings in minimal form/.test(item.what))?.count).toBe(2);
    const consentsBefore = await db.db.select().from(consentRecords).orderBy(consentRecords.id);
    const auditBefore = await db.db.select().from(auditLog).orderBy(auditLog.id);
    const otherBefore = await db.db.select().from(bookings).where(eq(bookings.id, seeded.other.id));
    const beforeText = await everyRowAsText();
    expect(beforeText).toContain("PRIVATE-NOTES-MARKER");

    const result = await pat(LATER).privacy.erase({ confirmation: "ERASE" });
    expect(result).toEqual({
      erasedAt: LATER,
      counts: {
        signInLinks: 1,
        sessions: 2,
        patientProfile: 1,
        notificationPreferences: 1,
        contactVerifications: 1,
        contactChannels: 2,
        bookings: 2,
        contactCards: 1,
        notifications: preview.removed.find((item) => /messages/.test(item.what))!.count,
        memberships: 1,
        invitations: 1,
      },
    });

    const [user] = await db.db.select().from(users).where(eq(users.id, world.patient.id));
    expect(user).toMatchObject({ name: null, email: `erased-${world.patient.id}@erased.invalid`, emailVerified: null, image: null, erasedAt: LATER, role: "USER" });
    for (const table of [accounts, sessions, patientProfiles, notificationPreferences, memberships] as const) {
      expect(await db.db.select().from(table).where(eq(table.userId, world.patient.id))).toEqual([]);
    }
    expect(await db.db.select().from(contactVerifications).where(inArray(contactVerifications.bookingId, ownBookings))).toEqual([]);
    expect(await db.db.select().from(contactChannels).where(inArray(contactChannels.address, [PAT_EMAIL, PAT_PHONE, PAT_GUEST_PHONE]))).toEqual([]);
    expect(await db.db.select().from(storedContactCards).where(eq(storedContactCards.subject, `patient:${seeded.signedIn.id}`))).toEqual([]);
    expect(await db.db.select().from(organizationInvitations).where(eq(organizationInvitations.tokenHash, "invitation-token-hash-pat"))).toMatchObject([
      { email: "erased@erased.invalid", revokedAt: LATER },
    ]);

    const kept = await db.db.select().from(bookings).where(inArray(bookings.id, ownBookings));
    expect(kept).toHaveLength(2);
    for (const booking of kept) {
      expect(booking).toMatchObject({
        providerId: world.provider.id,
        serviceId: world.services.short.id,
        locationId: world.location.id,
        mode: "IN_PERSON",
        status: "CONFIRMED",
        guestName: "Erased patient",
        guestPhone: null,
        notes: "",
        patientTimeZone: null,
        manageTokenHash: null,
        manageTokenNonce: null,
      });
    }
    expect(kept.find((b) => b.id === seeded.signedIn.id)).toMatchObject({ patientUserId: world.patient.id, guestEmail: null, startsAt: TUESDAY_0900 });
    expect(kept.find((b) => b.id === seeded.guest.id)).toMatchObject({ patientUserId: null, guestEmail: "erased@erased.invalid" });
    expect(await db.db.select().from(bookings).where(eq(bookings.id, seeded.other.id))).toEqual(otherBefore);

    const messages = await db.db.select().from(notifications).where(and(inArray(notifications.bookingId, ownBookings), eq(notifications.recipient, "PATIENT")));
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.address === "erased")).toBe(true);
    expect(messages.find((m) => m.bookingId === seeded.signedIn.id && m.channel === "EMAIL")).toMatchObject({ purpose: "booking.confirmed", status: "SENT", sentAt: MONDAY_0800 });
    expect(messages.filter((m) => m.status === "PENDING")).toEqual([]);
    expect(messages.find((m) => m.bookingId === seeded.signedIn.id && m.channel === "WHATSAPP")).toMatchObject({ status: "SKIPPED", skipReason: "recipient erased their data" });
    // The provider's notices about the bookings are the provider's: untouched.
    const notices = await db.db.select().from(notifications).where(and(inArray(notifications.bookingId, ownBookings), eq(notifications.recipient, "PROVIDER")));
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((m) => m.address === world.providerUser.email.toLowerCase() || m.address === world.providerUser.email)).toBe(true);

    // Append-only trails: every earlier row exactly as it was, plus user.erased with counts only.
    expect((await db.db.select().from(consentRecords).orderBy(consentRecords.id))).toEqual(consentsBefore);
    const auditAfter = await db.db.select().from(auditLog).orderBy(auditLog.id);
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.slice(auditBefore.length)).toEqual([
      expect.objectContaining({ actorUserId: world.patient.id, action: "user.erased", subjectType: "user", subjectId: world.patient.id, details: result.counts, ipAddress: expect.stringMatching(/^203\.0\.113\./) }),
    ]);

    // Nowhere in the database: names, addresses, phones, notes, the Google subject, tokens.
    const afterText = (await everyRowAsText()).toLowerCase();
    for (const marker of ["Pat Example", "Pat Guestname", PAT_EMAIL, PAT_PHONE, PAT_GUEST_PHONE, "PRIVATE-NOTES-MARKER", "GUEST-NOTES-MARKER", "google-sub-pat-erasure", TOKEN_MARKER, "Europe/Paris", "pat-session-laptop"]) {
      expect(afterText, marker).not.toContain(marker.toLowerCase());
    }
    // …while the other patient's data is all still there.
    expect(afterText).toContain(OTHER.email);
    expect(afterText).toContain("other-notes-marker");
  });

  it("leaves the provider a readable booking with an “Erased patient” and no way to reach them", async () => {
    const list = await caller(asUser({ id: world.providerUser.id }), LATER).bookings.providerList({ from: new Date("2027-03-02T00:00:00Z"), to: new Date("2027-03-03T00:00:00Z") });
    const byId = new Map(list.items.map((item) => [item.id, item]));
    for (const id of [seeded.signedIn.id, seeded.guest.id]) {
      expect(byId.get(id)).toMatchObject({ status: "CONFIRMED", notes: "", patient: { name: "Erased patient", email: null, phone: null }, service: { name: "Short" } });
    }
    expect(byId.get(seeded.other.id)).toMatchObject({ patient: { name: OTHER.name, email: OTHER.email, phone: OTHER.phone }, notes: "OTHER-NOTES-MARKER" });
  });

  it("leaves no contact card to make for an erased patient's bookings", async () => {
    for (const id of [seeded.signedIn.id, seeded.guest.id]) expect((await findPatientCardSource(db.db, id))?.patient).toBeNull();
    expect((await findPatientCardSource(db.db, seeded.other.id))?.patient).toMatchObject({ name: OTHER.name, email: OTHER.email });
  });

  it("is done once: a second erasure and its preview are refused", async () => {
    const again = await failure(pat(LATER).privacy.erase({ confirmation: "ERASE" }));
    expect(again).toMatchObject({ appCode: "CONFLICT", message: expect.stringMatching(/already erased \(2027-04-01, UTC\)/) });
    expect(await outcome(pat(LATER).privacy.erasurePreview())).toBe("CONFLICT");
    expect(await db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, world.patient.id), eq(auditLog.action, "user.erased")))).toHaveLength(1);
    // The consent history stays readable (ids, versions and times only).
    expect((await pat(LATER).privacy.consents()).records.map((r) => r.subject).sort()).toEqual(["PRIVACY_NOTICE", "TERMS", "WHATSAPP", "WHATSAPP"]);
  });
});
