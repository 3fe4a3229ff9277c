import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_VERSIONS } from "@/server/consent/consent-versions";
import {
  auditLog,
  bookings,
  consentRecords,
  documentTypes,
  providerDocuments,
  providerTypeDocumentRequirements,
  providers,
  services,
} from "@/server/db/schema";
import { failure, outcome } from "@/test/call-outcome";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createPatient, createProvider, createProviderType, createUser, createWeeklyRules, standardWeek } from "@/test/factories";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";

let db: TestDatabase;
const NOW = new Date("2027-01-11T09:00:00Z");
const clock = (at: Date) => () => at;
const CLIENT = { ip: "203.0.113.77", headers: { "user-agent": "onboarding-test" } };

const as = (actor: TestActor, now = NOW) => callerFor(db.db, actor, clock(now), CLIENT);

const SERVICE = {
  name: "Paediatric consultation",
  description: "",
  durationMinutes: 30,
  priceMinor: 9_000,
  currency: "GBP",
  isOnline: true,
  isInPerson: false,
};

const PROFILE = {
  displayName: "Dr. Amara Okafor",
  bio: "Paediatrician for newborn checks, growth and development.",
  timeZone: "Europe/London",
  registrationNumber: "GMC 7654321",
};

/** The pediatrics-only document the demo seed also adds (required for pediatrics only). */
let criminalRecordCheckId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await createProviderType(db.db, "general-practice", "General practice");
  const pediatrics = await createProviderType(db.db, "pediatrics", "Pediatrics");
  const [type] = await db.db
    .insert(documentTypes)
    .values({
      key: "enhanced-criminal-record-check",
      name: "Enhanced criminal record check",
      acceptedContentTypes: ["application/pdf"],
      maxBytes: 5_242_880,
      sortOrder: 40,
    })
    .returning();
  criminalRecordCheckId = type!.id;
  await db.db.insert(providerTypeDocumentRequirements).values({ providerTypeId: pediatrics.id, documentTypeId: type!.id });
});
afterAll(() => db.drop());

async function newUser(name: string | null = "Dr. Amara Okafor") {
  const user = await createUser(db.db, { name });
  return { user, actor: asUser({ id: user.id, name }) };
}

/** Uploads stand-ins: one current row per document type, as the upload route would leave them. */
async function insertDocuments(providerId: string, typeIds: string[], createdAt: Date, status: "SUBMITTED" | "APPROVED" = "SUBMITTED") {
  return db.db
    .insert(providerDocuments)
    .values(
      typeIds.map((documentTypeId) => ({
        providerId,
        documentTypeId,
        blobPathname: `provider-documents/${providerId}/${randomUUID()}`,
        fileName: "document.pdf",
        contentType: "application/pdf",
        sizeBytes: 12_345,
        sha256: "0".repeat(64),
        status,
        createdAt,
      })),
    )
    .returning({ id: providerDocuments.id, documentTypeId: providerDocuments.documentTypeId });
}

async function auditActions(providerId: string) {
  const rows = await db.db
    .select({ action: auditLog.action, ipAddress: auditLog.ipAddress, userAgent: auditLog.userAgent, details: auditLog.details, subjectId: auditLog.subjectId })
    .from(auditLog)
    .orderBy(asc(auditLog.id));
  return rows.filter((row) => row.subjectId === providerId || (row.details as { providerId?: string }).providerId === providerId);
}

/** A PENDING draft with everything but documents, ready to be given them. */
async function draftWithEverything(name = "Dr. Ready Draft") {
  const { user, actor } = await newUser(name);
  const started = await as(actor).onboarding.start({ timeZone: "Europe/London" });
  await as(actor).onboarding.saveProfile({ ...PROFILE, displayName: name });
  await as(actor).onboarding.saveSpecialties({ specialties: ["general-practice"], languages: ["en"] });
  await as(actor).onboarding.saveService({ serviceId: null, service: SERVICE });
  return { user, actor, providerId: started.providerId, slug: started.slug };
}

