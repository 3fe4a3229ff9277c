import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Session } from "next-auth";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handleDocumentUpload } from "@/features/onboarding/server";
import { auditLog, documentTypes, providerDocuments, providers, users } from "@/server/db/schema";
import { createBlobClient, type BlobClient } from "@/server/integrations/blob/client";
import { createPostgresRateLimiter } from "@/server/rate-limit/rate-limiter";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createProvider, createUser } from "@/test/factories";
import { silentLogger, unlimitedRateLimiter } from "@/test/request-context";
import { asUser, callerFor, sessionFor } from "@/test/trpc";
import { createBlobEmulator, type BlobEmulator } from "../../../../local-cloud/blob";
import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { GET } from "./[documentId]/route";
import { POST } from "./route";

const PRIVATE_TOKEN = "vercel_blob_rw_docs_s3cret";
const PUBLIC_TOKEN = "vercel_blob_rw_cards_s3cret";
const APP = "https://medbookings.example";

const state = vi.hoisted(() => {
  process.env.NEXTAUTH_URL = "https://medbookings.example";
  // The routes use the app's default private store, built from env as in production.
  process.env.BLOB_READ_WRITE_TOKEN = "vercel_blob_rw_docs_s3cret";
  return {
    db: undefined as unknown as import("@/test/db").TestDatabase,
    session: null as import("next-auth").Session | null,
    rateLimiter: undefined as unknown as import("@/server/rate-limit/rate-limiter").RateLimiter,
    /** Reads of the private store by the routes. */
    blobReads: 0,
  };
});

vi.mock("server-only", () => ({}));
vi.mock("@/server/db", () => ({ getDatabase: () => state.db }));
vi.mock("@/server/auth/session", () => ({ getSession: () => Promise.resolve(state.session) }));
vi.mock("@/server/rate-limit/app-rate-limiter", () => ({ getRateLimiter: () => state.rateLimiter, trustedProxyHops: () => 1 }));
vi.mock("@/server/logger", async () => {
  const { silentLogger: logger } = await import("@/test/request-context");
  return { getLogger: () => logger };
});
vi.mock("@/server/integrations/blob/client", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/integrations/blob/client")>();
  const privateBlobs: import("@/server/integrations/blob/client").BlobClient = {
    ...original.privateBlobs,
    access: original.privateBlobs.access,
    getPrivateBlob: (target) => {
      state.blobReads += 1;
      return original.privateBlobs.getPrivateBlob(target);
    },
  };
  return { ...original, privateBlobs };
});

// Tiny files whose magic numbers are all file-type needs.
const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
  Buffer.from("IHDR"),
  Buffer.from([0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89]),
]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);
const PE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62)]);
const MACH_O = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(60)]);
const HTML = Buffer.from("<!DOCTYPE html><html><body><script>fetch('/api/trpc/auth.me')</script></body></html>");
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const TEXT = Buffer.from("My licence number is 12345.\n");
const MB = 1024 * 1024;

let db: TestDatabase;
let emulator: RunningEmulator<BlobEmulator>;
let types: Record<"licence" | "insurance" | "identity", { id: string; maxBytes: number }>;
/** A type in the catalogue that no provider of these tests is asked for. */
let unrequiredTypeId: string;
let admin: Awaited<ReturnType<typeof createUser>>;
let stranger: Awaited<ReturnType<typeof createUser>>;
let clientCounter = 0;

function as(user: { id: string; role?: "USER" | "ADMIN" } | null): Session | null {
  return user === null ? null : sessionFor(asUser({ id: user.id, role: user.role ?? "USER" }));
}

async function pendingProvider(status: "PENDING" | "APPROVED" | "SUSPENDED" | "REJECTED" = "PENDING") {
  return createProvider(db.db, { provider: { status } });
}

interface UploadOptions {
  documentTypeId?: string;
  file?: { bytes: Buffer; name: string; type?: string };
  providerId?: string;
  headers?: Record<string, string>;
  ip?: string;
}

