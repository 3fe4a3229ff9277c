import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, documentTypes, providerDocuments, providerTypeDocumentRequirements, providers } from "@/server/db/schema";
import { failure, outcome } from "@/test/call-outcome";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createProvider, createProviderType, createUser } from "@/test/factories";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";

const NOW = new Date("2027-03-01T08:00:00.000Z");
const now = () => NOW;

let db: TestDatabase;
let catalogue: Record<string, string>;
let owner: Awaited<ReturnType<typeof createProvider>>;
let otherProvider: Awaited<ReturnType<typeof createProvider>>;
let admin: { id: string; role: "ADMIN" };
let stranger: { id: string };
let documentId: string;

async function insertDocument(values: { providerId: string; documentTypeId: string } & Partial<typeof providerDocuments.$inferInsert>) {
  const [row] = await db.db
    .insert(providerDocuments)
    .values({
      blobPathname: `provider-documents/${values.providerId}/${randomBytes(32).toString("base64url")}`,
      fileName: "licence.pdf",
      contentType: "application/pdf",
      sizeBytes: 1234,
      sha256: createHash("sha256").update(randomUUID()).digest("hex"),
      createdAt: NOW,
      ...values,
    })
    .returning();
  return row!;
}

const audits = (action: string, subjectId: string) => db.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