const GENERAL_TYPE_KEYS = ["professional-licence", "indemnity-insurance", "identity-document"];

async function typeIdsByKey(keys: string[]) {
  const rows = await db.db.select({ id: documentTypes.id, key: documentTypes.key }).from(documentTypes);
  return keys.map((key) => rows.find((row) => row.key === key)!.id);
}

describe("onboarding: the happy path from start to review, and sending again after a rejected document", () => {
  it("starts, saves each step, submits with the provider terms, stays unpublished, and resubmits after a replacement", async () => {
    const { user, actor } = await newUser("Dr. Amara Okafor");
    const me = as(actor);

    const before = await me.onboarding.status();
    expect(before).toMatchObject({ state: "NOT_STARTED", profile: null, suggestedDisplayName: "Dr. Amara Okafor", canEdit: false, canSubmit: false });

    const started = await me.onboarding.start({ timeZone: "europe/london" });
    expect(started.slug).toBe("amara-okafor");
    const [row] = await db.db.select().from(providers).where(eq(providers.id, started.providerId));
    expect(row).toMatchObject({ userId: user.id, status: "PENDING", submittedAt: null, displayName: "Dr. Amara Okafor", timeZone: "Europe/London" });

    const draft = await me.onboarding.status();
    expect(draft.state).toBe("DRAFT");
    expect(draft.steps).toEqual({ profile: false, specialties: false, services: false, documents: false });
    expect(draft.canEdit).toBe(true);
    expect(draft.canSubmit).toBe(false);
    expect(Object.keys(draft.missing).sort()).toEqual(
      ["documents.identity-document", "documents.indemnity-insurance", "documents.professional-licence", "languages", "registrationNumber", "services", "specialties"].sort(),
    );

    const afterProfile = await me.onboarding.saveProfile({ ...PROFILE, registrationNumber: "  GMC 7654321 " });
    expect(afterProfile.profile).toMatchObject({ registrationNumber: "GMC 7654321", bio: PROFILE.bio });
    expect(afterProfile.steps.profile).toBe(true);

    const afterSpecialties = await me.onboarding.saveSpecialties({ specialties: ["pediatrics"], languages: ["en", "fr", "en"] });
    expect(afterSpecialties.profile!.specialties).toEqual([{ slug: "pediatrics", name: "Pediatrics" }]);
    expect(afterSpecialties.profile!.languages).toEqual(["en", "fr"]);
    expect(afterSpecialties.steps.specialties).toBe(true);
    // Pediatrics adds its own requirement to the three every provider sends.
    expect(afterSpecialties.documents!.total).toBe(4);
    expect(afterSpecialties.missing["documents.enhanced-criminal-record-check"]).toBeDefined();

    const service = await me.onboarding.saveService({ serviceId: null, service: SERVICE });
    expect(service).toMatchObject({ name: SERVICE.name, isActive: true });
    await expect(me.providers.myServices()).resolves.toHaveLength(1);

    const uploaded = await insertDocuments(started.providerId, [...(await typeIdsByKey(GENERAL_TYPE_KEYS)), criminalRecordCheckId], new Date(NOW.getTime() - 3_600_000));
    const ready = await me.onboarding.status();
    expect(ready.steps).toEqual({ profile: true, specialties: true, services: true, documents: true });
    expect(ready.missing).toEqual({});
    expect(ready.canSubmit).toBe(true);

    const submitted = await me.onboarding.submit({ acceptProviderTerms: true });
    expect(submitted.state).toBe("IN_REVIEW");
    expect(submitted.profile!.submittedAt).toEqual(NOW);
    expect(submitted.canEdit).toBe(false);
    expect(submitted.canSubmit).toBe(false);

    const consents = await db.db.select().from(consentRecords).where(eq(consentRecords.userId, user.id));
    expect(consents).toEqual([
      expect.objectContaining({ subject: "PROVIDER_TERMS", version: CONSENT_VERSIONS.PROVIDER_TERMS, granted: true, source: "onboarding", ipAddress: CLIENT.ip }),
    ]);

    // Unpublished until an admin approves it, even with opening hours.
    await createWeeklyRules(db.db, started.providerId, standardWeek(null));
    expect((await failure(as(anonymous).providers.bySlug({ slug: started.slug }))).appCode).toBe("NOT_FOUND");
    expect((await as(anonymous).search.providers({ q: "Amara Okafor" })).items).toEqual([]);
    expect((await as(anonymous).providers.list({ query: "Amara Okafor" })).items).toEqual([]);

    // While it waits, the wizard is read-only and it cannot be sent twice.
    const locked = await failure(me.onboarding.saveProfile(PROFILE));
    expect(locked).toMatchObject({ appCode: "PRECONDITION_FAILED", message: "Your profile is with our team for review; you can change it if they send it back." });
    expect((await failure(me.onboarding.saveService({ serviceId: null, service: SERVICE }))).appCode).toBe("PRECONDITION_FAILED");
    expect((await failure(me.onboarding.submit({ acceptProviderTerms: true }))).appCode).toBe("PRECONDITION_FAILED");

    // The team rejects the check, which sends the profile back (submitted_at cleared).
    const licence = uploaded.find((doc) => doc.documentTypeId === criminalRecordCheckId)!;
    const admin = await createUser(db.db, { role: "ADMIN" });
    await as(asUser({ id: admin.id, role: "ADMIN" }), new Date(NOW.getTime() + 3_600_000)).admin.providers.reviewDocument({
      documentId: licence.id,
      decision: "REJECT",
      reason: "The certificate is older than three years.",
    });
    const sentBack = await me.onboarding.status();
    expect(sentBack.state).toBe("CHANGES_REQUESTED");
    expect(sentBack.sentBefore).toBe(true);
    expect(sentBack.rejectedDocuments).toEqual([
      { documentTypeKey: "enhanced-criminal-record-check", name: "Enhanced criminal record check", reason: "The certificate is older than three years." },
    ]);
    expect(sentBack.canEdit).toBe(true);
    expect(sentBack.canSubmit).toBe(false);
    const notYet = await failure(me.onboarding.submit({ acceptProviderTerms: true }));
    expect(notYet.appCode).toBe("PRECONDITION_FAILED");
    expect(Object.keys(notYet.fieldErrors)).toEqual(["documents.enhanced-criminal-record-check"]);

    // A replacement arrives (the upload route supersedes the old row).
    const replacedAt = new Date(NOW.getTime() + 86_400_000);
    await db.db.update(providerDocuments).set({ supersededAt: replacedAt }).where(eq(providerDocuments.id, licence.id));
    await insertDocuments(started.providerId, [criminalRecordCheckId], replacedAt);
    const resend = await me.onboarding.status();
    expect(resend.state).toBe("READY_TO_RESEND");
    expect(resend.canSubmit).toBe(true);
    expect(resend.profile!.submittedAt).toBeNull();

    const LATER = new Date(NOW.getTime() + 2 * 86_400_000);
    const again = await as(actor, LATER).onboarding.submit({ acceptProviderTerms: true });
    expect(again.state).toBe("IN_REVIEW");
    expect(again.profile!.submittedAt).toEqual(LATER);
    expect(await db.db.select().from(consentRecords).where(eq(consentRecords.userId, user.id))).toHaveLength(2);

    const audit = await auditActions(started.providerId);
    expect(audit.map((entry) => entry.action)).toEqual([
      "provider.onboarding_started",
      "provider.onboarding_profile_saved",
      "provider.onboarding_specialties_saved",
      "service.created",
      "provider.submitted_for_review",
      "provider_document.rejected",
      "provider.submitted_for_review",
    ]);
    expect(audit.every((entry) => entry.ipAddress === CLIENT.ip && entry.userAgent === "onboarding-test")).toBe(true);
    expect(audit.at(-3)!.details).toMatchObject({ resubmission: false, providerTermsVersion: CONSENT_VERSIONS.PROVIDER_TERMS });
    expect(audit.at(-1)!.details).toMatchObject({ resubmission: true });
    // Details hold ids and states only.
    expect(JSON.stringify(audit.map((entry) => entry.details))).not.toMatch(/Amara|GMC|Paediatrician/);

    // Once approved, the same profile is public: the unpublished checks above could fail.
    await db.db.update(providers).set({ status: "APPROVED" }).where(eq(providers.id, started.providerId));
    await expect(as(anonymous).providers.bySlug({ slug: started.slug })).resolves.toMatchObject({ displayName: "Dr. Amara Okafor" });
    expect((await as(anonymous).providers.list({ query: "Amara Okafor" })).items).toHaveLength(1);
    expect((await as(anonymous).search.providers({ q: "Amara Okafor" })).items).toHaveLength(1);
  });
});

