import { and, asc, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDER_GONE_REASON } from "@/features/bookings/server";
import { drainOutbox, sendNotification, type NotificationDeps } from "@/features/communications/server";
import { summarizeRequirements } from "@/features/onboarding";
import { listDocumentRequirements } from "@/features/onboarding/server";
import { auditLog, bookings, documentTypes, notifications, outboxEvents, providerDocuments, providers, providerTypeDocumentRequirements, services } from "@/server/db/schema";
import { createProductJobHandlers } from "@/server/jobs/product-jobs";
import { failure, outcome } from "@/test/call-outcome";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createProvider, createProviderType, createUser } from "@/test/factories";
import { startNotificationVendors, TEST_APP_URL, type NotificationVendors } from "@/test/notification-vendors";
import { createBookingWorld, MONDAY_0800 } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp, type TestActor } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";
import { addDocument, createSubmittedProvider } from "./review-test-data";

let db: TestDatabase;
let vendors: NotificationVendors;
let notificationDeps: NotificationDeps;
let admin: { id: string; actor: TestActor };
let secondAdmin: { id: string; actor: TestActor };

/** A Monday in March; every call in this file reads a fixed clock. */
const NOW = new Date("2027-03-01T10:00:00Z");
const ADMIN_IP = "203.0.113.77";
const as = (actor: TestActor, now: Date = NOW, ip = ADMIN_IP) => callerFor(db.db, actor, () => now, { ip });

beforeAll(async () => {
  db = await createTestDatabase();
  vendors = await startNotificationVendors();
  notificationDeps = createProductJobHandlers(vendors.deps).notificationDeps(db.db);
  const adminUser = await createUser(db.db, { role: "ADMIN", name: "Ada Admin" });
  admin = { id: adminUser.id, actor: asUser({ id: adminUser.id, role: "ADMIN" }) };
  const other = await createUser(db.db, { role: "ADMIN", name: "Otto Admin" });
  secondAdmin = { id: other.id, actor: asUser({ id: other.id, role: "ADMIN" }) };
});

afterAll(async () => {
  await vendors?.close();
  await db?.drop();
});

beforeEach(() => vendors.sendgrid.reset());

/** Drains the outbox and sends every pending email, as the worker does. */
async function deliverEmails(now: Date) {
  await drainOutbox({ db: db.db, now });
  const pending = await db.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.status, "PENDING"), eq(notifications.channel, "EMAIL")));
  for (const row of pending) await sendNotification({ db: db.db, deps: notificationDeps, notificationId: row.id, now });
}

function emailsTo(address: string) {
  return vendors.sendgrid
    .snapshot()
    .messages.filter((message) => message.recipients.some((recipient) => recipient.email === address))
    .map((message) => ({ subject: message.personalizations[0]!.subject ?? "", text: message.personalizations[0]!.text ?? "", html: message.personalizations[0]!.html ?? "" }));
}

async function providerRow(id: string) {
  const [row] = await db.db.select().from(providers).where(eq(providers.id, id));
  return row!;
}

async function documentRow(id: string) {
  const [row] = await db.db.select().from(providerDocuments).where(eq(providerDocuments.id, id));
  return row!;
}

async function auditRows(subjectType: string, subjectId: string) {
  return db.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(asc(auditLog.id));
}

async function eventsOf(type: string, aggregateId: string) {
  return db.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.type, type), eq(outboxEvents.aggregateId, aggregateId)))
    .orderBy(asc(outboxEvents.id));
}

const approveAll = async (documents: Record<string, { id: string }>) => {
  for (const document of Object.values(documents)) await as(admin.actor).admin.providers.reviewDocument({ documentId: document.id, decision: "APPROVE" });
};