function uploadForm(options: UploadOptions): FormData {
  const form = new FormData();
  if (options.documentTypeId !== undefined) form.append("documentTypeId", options.documentTypeId);
  if (options.providerId !== undefined) form.append("providerId", options.providerId);
  if (options.file) form.append("file", new File([new Uint8Array(options.file.bytes)], options.file.name, { type: options.file.type ?? "application/pdf" }));
  return form;
}

function uploadHeaders(options: UploadOptions): Record<string, string> {
  clientCounter += 1;
  return {
    origin: APP,
    "sec-fetch-site": "same-origin",
    "user-agent": "vitest-browser/1.0",
    "x-forwarded-for": options.ip ?? `198.51.100.${clientCounter % 250}`,
    ...options.headers,
  };
}

/** POSTs as the browser's form would (a FormData body, so no Content-Length unless given). */
async function upload(session: Session | null, options: UploadOptions) {
  state.session = session;
  return POST(new Request(`${APP}/api/provider-documents`, { method: "POST", body: uploadForm(options), headers: uploadHeaders(options) }));
}

/** The multipart bytes of a form and their content type, to send as a counted stream. */
async function encoded(form: FormData) {
  const request = new Request(APP, { method: "POST", body: form });
  return { bytes: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

function countedStream(bytes: Buffer, chunk = 64 * 1024) {
  const stats = { pulled: 0 };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        const next = bytes.subarray(offset, offset + chunk);
        offset += next.length;
        stats.pulled += next.length;
        controller.enqueue(new Uint8Array(next));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

async function refusal(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as { error: { code: string; message: string; field: string | null } };
  return { status: response.status, ...body.error };
}

function blobs(storeId = "docs") {
  return emulator.emulator.snapshot().stores.find((store) => store.storeId === storeId)?.blobs ?? [];
}

const documentsOf = (providerId: string) => db.db.select().from(providerDocuments).where(eq(providerDocuments.providerId, providerId));
const auditsOf = (action: string, subjectId: string) =>
  db.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

/** Nothing of a refused upload may remain: no row, no blob. */
async function expectNothingStored(providerId: string) {
  expect(await documentsOf(providerId)).toEqual([]);
  expect(blobs()).toEqual([]);
  expect(blobs("cards")).toEqual([]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  state.db = db;
  const rows = await db.db.select().from(documentTypes);
  const byKey = (key: string) => {
    const row = rows.find((candidate) => candidate.key === key)!;
    return { id: row.id, maxBytes: row.maxBytes };
  };
  types = { licence: byKey("professional-licence"), insurance: byKey("indemnity-insurance"), identity: byKey("identity-document") };
  const [extra] = await db.db
    .insert(documentTypes)
    .values({ key: "route-test-extra", name: "Extra certificate", acceptedContentTypes: ["application/pdf"], maxBytes: MB, requiredForAll: false, sortOrder: 99 })
    .returning();
  unrequiredTypeId = extra!.id;
  admin = await createUser(db.db, { role: "ADMIN" });
  stranger = await createUser(db.db);
});
afterAll(() => db.drop());

beforeEach(async () => {
  state.rateLimiter = unlimitedRateLimiter;
  state.blobReads = 0;
  emulator = await serve(
    createBlobEmulator({
      stores: [
        { storeId: "docs", token: PRIVATE_TOKEN, access: "private" },
        { storeId: "cards", token: PUBLIC_TOKEN, access: "public" },
      ],
    }),
  );
  vi.stubEnv("VERCEL_BLOB_API_URL", emulator.emulator.apiUrl);
  vi.stubEnv("VERCEL_BLOB_RETRIES", "0");
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
});

describe("POST /api/provider-documents", () => {
  it("stores a PDF in the private store under an unguessable name, as SUBMITTED, with an audit row carrying the origin", async () => {
    const { user, provider } = await pendingProvider();

    const response = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PDF, name: "  My licence.pdf " }, ip: "203.0.113.9" });

    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { document } = (await response.json()) as { document: Record<string, unknown> };
    expect(document).toMatchObject({
      documentTypeId: types.licence.id,
      fileName: "My licence.pdf",
      contentType: "application/pdf",
      sizeBytes: PDF.length,
      status: "SUBMITTED",
      reviewReason: null,
      supersededAt: null,
    });

    const [row] = await documentsOf(provider.id);
    expect(row).toMatchObject({ id: document.id, status: "SUBMITTED", uploadedByUserId: user.id, sha256: createHash("sha256").update(PDF).digest("hex") });
    expect(row!.blobPathname).toMatch(new RegExp(`^provider-documents/${provider.id}/[A-Za-z0-9_-]{43}$`));
    expect(row!.blobPathname).not.toContain("licence");

    const stored = blobs();
    expect(stored).toEqual([expect.objectContaining({ pathname: row!.blobPathname, contentType: "application/pdf", size: PDF.length })]);
    expect(blobs("cards")).toEqual([]);
    expect(emulator.emulator.read("docs", row!.blobPathname)?.body.equals(PDF)).toBe(true);
    // The store's own URL is useless without its token.
    expect((await fetch(stored[0]!.url)).status).toBe(403);

    const [audit] = await auditsOf("provider_document.uploaded", row!.id);
    expect(audit).toMatchObject({
      actorUserId: user.id,
      subjectType: "provider_document",
      ipAddress: "203.0.113.9",
      userAgent: "vitest-browser/1.0",
      details: { providerId: provider.id, documentTypeId: types.licence.id, replacedDocumentId: null, contentType: "application/pdf", sizeBytes: PDF.length },
    });
    // The wizard owns the submission; an upload leaves it as it was.
    const [after] = await db.db.select().from(providers).where(eq(providers.id, provider.id));
    expect(after).toMatchObject({ status: "PENDING", submittedAt: null });
  });

  it("takes the content type from the bytes, not the name's claim or the browser's", async () => {
    const { user, provider } = await pendingProvider();

    const png = await upload(as(user), { documentTypeId: types.identity.id, file: { bytes: PNG, name: "passport", type: "application/pdf" } });
    const jpeg = await upload(as(user), { documentTypeId: types.insurance.id, file: { bytes: JPEG, name: "cover.JPG", type: "text/html" } });

    expect(png.status).toBe(201);
    expect(jpeg.status).toBe(201);
    const rows = await documentsOf(provider.id);
    expect(rows.map((row) => [row.documentTypeId, row.contentType]).sort()).toEqual(
      [
        [types.identity.id, "image/png"],
        [types.insurance.id, "image/jpeg"],
      ].sort(),
    );
    expect(blobs().map((blob) => blob.contentType).sort()).toEqual(["image/jpeg", "image/png"]);
  });

  it("replaces the current file of a type on re-upload and keeps the old one as history", async () => {
    const { user, provider } = await pendingProvider();
    const first = (await (await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PDF, name: "old.pdf" } })).json()) as { document: { id: string } };

    const second = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PNG, name: "new.png" } });

    expect(second.status).toBe(201);
    const { document } = (await second.json()) as { document: { id: string } };
    const rows = await documentsOf(provider.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.id === first.document.id)?.supersededAt).toBeInstanceOf(Date);
    expect(rows.find((row) => row.id === document.id)?.supersededAt).toBeNull();
    expect(blobs()).toHaveLength(2);
    const [audit] = await auditsOf("provider_document.uploaded", document.id);
    expect(audit?.details).toMatchObject({ replacedDocumentId: first.document.id });
  });

  describe("refuses, storing nothing", () => {
    it("a visitor without a session (401)", async () => {
      const { provider } = await pendingProvider();
      expect(await refusal(await upload(null, { documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } }))).toEqual({
        status: 401,
        code: "UNAUTHORIZED",
        message: "Sign in to upload documents.",
        field: null,
      });
      await expectNothingStored(provider.id);
    });

    it("a signed-in user without a provider profile (403)", async () => {
      const response = await upload(as(stranger), { documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } });
      expect(await refusal(response)).toMatchObject({ status: 403, code: "FORBIDDEN", message: expect.stringMatching(/needs a provider profile/) });
      expect(blobs()).toEqual([]);
    });

    it("someone else's providerId (403)", async () => {
      const mine = await pendingProvider();
      const theirs = await pendingProvider();
      const response = await upload(as(mine.user), { providerId: theirs.provider.id, documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } });
      expect(await refusal(response)).toEqual({
        status: 403,
        code: "FORBIDDEN",
        message: "You can upload documents only to your own provider profile.",
        field: "providerId",
      });
      await expectNothingStored(mine.provider.id);
      await expectNothingStored(theirs.provider.id);
    });

    it("accepts the caller's own providerId", async () => {
      const { user, provider } = await pendingProvider();
      const response = await upload(as(user), { providerId: provider.id, documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } });
      expect(response.status).toBe(201);
    });

    it.each([
      ["APPROVED", /already approved/],
      ["SUSPENDED", /suspended/],
      ["REJECTED", /was not approved/],
    ] as const)("a provider whose profile is %s (403, saying why)", async (status, message) => {
      const { user, provider } = await pendingProvider(status);
      const response = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } });
      expect(await refusal(response)).toMatchObject({ status: 403, code: "FORBIDDEN", message: expect.stringMatching(message) });
      await expectNothingStored(provider.id);
    });

    it.each([
      ["an Origin of another site", { origin: "https://evil.example" }],
      ["an opaque Origin", { origin: "null" }],
      ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ])("a cross-site post: %s (403)", async (_label, headers) => {
      const { user, provider } = await pendingProvider();
      const response = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" }, headers });
      expect(await refusal(response)).toEqual({ status: 403, code: "FORBIDDEN", message: "Documents can be uploaded only from MedBookings' own pages.", field: null });
      await expectNothingStored(provider.id);
    });

    it.each([
      ["unknown", () => randomUUID()],
      ["not this provider's requirement", () => unrequiredTypeId],
      ["not an id", () => "professional-licence"],
      ["missing", () => undefined],
    ])("a documentTypeId that is %s (400 on documentTypeId)", async (_label, documentTypeId) => {
      const { user, provider } = await pendingProvider();
      const response = await upload(as(user), { documentTypeId: documentTypeId(), file: { bytes: PDF, name: "licence.pdf" } });
      expect(await refusal(response)).toMatchObject({ status: 400, code: "VALIDATION", field: "documentTypeId" });
      await expectNothingStored(provider.id);
    });

    it.each([
      ["a text file", TEXT, "notes.txt", "not a type we recognise"],
      ["an ELF executable named licence.pdf", ELF, "licence.pdf", "ELF (application/x-elf)"],
      ["a Windows executable named licence.pdf", PE, "licence.pdf", "EXE (application/x-msdownload)"],
      ["a Mach-O executable named licence.pdf", MACH_O, "licence.pdf", "MACHO (application/x-mach-binary)"],
      ["an HTML page named licence.pdf", HTML, "licence.pdf", "not a type we recognise"],
      ["an SVG image with a script named licence.pdf", SVG, "licence.pdf", "XML (application/xml)"],
      ["unknown bytes", Buffer.from([0x00, 0x13, 0x37, 0x42, 0x99, 0x01]), "licence.pdf", "not a type we recognise"],
    ])("%s (415 naming what is accepted)", async (_label, bytes, name, found) => {
      const { user, provider } = await pendingProvider();
      const response = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes, name, type: "application/pdf" } });
      expect(await refusal(response)).toEqual({
        status: 415,
        code: "VALIDATION",
        field: "file",
        message: `The professional licence must be a PDF, PNG or JPEG file, and this file's content is ${found}. Choose a PDF, PNG or JPEG file: renaming a file does not change its type.`,
      });
      await expectNothingStored(provider.id);
    });

    it("a PNG whose name says PDF (400: the extension must agree with the content)", async () => {
      const { user, provider } = await pendingProvider();
      const response = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PNG, name: "licence.pdf" } });
      expect(await refusal(response)).toMatchObject({ status: 400, field: "file", message: "The file's name ends in .pdf, but its content is PNG. Rename it to end in .png or choose the right file." });
      await expectNothingStored(provider.id);
    });

    it("an empty file (400)", async () => {
      const { user, provider } = await pendingProvider();
      const response = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: Buffer.alloc(0), name: "licence.pdf" } });
      expect(await refusal(response)).toMatchObject({ status: 400, field: "file", message: expect.stringMatching(/^The file is empty/) });
      await expectNothingStored(provider.id);
    });

    it.each(["../../etc/passwd.pdf", "a\\b.pdf", "scans/licence.pdf", "licence\u0000.pdf", "licence\u202efdp.pdf", `${"x".repeat(201)}.pdf`])(
      "a file name with a path or control characters: %j (400)",
      async (name) => {
        const { user, provider } = await pendingProvider();
        const response = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PDF, name } });
        expect(await refusal(response)).toMatchObject({ status: 400, field: "file", message: expect.stringMatching(/^The file name must not contain a path/) });
        await expectNothingStored(provider.id);
      },
    );

    it("a file over its type's limit, with no Content-Length (413 naming the limit in MB)", async () => {
      const { user, provider } = await pendingProvider();
      const big = Buffer.concat([PDF, Buffer.alloc(types.identity.maxBytes + 1 - PDF.length, 0x20)]);
      const response = await upload(as(user), { documentTypeId: types.identity.id, file: { bytes: big, name: "passport.pdf" } });
      expect(await refusal(response)).toEqual({
        status: 413,
        code: "VALIDATION",
        field: "file",
        message: "The file is too large: the identity document may be at most 5 MB. Choose a smaller file, for example a PDF or a photo at a lower resolution.",
      });
      await expectNothingStored(provider.id);
    });

    it("a declared Content-Length over the limit, before reading the body (413)", async () => {
      const { user, provider } = await pendingProvider();
      const { bytes, contentType } = await encoded(uploadForm({ documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } }));
      const { stream, stats } = countedStream(bytes);
      state.session = as(user);
      const response = await POST(
        new Request(`${APP}/api/provider-documents`, {
          method: "POST",
          body: stream,
          duplex: "half",
          headers: { ...uploadHeaders({}), "content-type": contentType, "content-length": String(50 * MB) },
        } as RequestInit),
      );
      expect(await refusal(response)).toMatchObject({ status: 413, field: "file", message: expect.stringMatching(/at most 10 MB/) });
      expect(stats.pulled).toBe(0);
      await expectNothingStored(provider.id);
    });

    it("a declared Content-Length over the chosen type's own limit, once the type field is read and before the file (413)", async () => {
      const { user, provider } = await pendingProvider();
      const big = Buffer.concat([PDF, Buffer.alloc(7 * MB, 0x20)]);
      const { bytes, contentType } = await encoded(uploadForm({ documentTypeId: types.identity.id, file: { bytes: big, name: "passport.pdf" } }));
      const { stream, stats } = countedStream(bytes);
      state.session = as(user);
      const response = await POST(
        new Request(`${APP}/api/provider-documents`, {
          method: "POST",
          body: stream,
          duplex: "half",
          headers: { ...uploadHeaders({}), "content-type": contentType, "content-length": String(bytes.length) },
        } as RequestInit),
      );
      expect(await refusal(response)).toMatchObject({ status: 413, field: "file", message: expect.stringMatching(/identity document may be at most 5 MB/) });
      // Only the first chunk, which carried the type: 7 MB fits the largest limit (10 MB) but not this type's.
      expect(stats.pulled).toBe(64 * 1024);
      await expectNothingStored(provider.id);
    });

    it("a body longer than a Content-Length that lied, stopped at the cap (413)", async () => {
      const { user, provider } = await pendingProvider();
      const big = Buffer.concat([PDF, Buffer.alloc(types.identity.maxBytes * 2, 0x20)]);
      const { bytes, contentType } = await encoded(uploadForm({ documentTypeId: types.identity.id, file: { bytes: big, name: "passport.pdf" } }));
      const { stream, stats } = countedStream(bytes);
      state.session = as(user);
      const response = await POST(
        new Request(`${APP}/api/provider-documents`, {
          method: "POST",
          body: stream,
          duplex: "half",
          headers: { ...uploadHeaders({}), "content-type": contentType, "content-length": "2048" },
        } as RequestInit),
      );
      expect(await refusal(response)).toMatchObject({ status: 413, field: "file", message: expect.stringMatching(/at most 5 MB/) });
      // The type came first, so reading stopped at its own cap, not the 10 MB of the largest.
      expect(stats.pulled).toBeLessThanOrEqual(types.identity.maxBytes + 16 * 1024 + 64 * 1024);
      await expectNothingStored(provider.id);
    });

    it("a body that is not multipart/form-data (415), or has two files (400)", async () => {
      const { user, provider } = await pendingProvider();
      state.session = as(user);
      const json = await POST(
        new Request(`${APP}/api/provider-documents`, {
          method: "POST",
          body: JSON.stringify({ documentTypeId: types.licence.id }),
          headers: { ...uploadHeaders({}), "content-type": "application/json" },
        }),
      );
      expect(await refusal(json)).toMatchObject({ status: 415, code: "VALIDATION" });

      const form = uploadForm({ documentTypeId: types.licence.id, file: { bytes: PDF, name: "a.pdf" } });
      form.append("file", new File([new Uint8Array(PDF)], "b.pdf"));
      const two = await POST(new Request(`${APP}/api/provider-documents`, { method: "POST", body: form, headers: uploadHeaders({}) }));
      expect(await refusal(two)).toMatchObject({ status: 400, field: "file", message: "Choose one file to upload." });
      await expectNothingStored(provider.id);
    });

    it("replacing an approved document (409), keeping the approved one", async () => {
      const { user, provider } = await pendingProvider();
      const first = (await (await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } })).json()) as { document: { id: string } };
      await db.db.update(providerDocuments).set({ status: "APPROVED", reviewedAt: new Date(), reviewedByUserId: admin.id }).where(eq(providerDocuments.id, first.document.id));
      const before = blobs();

      const response = await upload(as(user), { documentTypeId: types.licence.id, file: { bytes: PNG, name: "other.png" } });

      expect(await refusal(response)).toEqual({
        status: 409,
        code: "CONFLICT",
        field: null,
        message: "This document is already approved, so it cannot be replaced. Contact support if it needs updating.",
      });
      const rows = await documentsOf(provider.id);
      expect(rows).toEqual([expect.objectContaining({ id: first.document.id, status: "APPROVED", supersededAt: null })]);
      expect(blobs()).toEqual(before);
    });

    it("more uploads than the per-user allowance (429 with Retry-After), counting each user apart", async () => {
      const { user, provider } = await pendingProvider();
      const other = await pendingProvider();
      state.rateLimiter = createPostgresRateLimiter({ pool: db.pool, policies: { "document-upload:user": { points: 2, durationSeconds: 3600 } } });
      const send = (who: typeof user) => upload(as(who), { documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } });

      expect((await send(user)).status).toBe(201);
      expect((await send(user)).status).toBe(201);
      const refused = await send(user);

      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await refusal(refused)).code).toBe("RATE_LIMITED");
      expect(await documentsOf(provider.id)).toHaveLength(2);
      expect((await send(other.user)).status).toBe(201);
    });
  });
});