describe("onboarding.start", () => {
  it("refuses a second start with CONFLICT pointing to the onboarding page", async () => {
    const { actor } = await newUser("Dr. Twice Started");
    await as(actor).onboarding.start({ timeZone: "Asia/Kolkata" });
    const again = await failure(as(actor).onboarding.start({ timeZone: "Asia/Kolkata" }));
    expect(again.appCode).toBe("CONFLICT");
    expect(again.message).toContain("/provider/onboarding");
  });

  it("gives a taken name the next free slug", async () => {
    const first = await as((await newUser("Dr. Same Name")).actor).onboarding.start({ timeZone: "Europe/Paris" });
    const second = await as((await newUser("Same Name")).actor).onboarding.start({ timeZone: "Europe/Paris" });
    const third = await as((await newUser("Someone Else")).actor).onboarding.start({ displayName: "Prof. Same Name", timeZone: "Europe/Paris" });
    expect([first.slug, second.slug, third.slug]).toEqual(["same-name", "same-name-2", "same-name-3"]);
  });

  it("refuses a zone that is not an IANA name, and a missing name", async () => {
    const { actor } = await newUser(null);
    for (const timeZone of ["EST", "Mars/Olympus_Mons", ""]) {
      const refused = await failure(as(actor).onboarding.start({ displayName: "Dr. Zone", timeZone }));
      expect(refused.appCode).toBe("VALIDATION");
      expect(refused.fieldErrors.timeZone).toEqual(["Choose an IANA time zone such as Europe/London or Asia/Kolkata."]);
    }
    const nameless = await failure(as(actor).onboarding.start({ timeZone: "UTC" }));
    expect(nameless).toMatchObject({ appCode: "VALIDATION", fieldErrors: { displayName: [expect.stringContaining("name patients will see")] } });
    expect(await db.db.select().from(providers).where(eq(providers.displayName, "Dr. Zone"))).toEqual([]);
  });
});