beforeAll(async () => {
  db = await createTestDatabase();
  const rows = await db.db.select().from(documentTypes);
  catalogue = Object.fromEntries(rows.map((row) => [row.key, row.id]));
  // A requirement of one specialty only: physiotherapists send a practice certificate too.
  const [certificate] = await db.db
    .insert(documentTypes)
    .values({ key: "practice-certificate", name: "Practice certificate", acceptedContentTypes: ["application/pdf"], maxBytes: 1_048_576, sortOrder: 40 })
    .returning();
  catalogue["practice-certificate"] = certificate!.id;
  const physio = await createProviderType(db.db, "physiotherapist", "Physiotherapist");
  await db.db.insert(providerTypeDocumentRequirements).values({ providerTypeId: physio.id, documentTypeId: certificate!.id });

  owner = await createProvider(db.db, { provider: { status: "PENDING" }, specialties: [{ slug: "physiotherapist", name: "Physiotherapist" }] });
  otherProvider = await createProvider(db.db, { provider: { status: "PENDING" } });
  admin = { id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" };
  stranger = await createUser(db.db);

  const replaced = await insertDocument({
    providerId: owner.provider.id,
    documentTypeId: catalogue["professional-licence"]!,
    fileName: "old-licence.pdf",
    status: "REJECTED",
    reviewReason: "The scan is unreadable.",
    supersededAt: new Date("2027-02-20T10:00:00Z"),
    createdAt: new Date("2027-02-19T10:00:00Z"),
  });
  const current = await insertDocument({ providerId: owner.provider.id, documentTypeId: catalogue["professional-licence"]!, createdAt: new Date("2027-02-20T10:00:00Z") });
  await insertDocument({ providerId: owner.provider.id, documentTypeId: catalogue["identity-document"]!, status: "REJECTED", reviewReason: "The photo page is cut off.", fileName: "passport.jpg", contentType: "image/jpeg" });
  expect(replaced.id).not.toBe(current.id);
  documentId = current.id;
});
afterAll(() => db.drop());

describe("providerDocuments.mine", () => {
  it("lists the provider's requirements (everyone's and their specialty's) with current files, history and a summary", async () => {
    const mine = await callerFor(db.db, asUser(owner.user), now).providerDocuments.mine();

    expect(mine.providerStatus).toBe("PENDING");
    expect(mine.submittedAt).toBeNull();
    expect(mine.requirements.map((requirement) => requirement.documentType.key)).toEqual([
      "professional-licence",
      "indemnity-insurance",
      "identity-document",
      "practice-certificate",
    ]);
    const [licence, insurance, identity] = mine.requirements;
    expect(licence?.current).toMatchObject({ id: documentId, status: "SUBMITTED", fileName: "licence.pdf" });
    expect(licence?.history).toEqual([expect.objectContaining({ fileName: "old-licence.pdf", status: "REJECTED", reviewReason: "The scan is unreadable." })]);
    expect(insurance?.current).toBeNull();
    expect(identity?.current).toMatchObject({ status: "REJECTED", reviewReason: "The photo page is cut off." });
    expect(licence?.documentType).toEqual({
      id: catalogue["professional-licence"],
      key: "professional-licence",
      name: "Professional licence",
      description: expect.any(String),
      acceptedContentTypes: ["application/pdf", "image/png", "image/jpeg"],
      maxBytes: 10_485_760,
    });
    expect(mine.summary).toEqual({
      total: 4,
      approved: 0,
      submitted: 1,
      rejected: 1,
      missing: ["indemnity-insurance", "practice-certificate"],
      readyToSubmit: false,
      allApproved: false,
    });
    // The DTO never carries where the bytes are, or their hash.
    expect(JSON.stringify(mine)).not.toMatch(/provider-documents\/|blobPathname|sha256/);
  });

  it("shows the submission time once the profile was sent", async () => {
    await db.db.update(providers).set({ submittedAt: new Date("2027-02-28T09:00:00Z") }).where(eq(providers.id, otherProvider.provider.id));
    const mine = await callerFor(db.db, asUser(otherProvider.user), now).providerDocuments.mine();
    expect(mine.submittedAt).toEqual(new Date("2027-02-28T09:00:00Z"));
    expect(mine.summary.missing).toEqual(["professional-licence", "indemnity-insurance", "identity-document"]);
  });

  it("is for providers only", async () => {
    expect(await outcome(callerFor(db.db, anonymous, now).providerDocuments.mine())).toBe("UNAUTHORIZED");
    expect(await outcome(callerFor(db.db, asUser(stranger), now).providerDocuments.mine())).toBe("FORBIDDEN");
    expect(await outcome(callerFor(db.db, asUser(admin), now).providerDocuments.mine())).toBe("FORBIDDEN");
  });
});

describe("providerDocuments.forProvider", () => {
  it("shows an admin any provider's documents and records the look with its origin", async () => {
    const caller = callerFor(db.db, asUser(admin), now, { ip: "203.0.113.77", headers: { "user-agent": "admin-browser" } });

    const overview = await caller.providerDocuments.forProvider({ providerId: owner.provider.id });

    expect(overview).toEqual(await callerFor(db.db, asUser(owner.user), now).providerDocuments.mine());
    expect(await audits("provider_documents.listed", owner.provider.id)).toEqual([
      expect.objectContaining({
        actorUserId: admin.id,
        subjectType: "provider",
        details: { providerId: owner.provider.id },
        ipAddress: "203.0.113.77",
        userAgent: "admin-browser",
      }),
    ]);
  });

  it("is NOT_FOUND for an unknown provider, refused to everyone but admins, and records nothing then", async () => {
    expect(await outcome(callerFor(db.db, asUser(admin), now).providerDocuments.forProvider({ providerId: randomUUID() }))).toBe("NOT_FOUND");
    const input = { providerId: otherProvider.provider.id };
    expect(await outcome(callerFor(db.db, anonymous, now).providerDocuments.forProvider(input))).toBe("UNAUTHORIZED");
    expect(await outcome(callerFor(db.db, asUser(stranger), now).providerDocuments.forProvider(input))).toBe("FORBIDDEN");
    expect(await outcome(callerFor(db.db, asUser(otherProvider.user), now).providerDocuments.forProvider(input))).toBe("FORBIDDEN");
    expect(await outcome(callerFor(db.db, asUser(owner.user), now).providerDocuments.forProvider(input))).toBe("FORBIDDEN");
    expect(await audits("provider_documents.listed", otherProvider.provider.id)).toEqual([]);
    expect((await failure(callerFor(db.db, asUser(admin), now).providerDocuments.forProvider({ providerId: "nope" }))).appCode).toBe("VALIDATION");
  });
});

describe("providerDocuments.link", () => {
  const expectedExpiry = Math.floor(NOW.getTime() / 1000) + 300;

  it.each([
    ["the owner", () => asUser(owner.user)],
    ["a platform admin", () => asUser(admin)],
  ])("gives %s a 5-minute link bound to them", async (_label, actor: () => TestActor) => {
    const link = await callerFor(db.db, actor(), now).providerDocuments.link({ documentId });

    expect(link.expiresAt).toEqual(new Date(expectedExpiry * 1000));
    expect(link.url).toMatch(new RegExp(`^/api/provider-documents/${documentId}\\?expires=${expectedExpiry}&signature=[A-Za-z0-9_-]{43}$`));
  });

  it("binds the viewer: the owner's and the admin's links differ", async () => {
    const mine = await callerFor(db.db, asUser(owner.user), now).providerDocuments.link({ documentId });
    const admins = await callerFor(db.db, asUser(admin), now).providerDocuments.link({ documentId });
    expect(mine.url).not.toBe(admins.url);
  });

  it("tells anyone else the document does not exist, exactly as for an unknown one", async () => {
    const stranger_ = await failure(callerFor(db.db, asUser(stranger), now).providerDocuments.link({ documentId }));
    const otherProvider_ = await failure(callerFor(db.db, asUser(otherProvider.user), now).providerDocuments.link({ documentId }));
    const unknown = await failure(callerFor(db.db, asUser(owner.user), now).providerDocuments.link({ documentId: randomUUID() }));
    for (const refused of [stranger_, otherProvider_, unknown]) {
      expect(refused).toMatchObject({ appCode: "NOT_FOUND", message: "Document not found." });
    }
    expect(await outcome(callerFor(db.db, anonymous, now).providerDocuments.link({ documentId }))).toBe("UNAUTHORIZED");
    expect((await failure(callerFor(db.db, asUser(owner.user), now).providerDocuments.link({ documentId: "../etc" }))).appCode).toBe("VALIDATION");
  });
});