describe("who may use admin.providers", () => {
  const EXPECTED_PROCEDURES = ["decide", "get", "queue", "reviewDocument", "suspensionImpact"];

  it("covers every procedure of admin.providers", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("admin.providers."))
      .map((path) => path.slice("admin.providers.".length));
    expect(procedures.sort()).toEqual(EXPECTED_PROCEDURES);
  });

  it("refuses the signed-out (UNAUTHORIZED), a signed-in user and the provider themselves (FORBIDDEN), and changes nothing", async () => {
    const { provider, user, documents } = await createSubmittedProvider(db.db, { submittedAt: new Date("2027-02-20T10:00:00Z") });
    const documentId = documents["professional-licence"]!.id;
    const stranger = asUser({ id: (await createUser(db.db)).id });
    const calls = (actor: TestActor) => {
      const api = as(actor).admin.providers;
      return {
        queue: () => api.queue({}),
        get: () => api.get({ providerId: provider.id }),
        suspensionImpact: () => api.suspensionImpact({ providerId: provider.id }),
        reviewDocument: () => api.reviewDocument({ documentId, decision: "REJECT", reason: "Unreadable scan" }),
        decide: () => api.decide({ providerId: provider.id, decision: "REJECT", reason: "Not a real clinic" }),
      };
    };
    const who: Array<[string, TestActor, string]> = [
      ["anonymous", anonymous, "UNAUTHORIZED"],
      ["a signed-in user", stranger, "FORBIDDEN"],
      ["the provider", asUser({ id: user.id }), "FORBIDDEN"],
    ];
    for (const [name, actor, expected] of who) {
      const results: Record<string, string> = {};
      for (const [procedure, call] of Object.entries(calls(actor))) results[procedure] = await outcome(call());
      expect(results, name).toEqual(Object.fromEntries(EXPECTED_PROCEDURES.map((procedure) => [procedure, expected])));
    }
    expect(await providerRow(provider.id)).toMatchObject({ status: "PENDING", submittedAt: new Date("2027-02-20T10:00:00Z") });
    expect(await documentRow(documentId)).toMatchObject({ status: "SUBMITTED" });
    expect(await auditRows("provider", provider.id)).toEqual([]);

    const asAdmin = calls(admin.actor);
    for (const call of [asAdmin.queue, asAdmin.get, asAdmin.suspensionImpact, asAdmin.reviewDocument, asAdmin.decide]) expect(await outcome(call())).toBe("ok");
  });
});

describe("the review queue", () => {
  it("lists providers who sent their profile, oldest first, with their documents counted by state and their specialties", async () => {
    const psychologist = await createProviderType(db.db, "queue-psychologist", "Psychologist");
    const [cv] = await db.db
      .insert(documentTypes)
      .values({ key: "queue-cv", name: "Curriculum vitae", acceptedContentTypes: ["application/pdf"], maxBytes: 1_000_000, requiredForAll: false, sortOrder: 40 })
      .returning();
    await db.db.insert(providerTypeDocumentRequirements).values({ providerTypeId: psychologist.id, documentTypeId: cv!.id });

    const first = await createSubmittedProvider(db.db, {
      submittedAt: new Date("2027-01-01T09:00:00Z"),
      specialties: [{ slug: "queue-dermatology", name: "Dermatology" }, { slug: "queue-psychologist", name: "Psychologist" }],
      files: { "professional-licence": "APPROVED", "indemnity-insurance": "REJECTED", "identity-document": "SUBMITTED" },
    });
    const third = await createSubmittedProvider(db.db, { submittedAt: new Date("2027-01-03T09:00:00Z") });
    const second = await createSubmittedProvider(db.db, { submittedAt: new Date("2027-01-02T09:00:00Z"), files: { "professional-licence": "SUBMITTED" } });
    // A replaced file does not count, only the current one.
    await addDocument(db.db, third.provider.id, "identity-document", { status: "SUBMITTED" });
    const draft = await createSubmittedProvider(db.db, { submittedAt: null });
    const approved = await createProvider(db.db, { provider: { status: "APPROVED", submittedAt: new Date("2026-12-01T09:00:00Z") } });
    const rejected = await createProvider(db.db, { provider: { status: "REJECTED", submittedAt: new Date("2026-12-01T09:00:00Z") } });

    const everyone = await as(admin.actor).admin.providers.queue({ limit: 100 });
    const ids = everyone.items.map((item) => item.providerId);
    expect(ids).not.toContain(draft.provider.id);
    expect(ids).not.toContain(approved.provider.id);
    expect(ids).not.toContain(rejected.provider.id);
    const mine = everyone.items.filter((item) => [first, second, third].some((p) => p.provider.id === item.providerId));
    expect(mine.map((item) => item.providerId)).toEqual([first.provider.id, second.provider.id, third.provider.id]);
    expect(mine[0]).toEqual({
      providerId: first.provider.id,
      displayName: first.provider.displayName,
      submittedAt: new Date("2027-01-01T09:00:00Z"),
      specialties: ["Dermatology", "Psychologist"],
      documents: { total: 4, approved: 1, submitted: 1, rejected: 1, missing: 1 },
    });
    expect(mine[1]!.documents).toEqual({ total: 3, approved: 0, submitted: 1, rejected: 0, missing: 2 });
    expect(mine[2]!.documents).toEqual({ total: 3, approved: 0, submitted: 3, rejected: 0, missing: 0 });

    // The counts are the onboarding's own summary of the requirements.
    for (const item of mine) {
      const summary = summarizeRequirements(await listDocumentRequirements(db.db, item.providerId));
      expect(item.documents).toEqual({ total: summary.total, approved: summary.approved, submitted: summary.submitted, rejected: summary.rejected, missing: summary.missing.length });
    }

    // Pages of two add up to the whole queue, in the same order.
    const paged: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page: Awaited<ReturnType<ReturnType<typeof as>["admin"]["providers"]["queue"]>> = await as(admin.actor).admin.providers.queue({ offset, limit: 2 });
      expect(page.total).toBe(everyone.total);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((item) => item.providerId));
      offset = page.nextOffset;
    }
    expect(paged).toEqual(ids);
    expect(everyone.total).toBe(ids.length);
    expect(await as(admin.actor).admin.providers.queue({ offset: 1000 })).toEqual({ items: [], total: everyone.total, nextOffset: null });
    expect((await failure(as(admin.actor).admin.providers.queue({ limit: 101 }))).fieldErrors).toEqual({ limit: ["limit can be at most 100"] });
  });
});