describe("onboarding steps refuse bad input with field errors", () => {
  it("checks the registration number, specialties and languages", async () => {
    const { actor } = await newUser("Dr. Field Errors");
    await as(actor).onboarding.start({ timeZone: "Europe/London" });
    for (const registrationNumber of ["AB", "GMC#123", "x".repeat(41), "-123"]) {
      const refused = await failure(as(actor).onboarding.saveProfile({ ...PROFILE, registrationNumber }));
      expect(refused.appCode).toBe("VALIDATION");
      expect(Object.keys(refused.fieldErrors)).toEqual(["registrationNumber"]);
    }
    await expect(as(actor).onboarding.saveProfile({ ...PROFILE, registrationNumber: "MCI-12.345" })).resolves.toMatchObject({
      profile: { registrationNumber: "MCI-12.345" },
    });
    expect((await failure(as(actor).onboarding.saveProfile({ ...PROFILE, timeZone: "PST" }))).fieldErrors.timeZone).toBeDefined();

    const unknown = await failure(as(actor).onboarding.saveSpecialties({ specialties: ["astrology"], languages: ["en"] }));
    expect(unknown.appCode).toBe("VALIDATION");
    expect(unknown.fieldErrors.specialties).toEqual(["One of the chosen specialties is not one we list. Choose from the list."]);
    expect(JSON.stringify(unknown)).not.toContain("astrology");
    expect((await failure(as(actor).onboarding.saveSpecialties({ specialties: [], languages: ["en"] }))).fieldErrors.specialties).toEqual([
      "Choose at least one specialty.",
    ]);
    expect((await failure(as(actor).onboarding.saveSpecialties({ specialties: ["pediatrics"], languages: ["xx"] }))).fieldErrors["languages.0"]).toEqual([
      "Choose languages from the list.",
    ]);
    expect((await failure(as(actor).onboarding.saveService({ serviceId: null, service: { ...SERVICE, durationMinutes: 2 } }))).fieldErrors).toHaveProperty(
      ["service.durationMinutes"],
    );
  });
});