describe("handleDocumentUpload", () => {
  const request = () =>
    new Request(`${APP}/api/provider-documents`, {
      method: "POST",
      body: uploadForm({ documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } }),
      headers: uploadHeaders({}),
    });
  const handle = (session: Session | null, blob: BlobClient) =>
    handleDocumentUpload({
      request: request(),
      getSession: () => Promise.resolve(session),
      db: db.db,
      blob,
      rateLimiter: unlimitedRateLimiter,
      trustedProxyHops: 1,
      appOrigin: APP,
      logger: silentLogger,
      now: new Date("2027-03-01T08:00:00Z"),
    });

  it("refuses to put a document in a public store", async () => {
    const { user, provider } = await pendingProvider();
    const response = await handle(as(user), createBlobClient({ token: PUBLIC_TOKEN, access: "public" }));
    expect(await refusal(response)).toMatchObject({ status: 500, code: "INTERNAL", message: expect.stringMatching(/not set up for private files/) });
    await expectNothingStored(provider.id);
  });

  it("deletes the stored blob again when the transaction fails (the profile was approved meanwhile)", async () => {
    const { user, provider } = await pendingProvider();
    const real = createBlobClient({ token: PRIVATE_TOKEN, access: "private" });
    const racing: BlobClient = {
      ...real,
      access: "private",
      putBlob: async (input) => {
        const stored = await real.putBlob(input);
        expect(blobs()).toHaveLength(1);
        await db.db.update(providers).set({ status: "APPROVED" }).where(eq(providers.id, provider.id));
        return stored;
      },
    };

    const response = await handle(as(user), racing);

    expect(await refusal(response)).toMatchObject({ status: 403, message: expect.stringMatching(/already approved/) });
    await expectNothingStored(provider.id);
  });
});