describe("reviewing a provider's document", () => {
  it("approves the current file once, records who decided and when, with the admin's address in the audit trail", async () => {
    const { provider, documents } = await createSubmittedProvider(db.db, { submittedAt: new Date("2027-02-01T09:00:00Z") });
    const licence = documents["professional-licence"]!.id;
    const reviewed = await as(admin.actor).admin.providers.reviewDocument({ documentId: licence, decision: "APPROVE" });
    expect(reviewed).toEqual({ id: licence, providerId: provider.id, status: "APPROVED", providerSubmittedAt: new Date("2027-02-01T09:00:00Z") });
    expect(await documentRow(licence)).toMatchObject({ status: "APPROVED", reviewReason: null, reviewedByUserId: admin.id, reviewedAt: NOW });
    const [audit, ...more] = await auditRows("provider_document", licence);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({
      actorUserId: admin.id,
      action: "provider_document.approved",
      ipAddress: ADMIN_IP,
      details: { providerId: provider.id, documentTypeId: expect.any(String), from: "SUBMITTED", to: "APPROVED", returnedToProvider: false },
    });
    // Approving sends nothing: the provider hears when the profile is decided.
    expect(await eventsOf("provider.document_rejected", provider.id)).toEqual([]);

    const again = await failure(as(secondAdmin.actor).admin.providers.reviewDocument({ documentId: licence, decision: "REJECT", reason: "Second opinion" }));
    expect(again).toMatchObject({ appCode: "CONFLICT", message: "This file was already approved. A new decision needs a new file from the provider." });
  });

  it("a rejection needs a reason of 5 to 500 characters", async () => {
    const { documents } = await createSubmittedProvider(db.db, { submittedAt: NOW });
    const documentId = documents["indemnity-insurance"]!.id;
    for (const reason of [undefined, "", "   ", "bad"]) {
      const refused = await failure(as(admin.actor).admin.providers.reviewDocument({ documentId, decision: "REJECT", ...(reason === undefined ? {} : { reason }) }));
      expect(refused).toMatchObject({ appCode: "VALIDATION", fieldErrors: { reason: ["Give the provider a reason of at least 5 characters: they will read it in an email."] } });
    }
    const tooLong = await failure(as(admin.actor).admin.providers.reviewDocument({ documentId, decision: "REJECT", reason: "x".repeat(501) }));
    expect(tooLong.fieldErrors).toEqual({ reason: ["reason can be at most 500 characters"] });
    expect(await documentRow(documentId)).toMatchObject({ status: "SUBMITTED" });
  });

  it("a rejection sends the profile back to the provider and emails them the reason with a link to the onboarding page", async () => {
    const { provider, user, documents } = await createSubmittedProvider(db.db, { submittedAt: new Date("2027-02-01T09:00:00Z") });
    const documentId = documents["indemnity-insurance"]!.id;
    const reason = "The certificate ended in 2026; send the current one.";
    const reviewed = await as(admin.actor).admin.providers.reviewDocument({ documentId, decision: "REJECT", reason: `  ${reason}  ` });
    expect(reviewed).toEqual({ id: documentId, providerId: provider.id, status: "REJECTED", providerSubmittedAt: null });
    expect(await documentRow(documentId)).toMatchObject({ status: "REJECTED", reviewReason: reason, reviewedByUserId: admin.id, reviewedAt: NOW });
    expect((await providerRow(provider.id)).submittedAt).toBeNull();
    expect((await auditRows("provider_document", documentId))[0]).toMatchObject({ action: "provider_document.rejected", ipAddress: ADMIN_IP, details: { to: "REJECTED", returnedToProvider: true } });

    // The event carries ids only: the email reads the reason from the document when it is sent.
    const [event, ...others] = await eventsOf("provider.document_rejected", provider.id);
    expect(others).toEqual([]);
    expect(event!.payload).toEqual({ providerId: provider.id, documentId });
    expect(JSON.stringify(event!.payload)).not.toContain("certificate");

    await deliverEmails(NOW);
    const [email, ...moreEmails] = emailsTo(user.email);
    expect(moreEmails).toEqual([]);
    expect(email!.subject).toBe("Not accepted: Proof of professional indemnity insurance");
    expect(email!.text).toContain(`Your Proof of professional indemnity insurance was not accepted: ${reason}`);
    expect(email!.text).toContain("Upload a new file and send your profile for review again.");
    expect(email!.html).toContain(`href="${TEST_APP_URL}/provider/onboarding"`);
    const [notification] = await db.db.select().from(notifications).where(eq(notifications.outboxEventId, event!.id));
    expect(notification).toMatchObject({ purpose: "provider_review.document_rejected", recipient: "PROVIDER", recipientUserId: user.id, channel: "EMAIL", status: "SENT", deferrable: false });
    expect(JSON.stringify(notification!.params)).not.toContain("certificate");

    // The provider can no longer be approved until they send the profile again.
    const approve = await failure(as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "APPROVE" }));
    expect(approve.appCode).toBe("CONFLICT");
    expect(approve.message).toMatch(/^This provider has not sent the profile for review, or a document was rejected after they sent it\./);
  });

  it("does not send the rejection email when the provider has already replaced the file", async () => {
    const { provider, user, documents } = await createSubmittedProvider(db.db, { submittedAt: NOW });
    await as(admin.actor).admin.providers.reviewDocument({ documentId: documents["identity-document"]!.id, decision: "REJECT", reason: "The photo page is cut off" });
    await drainOutbox({ db: db.db, now: NOW });
    await addDocument(db.db, provider.id, "identity-document");
    await deliverEmails(NOW);
    expect(emailsTo(user.email)).toEqual([]);
    const [row] = await db.db.select().from(notifications).where(eq(notifications.recipientUserId, user.id));
    expect(row).toMatchObject({ purpose: "provider_review.document_rejected", status: "SKIPPED", skipReason: "the provider has already replaced the file" });

    // Replaced before the outbox was even read: no message at all.
    const later = await createSubmittedProvider(db.db, { submittedAt: NOW });
    await as(admin.actor).admin.providers.reviewDocument({ documentId: later.documents["identity-document"]!.id, decision: "REJECT", reason: "The photo page is cut off" });
    await addDocument(db.db, later.provider.id, "identity-document");
    await deliverEmails(NOW);
    expect(await db.db.select().from(notifications).where(eq(notifications.recipientUserId, later.user.id))).toEqual([]);
  });

  it("refuses a replaced file, a provider not waiting for verification, and an unknown id", async () => {
    const { provider, documents } = await createSubmittedProvider(db.db, { submittedAt: NOW });
    const old = documents["professional-licence"]!.id;
    await addDocument(db.db, provider.id, "professional-licence");
    expect(await failure(as(admin.actor).admin.providers.reviewDocument({ documentId: old, decision: "APPROVE" }))).toMatchObject({
      appCode: "CONFLICT",
      message: "The provider has replaced this file with a newer one since. Review the current file instead.",
    });
    await db.db.update(providers).set({ status: "APPROVED" }).where(eq(providers.id, provider.id));
    expect(await failure(as(admin.actor).admin.providers.reviewDocument({ documentId: documents["identity-document"]!.id, decision: "APPROVE" }))).toMatchObject({
      appCode: "CONFLICT",
      message: "This provider is approved: documents are reviewed only while a profile waits for verification.",
    });
    expect((await failure(as(admin.actor).admin.providers.reviewDocument({ documentId: crypto.randomUUID(), decision: "APPROVE" }))).appCode).toBe("NOT_FOUND");
    expect((await failure(as(admin.actor).admin.providers.reviewDocument({ documentId: "not-an-id", decision: "APPROVE" }))).fieldErrors).toEqual({
      documentId: ["documentId must be a document id"],
    });
  });
});