describe("onboarding.submit refusals", () => {
  it("names every missing step, and every missing document by key", async () => {
    const { actor } = await newUser("Dr. Not Ready");
    await as(actor).onboarding.start({ timeZone: "Europe/London" });
    const early = await failure(as(actor).onboarding.submit({ acceptProviderTerms: true }));
    expect(early.appCode).toBe("PRECONDITION_FAILED");
    expect(Object.keys(early.fieldErrors)).toEqual(
      expect.arrayContaining(["registrationNumber", "specialties", "languages", "services", "documents.professional-licence", "documents.indemnity-insurance", "documents.identity-document"]),
    );
  });

  it("refuses while documents are missing, and without the provider terms", async () => {
    const { providerId, actor } = await draftWithEverything("Dr. Missing Papers");
    await insertDocuments(providerId, await typeIdsByKey(["professional-licence"]), new Date(NOW.getTime() - 60_000));
    const refused = await failure(as(actor).onboarding.submit({ acceptProviderTerms: true }));
    expect(refused.fieldErrors).toEqual({
      "documents.indemnity-insurance": ["Upload your proof of professional indemnity insurance (Documents step)."],
      "documents.identity-document": ["Upload your identity document (Documents step)."],
    });
    const noTerms = await failure(as(actor).onboarding.submit({ acceptProviderTerms: false as true }));
    expect(noTerms).toMatchObject({ appCode: "VALIDATION", fieldErrors: { acceptProviderTerms: ["Accept the provider terms to send your profile for review."] } });
    const [row] = await db.db.select({ submittedAt: providers.submittedAt }).from(providers).where(eq(providers.id, providerId));
    expect(row!.submittedAt).toBeNull();
  });

  it("refuses while a current document is rejected, even in a draft", async () => {
    const { providerId, actor, user } = await draftWithEverything("Dr. Rejected Paper");
    const [licence] = await insertDocuments(providerId, await typeIdsByKey(GENERAL_TYPE_KEYS), new Date(NOW.getTime() - 60_000));
    await db.db.update(providerDocuments).set({ status: "REJECTED", reviewReason: "Unreadable scan." }).where(eq(providerDocuments.id, licence!.id));
    const refused = await failure(as(actor).onboarding.submit({ acceptProviderTerms: true }));
    expect(refused.fieldErrors).toEqual({
      "documents.professional-licence": ["Your professional licence was not accepted: upload a new file (Documents step)."],
    });
    expect(await db.db.select().from(consentRecords).where(eq(consentRecords.userId, user.id))).toEqual([]);
  });

  it("refuses approved, rejected and suspended providers, and shows the team's reason", async () => {
    const approved = await createProvider(db.db, { provider: { status: "APPROVED" } });
    const rejected = await createProvider(db.db, { provider: { status: "REJECTED", statusReason: "We could not verify the registration." } });
    const suspended = await createProvider(db.db, { provider: { status: "SUSPENDED", statusReason: "Under investigation." } });
    const who = (p: typeof approved) => as(asUser({ id: p.user.id }));

    expect(await outcome(who(approved).onboarding.submit({ acceptProviderTerms: true }))).toBe("PRECONDITION_FAILED");
    expect(await outcome(who(approved).onboarding.saveProfile(PROFILE))).toBe("PRECONDITION_FAILED");
    for (const closed of [rejected, suspended]) {
      expect(await outcome(who(closed).onboarding.submit({ acceptProviderTerms: true }))).toBe("FORBIDDEN");
      expect(await outcome(who(closed).onboarding.saveProfile(PROFILE))).toBe("FORBIDDEN");
      expect(await outcome(who(closed).onboarding.saveSpecialties({ specialties: ["pediatrics"], languages: ["en"] }))).toBe("FORBIDDEN");
      expect(await outcome(who(closed).onboarding.saveService({ serviceId: null, service: SERVICE }))).toBe("FORBIDDEN");
    }
    await expect(who(rejected).onboarding.status()).resolves.toMatchObject({
      state: "REJECTED",
      canEdit: false,
      canSubmit: false,
      profile: { statusReason: "We could not verify the registration." },
    });
    await expect(who(suspended).onboarding.status()).resolves.toMatchObject({ state: "SUSPENDED", profile: { statusReason: "Under investigation." } });
    await expect(who(approved).onboarding.status()).resolves.toMatchObject({ state: "APPROVED", canEdit: false });
  });
});