describe("GET /api/provider-documents/[documentId]", () => {
  async function uploaded(bytes = PDF, name = "Licence – Dr Müller.pdf") {
    const owner = await pendingProvider();
    const response = await upload(as(owner.user), { documentTypeId: types.licence.id, file: { bytes, name } });
    const { document } = (await response.json()) as { document: { id: string } };
    return { ...owner, documentId: document.id };
  }

  async function linkFor(user: { id: string; role?: "USER" | "ADMIN" }, documentId: string, now = new Date()) {
    return callerFor(db.db, asUser({ id: user.id, role: user.role ?? "USER" }), () => now).providerDocuments.link({ documentId });
  }

  async function open(path: string, session: Session | null, ip = "203.0.113.50") {
    state.session = session;
    const url = new URL(path, APP);
    const documentId = decodeURIComponent(url.pathname.split("/").pop()!);
    return GET(new NextRequest(url, { headers: { "x-forwarded-for": ip, "user-agent": "vitest-viewer/2.0" } }), { params: Promise.resolve({ documentId }) });
  }

  function expectPrivateHeaders(response: Response) {
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  }

  it("streams the document to its owner with safe headers, after recording the read", async () => {
    const { user, provider, documentId } = await uploaded();
    const link = await linkFor(user, documentId);
    state.blobReads = 0;

    const response = await open(link.url, as(user));

    expect(response.status).toBe(200);
    expectPrivateHeaders(response);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="Licence _ Dr M_ller.pdf"; filename*=UTF-8''Licence%20%E2%80%93%20Dr%20M%C3%BCller.pdf`);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect(state.blobReads).toBe(1);
    const audits = await auditsOf("provider_document.read", documentId);
    expect(audits).toEqual([
      expect.objectContaining({
        actorUserId: user.id,
        subjectType: "provider_document",
        details: { providerId: provider.id },
        ipAddress: "203.0.113.50",
        userAgent: "vitest-viewer/2.0",
      }),
    ]);
  });

  it("serves a platform admin, recording the admin as the reader", async () => {
    const { documentId } = await uploaded(JPEG, "photo.jpg");
    const adminUser = { id: admin.id, role: "ADMIN" as const };
    const response = await open((await linkFor(adminUser, documentId)).url, as(adminUser));

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await response.arrayBuffer()).equals(JPEG)).toBe(true);
    expect((await auditsOf("provider_document.read", documentId)).map((row) => row.actorUserId)).toEqual([admin.id]);
  });

  it("refuses expired, tampered, other people's and anonymous opens without reading the file or recording a read", async () => {
    const { user, documentId } = await uploaded();
    const other = await uploaded();
    const valid = new URL((await linkFor(user, documentId)).url, APP);
    const expired = (await linkFor(user, documentId, new Date(Date.now() - 6 * 60_000))).url;
    const movedExpiry = new URL(valid);
    movedExpiry.searchParams.set("expires", String(Number(valid.searchParams.get("expires")) + 3600));
    const forged = new URL(valid);
    forged.searchParams.set("signature", "A".repeat(43));
    const unsigned = new URL(valid);
    unsigned.searchParams.delete("signature");
    const borrowed = new URL(valid);
    borrowed.pathname = `/api/provider-documents/${other.documentId}`;
    state.blobReads = 0;

    const cases: [string, Session | null, number, string][] = [
      [valid.toString(), null, 401, "Sign in to view this document, then open it again from the documents page.\n"],
      [expired, as(user), 403, "This document link has expired. Open the document again from the documents page.\n"],
      [movedExpiry.toString(), as(user), 403, "This document link is not valid for you. Open the document again from the documents page.\n"],
      [forged.toString(), as(user), 403, "This document link is not valid for you. Open the document again from the documents page.\n"],
      [unsigned.toString(), as(user), 403, "This document link is not valid for you. Open the document again from the documents page.\n"],
      [borrowed.toString(), as(user), 403, "This document link is not valid for you. Open the document again from the documents page.\n"],
      // The owner's link in someone else's session, even an admin's: the link names its viewer.
      [valid.toString(), as(stranger), 403, "This document link is not valid for you. Open the document again from the documents page.\n"],
      [valid.toString(), as({ id: admin.id, role: "ADMIN" }), 403, "This document link is not valid for you. Open the document again from the documents page.\n"],
      [`/api/provider-documents/not-a-uuid?${valid.searchParams.toString()}`, as(user), 404, "We could not find this document.\n"],
    ];
    for (const [path, session, status, message] of cases) {
      const response = await open(path, session);
      expect([path, response.status]).toEqual([path, status]);
      expectPrivateHeaders(response);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe(message);
    }
    expect(state.blobReads).toBe(0);
    expect(await auditsOf("provider_document.read", documentId)).toEqual([]);
    expect(await auditsOf("provider_document.read", other.documentId)).toEqual([]);
  });

  it("refuses a link whose viewer lost access since: a demoted admin, a provider profile that changed hands (404)", async () => {
    const { documentId } = await uploaded();
    const demoted = await createUser(db.db, { role: "ADMIN" });
    const adminLink = await linkFor({ id: demoted.id, role: "ADMIN" }, documentId);
    await db.db.update(users).set({ role: "USER" }).where(eq(users.id, demoted.id));

    const previousOwner = await pendingProvider();
    const owned = await upload(as(previousOwner.user), { documentTypeId: types.licence.id, file: { bytes: PDF, name: "licence.pdf" } });
    const ownedId = ((await owned.json()) as { document: { id: string } }).document.id;
    const ownerLink = await linkFor(previousOwner.user, ownedId);
    const successor = await createUser(db.db);
    await db.db.update(providers).set({ userId: successor.id }).where(eq(providers.id, previousOwner.provider.id));
    state.blobReads = 0;

    for (const [link, session] of [
      [adminLink.url, as({ id: demoted.id, role: "USER" })],
      [ownerLink.url, as(previousOwner.user)],
    ] as const) {
      const response = await open(link, session);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("We could not find this document.\n");
    }
    expect(state.blobReads).toBe(0);
    expect(await auditsOf("provider_document.read", documentId)).toEqual([]);
    expect(await auditsOf("provider_document.read", ownedId)).toEqual([]);
  });

  it("answers 404 when the file is gone from the store, without recording a read", async () => {
    const { user, documentId } = await uploaded();
    const [row] = await db.db.select().from(providerDocuments).where(eq(providerDocuments.id, documentId));
    await createBlobClient({ token: PRIVATE_TOKEN, access: "private" }).deleteBlob(row!.blobPathname);

    const response = await open((await linkFor(user, documentId)).url, as(user));

    expect(response.status).toBe(404);
    expect(await auditsOf("provider_document.read", documentId)).toEqual([]);
  });

  it("answers 503 when file storage is down", async () => {
    const { user, documentId } = await uploaded();
    const link = await linkFor(user, documentId);
    vi.stubEnv("VERCEL_BLOB_API_URL", "http://127.0.0.1:1/api/blob");

    const response = await open(link.url, as(user));

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await auditsOf("provider_document.read", documentId)).toEqual([]);
  });
});