describe("deciding on a provider", () => {
  it("approves only a profile sent for review whose required documents are all approved, saying how many wait", async () => {
    const { provider, user, documents } = await createSubmittedProvider(db.db, { submittedAt: new Date("2027-02-01T09:00:00Z") });
    await as(admin.actor).admin.providers.reviewDocument({ documentId: documents["professional-licence"]!.id, decision: "APPROVE" });
    const early = await failure(as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "APPROVE" }));
    expect(early).toMatchObject({
      appCode: "CONFLICT",
      message: "2 of the 3 required documents are not approved yet (2 to review, 0 rejected, 0 missing). Approve each document before the profile.",
      details: { waitingDocuments: 2 },
    });
    await approveAll({ insurance: documents["indemnity-insurance"]!, identity: documents["identity-document"]! });
    const decided = await as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "APPROVE", reason: "not kept" });
    expect(decided).toEqual({ providerId: provider.id, status: "APPROVED", statusReason: null, statusChangedAt: NOW, cancelledBookings: 0, releasedHolds: 0 });
    expect(await providerRow(provider.id)).toMatchObject({ status: "APPROVED", statusReason: null, statusChangedAt: NOW });
    const [audit] = await auditRows("provider", provider.id);
    expect(audit).toMatchObject({ action: "provider.approved", actorUserId: admin.id, ipAddress: ADMIN_IP, details: { from: "PENDING", to: "APPROVED" } });
    const [event] = await eventsOf("provider.status_changed", provider.id);
    expect(event!.payload).toEqual({ providerId: provider.id, decision: "APPROVE", status: "APPROVED", statusChangedAt: NOW.toISOString() });

    await deliverEmails(NOW);
    const [email, ...more] = emailsTo(user.email);
    expect(more).toEqual([]);
    expect(email!.subject).toBe("Your profile is live on MedBookings");
    expect(email!.text).toContain("patients can now find you in search and book the times you offer");
    expect(email!.html).toContain(`href="${TEST_APP_URL}/provider"`);

    // The profile and its decision history, newest first, with who decided.
    const profile = await as(admin.actor).admin.providers.get({ providerId: provider.id });
    expect(profile).toMatchObject({
      id: provider.id,
      displayName: provider.displayName,
      email: user.email,
      registrationNumber: "GMC-1234567",
      languages: ["en"],
      services: [expect.objectContaining({ name: "First consultation", durationMinutes: 45 })],
      status: "APPROVED",
      submittedAt: new Date("2027-02-01T09:00:00Z"),
    });
    expect(profile.history.map((entry) => [entry.action, entry.documentTypeName, entry.to, entry.actorName])).toEqual([
      ["provider.approved", null, "APPROVED", "Ada Admin"],
      ["provider_document.approved", "Identity document", "APPROVED", "Ada Admin"],
      ["provider_document.approved", "Proof of professional indemnity insurance", "APPROVED", "Ada Admin"],
      ["provider_document.approved", "Professional licence", "APPROVED", "Ada Admin"],
    ]);
  });

  it("counts a missing or rejected requirement as waiting", async () => {
    const { provider, documents } = await createSubmittedProvider(db.db, {
      submittedAt: NOW,
      files: { "professional-licence": "APPROVED", "indemnity-insurance": "APPROVED" },
    });
    expect(Object.keys(documents)).toHaveLength(2);
    const refused = await failure(as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "APPROVE" }));
    expect(refused.message).toBe("1 of the 3 required documents is not approved yet (0 to review, 0 rejected, 1 missing). Approve each document before the profile.");
  });

  it("rejects a waiting profile with a reason, for good; decisions in the wrong state are CONFLICT and change nothing", async () => {
    const { provider, user } = await createSubmittedProvider(db.db, { submittedAt: NOW });
    const refused = await failure(as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "REJECT" }));
    expect(refused).toMatchObject({ appCode: "VALIDATION", fieldErrors: { reason: ["Give the provider a reason of at least 5 characters: they will read it in an email."] } });
    expect(await outcome(as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "SUSPEND", reason: "Complaints received" }))).toBe("CONFLICT");
    expect(await outcome(as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "REINSTATE" }))).toBe("CONFLICT");

    const rejected = await as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "REJECT", reason: "We could not verify the registration number." });
    expect(rejected).toMatchObject({ status: "REJECTED", statusReason: "We could not verify the registration number." });
    const wrong = {
      APPROVE: "This provider is rejected, so there is nothing to approve. A rejection is final.",
      REJECT: "Only a profile waiting for verification can be rejected; this provider is rejected.",
      SUSPEND: "Only an approved provider can be suspended; this provider is rejected.",
      REINSTATE: "Only a suspended provider can be reinstated; this provider is rejected.",
    } as const;
    for (const [decision, message] of Object.entries(wrong)) {
      const attempt = await failure(as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: decision as keyof typeof wrong, reason: "Another try" }));
      expect(attempt, decision).toMatchObject({ appCode: "CONFLICT", message });
    }
    expect(await providerRow(provider.id)).toMatchObject({ status: "REJECTED", statusReason: "We could not verify the registration number." });
    expect((await auditRows("provider", provider.id)).map((row) => row.action)).toEqual(["provider.rejected"]);

    await deliverEmails(NOW);
    const [email] = emailsTo(user.email);
    expect(email!.subject).toBe("Your provider profile was not approved");
    expect(email!.text).toContain("We could not verify the registration number.");

    const approvedProvider = (await createProvider(db.db)).provider;
    expect(await failure(as(admin.actor).admin.providers.decide({ providerId: approvedProvider.id, decision: "REJECT", reason: "Too late" }))).toMatchObject({
      appCode: "CONFLICT",
      message: "Only a profile waiting for verification can be rejected; this provider is approved. Suspend them instead.",
    });
    expect((await failure(as(admin.actor).admin.providers.decide({ providerId: crypto.randomUUID(), decision: "APPROVE" }))).appCode).toBe("NOT_FOUND");
    expect((await failure(as(admin.actor).admin.providers.get({ providerId: crypto.randomUUID() }))).appCode).toBe("NOT_FOUND");
  });
});