describe("onboarding services", () => {
  it("keeps providers.saveService for approved providers, and removes a draft's service (deactivating one with bookings)", async () => {
    const { actor, providerId } = await draftWithEverything("Dr. Service Draft");
    expect(await outcome(as(actor).providers.saveService({ serviceId: null, service: SERVICE }))).toBe("FORBIDDEN");

    const [first] = await db.db.select().from(services).where(eq(services.providerId, providerId));
    const edited = await as(actor).onboarding.saveService({ serviceId: first!.id, service: { ...SERVICE, name: "Newborn check" } });
    expect(edited).toMatchObject({ id: first!.id, name: "Newborn check" });

    await expect(as(actor).onboarding.removeService({ serviceId: first!.id })).resolves.toEqual({ serviceId: first!.id, outcome: "DELETED" });
    expect(await db.db.select().from(services).where(eq(services.providerId, providerId))).toEqual([]);
    expect((await as(actor).onboarding.status()).steps.services).toBe(false);

    const kept = await as(actor).onboarding.saveService({ serviceId: null, service: SERVICE });
    const { user: patient } = await createPatient(db.db);
    const startsAt = new Date("2026-06-01T09:00:00Z");
    const endsAt = new Date("2026-06-01T09:30:00Z");
    await db.db.insert(bookings).values({
      providerId,
      serviceId: kept.id,
      mode: "ONLINE",
      startsAt,
      endsAt,
      blockedStartsAt: startsAt,
      blockedEndsAt: endsAt,
      status: "COMPLETED",
      patientUserId: patient.id,
    });
    await expect(as(actor).onboarding.removeService({ serviceId: kept.id })).resolves.toEqual({ serviceId: kept.id, outcome: "DEACTIVATED" });
    const [row] = await db.db.select({ isActive: services.isActive }).from(services).where(eq(services.id, kept.id));
    expect(row!.isActive).toBe(false);

    const audit = await db.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.subjectType, "service"), eq(auditLog.subjectId, first!.id)));
    expect(audit.map((entry) => entry.action)).toEqual(["service.created", "service.updated", "service.deleted"]);
  });

  it("a new file while waiting, then a change, has the profile sent again", async () => {
    const { actor, providerId } = await draftWithEverything("Dr. Back Again");
    const [licence] = await insertDocuments(providerId, await typeIdsByKey(GENERAL_TYPE_KEYS), new Date(NOW.getTime() - 60_000));
    await as(actor).onboarding.submit({ acceptProviderTerms: true });
    expect((await as(actor).onboarding.status()).state).toBe("IN_REVIEW");

    // A replacement uploaded while waiting (the upload route allows it) reopens the profile.
    const replacedAt = new Date(NOW.getTime() + 60_000);
    await db.db.update(providerDocuments).set({ supersededAt: replacedAt }).where(eq(providerDocuments.id, licence!.id));
    await insertDocuments(providerId, [licence!.documentTypeId], replacedAt);
    expect((await as(actor).onboarding.status()).state).toBe("READY_TO_RESEND");

    const saved = await as(actor).onboarding.saveProfile({ ...PROFILE, displayName: "Dr. Back Again", bio: "Updated." });
    expect(saved).toMatchObject({ state: "READY_TO_RESEND", sentBefore: true, canSubmit: true });
    expect(saved.profile!.submittedAt).toBeNull();
    await expect(as(actor, new Date(NOW.getTime() + 86_400_000)).onboarding.submit({ acceptProviderTerms: true })).resolves.toMatchObject({
      state: "IN_REVIEW",
    });
  });
});

describe("strangers: every onboarding procedure as nobody, as a user without a profile, and as another provider", () => {
  const calls = (serviceId: string) => ({
    status: (c: ReturnType<typeof as>) => c.onboarding.status(),
    start: (c: ReturnType<typeof as>) => c.onboarding.start({ timeZone: "Europe/London" }),
    saveProfile: (c: ReturnType<typeof as>) => c.onboarding.saveProfile(PROFILE),
    saveSpecialties: (c: ReturnType<typeof as>) => c.onboarding.saveSpecialties({ specialties: ["pediatrics"], languages: ["en"] }),
    saveService: (c: ReturnType<typeof as>) => c.onboarding.saveService({ serviceId, service: SERVICE }),
    removeService: (c: ReturnType<typeof as>) => c.onboarding.removeService({ serviceId }),
    submit: (c: ReturnType<typeof as>) => c.onboarding.submit({ acceptProviderTerms: true }),
  });

  it("covers every procedure of the onboarding router", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("onboarding."))
      .map((path) => path.slice("onboarding.".length));
    expect(procedures.sort()).toEqual(Object.keys(calls(randomUUID())).sort());
  });

  it("refuses nobody and users without a profile, and another provider's service is not found", async () => {
    const owner = await draftWithEverything("Dr. Owner Of Service");
    const [service] = await db.db.select().from(services).where(eq(services.providerId, owner.providerId));
    const table = calls(service!.id);

    const results: Record<string, Record<string, string>> = {};
    for (const [name, call] of Object.entries(table)) {
      const profileless = (await newUser("Dr. No Profile Yet")).actor;
      const otherDraft = (await draftWithEverything(`Dr. Other Draft ${name}`)).actor;
      results[name] = {
        anonymous: await outcome(call(as(anonymous))),
        noProfile: await outcome(call(as(profileless))),
        otherProvider: await outcome(call(as(otherDraft))),
      };
    }
    expect(results).toEqual({
      status: { anonymous: "UNAUTHORIZED", noProfile: "ok", otherProvider: "ok" },
      start: { anonymous: "UNAUTHORIZED", noProfile: "ok", otherProvider: "CONFLICT" },
      saveProfile: { anonymous: "UNAUTHORIZED", noProfile: "FORBIDDEN", otherProvider: "ok" },
      saveSpecialties: { anonymous: "UNAUTHORIZED", noProfile: "FORBIDDEN", otherProvider: "ok" },
      saveService: { anonymous: "UNAUTHORIZED", noProfile: "FORBIDDEN", otherProvider: "NOT_FOUND" },
      removeService: { anonymous: "UNAUTHORIZED", noProfile: "FORBIDDEN", otherProvider: "NOT_FOUND" },
      // The other draft has no documents: refused for what is missing, never about the owner's profile.
      submit: { anonymous: "UNAUTHORIZED", noProfile: "FORBIDDEN", otherProvider: "PRECONDITION_FAILED" },
    });
    // The owner's profile and service are untouched.
    const [ownerRow] = await db.db.select().from(providers).where(eq(providers.id, owner.providerId));
    expect(ownerRow).toMatchObject({ displayName: "Dr. Owner Of Service", submittedAt: null });
    const [serviceRow] = await db.db.select().from(services).where(eq(services.id, service!.id));
    expect(serviceRow).toMatchObject({ name: SERVICE.name, isActive: true });
  });
});