describe("suspension", () => {
  it("cancels the provider's future bookings as SYSTEM, tells the patients, releases holds and takes the provider out of search; started bookings stay", async () => {
    const world = await createBookingWorld(db.db);
    const name = world.provider.displayName;
    await db.db.update(services).set({ requiresApproval: true }).where(eq(services.id, world.services.hour.id));
    const publicAt = (now: Date) => callerFor(db.db, anonymous, () => now, { ip: nextClientIp() });
    const book = async (serviceId: string, startsAt: Date, email: string, now: Date) => {
      const caller = publicAt(now);
      const hold = await caller.bookings.hold({ providerId: world.provider.id, serviceId, startsAt, mode: "IN_PERSON", locationId: world.location.id });
      const guest = { name: `Guest ${email}`, email, phone: "+447700900123" };
      await verifyGuestContact(caller, db.db, hold, guest);
      return caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: true, patientTimeZone: "Europe/London" });
    };
    const started = await book(world.services.short.id, new Date("2027-03-01T09:00:00Z"), "started@example.test", MONDAY_0800);
    const confirmed = await book(world.services.short.id, new Date("2027-03-02T09:00:00Z"), "confirmed@example.test", MONDAY_0800);
    const pending = await book(world.services.hour.id, new Date("2027-03-02T10:00:00Z"), "pending@example.test", MONDAY_0800);
    expect([started.status, confirmed.status, pending.status]).toEqual(["CONFIRMED", "CONFIRMED", "PENDING"]);
    const SUSPENDED_AT = new Date("2027-03-01T09:05:00Z");
    const holder = publicAt(new Date("2027-03-01T09:00:00Z"));
    const hold = await holder.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date("2027-03-03T09:00:00Z"), mode: "IN_PERSON", locationId: world.location.id });
    const [elsewhere] = await db.db
      .insert(bookings)
      .values({
        providerId: world.otherProvider.id,
        serviceId: (await db.db.select().from(services).where(eq(services.providerId, world.otherProvider.id)))[0]!.id,
        mode: "ONLINE",
        status: "CONFIRMED",
        startsAt: new Date("2027-03-02T09:00:00Z"),
        endsAt: new Date("2027-03-02T09:30:00Z"),
        blockedStartsAt: new Date("2027-03-02T09:00:00Z"),
        blockedEndsAt: new Date("2027-03-02T09:30:00Z"),
        guestName: "Someone Else",
        guestEmail: "elsewhere@example.test",
      })
      .returning();
    // The bookings' own messages go out first; what follows is the suspension's.
    await deliverEmails(new Date("2027-03-01T09:00:00Z"));
    vendors.sendgrid.reset();
    const inSearch = async (now: Date) => (await publicAt(now).search.providers({ q: name })).items.some((item) => item.provider.id === world.provider.id);
    const inDirectory = async (now: Date) => (await publicAt(now).providers.list({ query: name })).items.some((item) => item.id === world.provider.id);
    expect(await inSearch(SUSPENDED_AT)).toBe(true);
    expect(await inDirectory(SUSPENDED_AT)).toBe(true);

    expect(await as(admin.actor, SUSPENDED_AT).admin.providers.suspensionImpact({ providerId: world.provider.id })).toEqual({
      providerId: world.provider.id,
      status: "APPROVED",
      futureBookings: 2,
    });
    const decided = await as(admin.actor, SUSPENDED_AT).admin.providers.decide({ providerId: world.provider.id, decision: "SUSPEND", reason: "Registration lapsed with the council." });
    expect(decided).toEqual({
      providerId: world.provider.id,
      status: "SUSPENDED",
      statusReason: "Registration lapsed with the council.",
      statusChangedAt: SUSPENDED_AT,
      cancelledBookings: 2,
      releasedHolds: 1,
    });

    const rows = new Map(
      (await db.db.select().from(bookings).where(inArray(bookings.id, [started.id, confirmed.id, pending.id, hold.holdId, elsewhere!.id]))).map((row) => [row.id, row]),
    );
    expect(rows.get(started.id)).toMatchObject({ status: "CONFIRMED", cancelledAt: null });
    for (const id of [confirmed.id, pending.id]) {
      expect(rows.get(id)).toMatchObject({ status: "CANCELLED", cancelledBy: "SYSTEM", cancellationReason: PROVIDER_GONE_REASON, cancelledAt: SUSPENDED_AT });
    }
    expect(rows.get(hold.holdId)).toMatchObject({ status: "EXPIRED", cancelledBy: "SYSTEM", cancelledAt: SUSPENDED_AT, holdClientKey: null });
    expect(rows.get(elsewhere!.id)).toMatchObject({ status: "CONFIRMED" });

    // One audit row for the decision (ids and states only), and one per cancelled booking.
    const [audit] = await auditRows("provider", world.provider.id);
    expect(audit).toMatchObject({
      action: "provider.suspended",
      actorUserId: admin.id,
      ipAddress: ADMIN_IP,
      details: { from: "APPROVED", to: "SUSPENDED", cancelledBookings: 2, releasedHolds: 1 },
    });
    expect(JSON.stringify(audit!.details)).not.toContain("Registration");
    for (const id of [confirmed.id, pending.id]) {
      const cancellations = (await auditRows("booking", id)).filter((row) => row.action === "booking.cancelled");
      expect(cancellations).toEqual([expect.objectContaining({ actorUserId: admin.id, details: expect.objectContaining({ to: "CANCELLED", actorRole: "SYSTEM" }) })]);
      const [event] = await eventsOf("booking.cancelled", id);
      expect(event!.payload).toMatchObject({ actorRole: "SYSTEM", status: "CANCELLED", hasReason: true });
    }
    const [statusEvent] = await eventsOf("provider.status_changed", world.provider.id);
    expect(Object.keys(statusEvent!.payload).sort()).toEqual(["decision", "providerId", "status", "statusChangedAt"]);

    // The patients are told through the usual cancellation; the provider is told of the suspension.
    await deliverEmails(SUSPENDED_AT);
    for (const address of ["confirmed@example.test", "pending@example.test"]) {
      const [email, ...more] = emailsTo(address);
      expect(more, address).toEqual([]);
      expect(email!.subject).toMatch(/^Cancelled: /);
      expect(email!.text).toContain("it was cancelled automatically");
      expect(email!.text).toContain(PROVIDER_GONE_REASON);
    }
    expect(emailsTo("started@example.test")).toEqual([]);
    expect(emailsTo("elsewhere@example.test")).toEqual([]);
    const patientNotices = await db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.purpose, "booking.cancelled"), inArray(notifications.bookingId, [confirmed.id, pending.id])));
    expect(patientNotices.map((row) => row.recipient)).toEqual(["PATIENT", "PATIENT"]);
    const suspendedEmail = emailsTo(world.providerUser.email).find((email) => email.subject === "Your provider profile on MedBookings is suspended");
    expect(suspendedEmail!.text).toContain("Registration lapsed with the council.");

    // Gone from the public surfaces, and nothing new can be booked or confirmed.
    expect(await inSearch(SUSPENDED_AT)).toBe(false);
    expect(await inDirectory(SUSPENDED_AT)).toBe(false);
    expect((await failure(publicAt(SUSPENDED_AT).providers.bySlug({ slug: world.provider.slug }))).appCode).toBe("NOT_FOUND");
    const revived = await failure(
      holder.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: { name: "Late Guest", email: "late@example.test", phone: "+447700900124" }, consent: true, patientTimeZone: "Europe/London" }),
    );
    expect(revived).toMatchObject({ appCode: "NOT_FOUND", message: "This reservation was released because the provider is no longer taking bookings on MedBookings. Please choose another provider." });
    expect(
      await outcome(publicAt(SUSPENDED_AT).bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date("2027-03-04T09:00:00Z"), mode: "IN_PERSON", locationId: world.location.id })),
    ).toBe("NOT_FOUND");
    expect(await as(admin.actor, SUSPENDED_AT).admin.providers.suspensionImpact({ providerId: world.provider.id })).toMatchObject({ status: "SUSPENDED", futureBookings: 0 });

    // Reinstating makes the provider bookable again; what was cancelled stays cancelled.
    const REINSTATED_AT = new Date("2027-03-01T09:30:00Z");
    vendors.sendgrid.reset();
    const reinstated = await as(secondAdmin.actor, REINSTATED_AT).admin.providers.decide({ providerId: world.provider.id, decision: "REINSTATE" });
    expect(reinstated).toMatchObject({ status: "APPROVED", statusReason: null, cancelledBookings: 0 });
    expect((await db.db.select().from(bookings).where(inArray(bookings.id, [confirmed.id, pending.id]))).map((row) => row.status)).toEqual(["CANCELLED", "CANCELLED"]);
    expect(await inSearch(REINSTATED_AT)).toBe(true);
    expect(await outcome(publicAt(REINSTATED_AT).providers.bySlug({ slug: world.provider.slug }))).toBe("ok");
    await deliverEmails(REINSTATED_AT);
    expect(emailsTo(world.providerUser.email).map((email) => email.subject)).toEqual(["Your profile is live on MedBookings again"]);
    expect((await auditRows("provider", world.provider.id)).map((row) => [row.action, row.actorUserId])).toEqual([
      ["provider.suspended", admin.id],
      ["provider.reinstated", secondAdmin.id],
    ]);
  });

  it("tells the provider only the decision that still stands when the email goes out", async () => {
    const { provider, user } = await createProvider(db.db);
    await as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "SUSPEND", reason: "Complaint under review" });
    await drainOutbox({ db: db.db, now: NOW });
    await as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "REINSTATE" });
    await deliverEmails(NOW);
    expect(emailsTo(user.email).map((email) => email.subject)).toEqual(["Your profile is live on MedBookings again"]);
    const skipped = await db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientUserId, user.id), eq(notifications.purpose, "provider_review.suspended")));
    expect(skipped).toEqual([expect.objectContaining({ status: "SKIPPED", skipReason: "a newer decision was made: the provider is now approved" })]);
  });

  it("of two admins deciding at once, one wins and the other is refused (the provider is locked)", async () => {
    const { provider } = await createProvider(db.db);
    // Another transaction holds the provider's row while both decisions arrive: without the
    // lock, both would read APPROVED and both would suspend.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT id FROM providers WHERE id = $1 FOR UPDATE", [provider.id]);
      const decisions = [
        outcome(as(admin.actor).admin.providers.decide({ providerId: provider.id, decision: "SUSPEND", reason: "First admin's reason" })),
        outcome(as(secondAdmin.actor).admin.providers.decide({ providerId: provider.id, decision: "SUSPEND", reason: "Second admin's reason" })),
      ];
      const settled = Promise.all(decisions);
      for (let polls = 0; polls < 2000; polls++) {
        const { rows } = await other.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0]!.n >= 2) break;
        if ((await Promise.race([settled, Promise.resolve("waiting")])) !== "waiting") break;
      }
      await other.query("COMMIT");
      expect((await settled).sort()).toEqual(["CONFLICT", "ok"]);
    } finally {
      await other.end();
    }
    expect((await auditRows("provider", provider.id)).map((row) => row.action)).toEqual(["provider.suspended"]);
    expect(await eventsOf("provider.status_changed", provider.id)).toHaveLength(1);
    expect((await providerRow(provider.id)).status).toBe("SUSPENDED");
  });
});
