import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { AppError } from "@/lib/errors/app-error";

import { createBlobEmulator, type BlobEmulator } from "../../../../local-cloud/blob";
import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createBlobClient, type BlobClient } from "./client";

const PRIVATE_TOKEN = "vercel_blob_rw_docs_s3cret";
const PUBLIC_TOKEN = "vercel_blob_rw_cards_s3cret";

let emulator: RunningEmulator<BlobEmulator>;
let documents: BlobClient;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
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
  documents = createBlobClient({ token: PRIVATE_TOKEN, access: "private" });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
});

describe("blob client", () => {
  it("puts a private document and streams it back with its content type", async () => {
    const stored = await documents.putBlob({
      pathname: "providers/p1/licence.pdf",
      body: Buffer.from("%PDF-1.7 licence"),
      contentType: "application/pdf",
    });
    expect(stored).toMatchObject({ pathname: "providers/p1/licence.pdf", contentType: "application/pdf" });
    expect((await fetch(stored.url)).status).toBe(403);

    for (const target of [stored.pathname, stored.url]) {
      const file = await documents.getPrivateBlob(target);
      expect(file).toMatchObject({ contentType: "application/pdf", size: 16, etag: stored.etag });
      expect(await new Response(file.body).text()).toBe("%PDF-1.7 licence");
    }
  });

  it("adds a random suffix on a public store so URLs cannot be guessed", async () => {
    const cards = createBlobClient({ token: PUBLIC_TOKEN, access: "public" });
    const stored = await cards.putBlob({ pathname: "cards/dr-lee.vcf", body: "BEGIN:VCARD", contentType: "text/vcard" });

    expect(stored.pathname).toMatch(/^cards\/dr-lee-[A-Za-z0-9]{30}\.vcf$/);
    expect(await (await fetch(stored.url)).text()).toBe("BEGIN:VCARD");
  });

  it("turns a refused overwrite into CONFLICT and allows it when asked", async () => {
    const input = { pathname: "a.txt", body: "one", contentType: "text/plain" };
    await documents.putBlob(input);

    const conflict = await failure(documents.putBlob(input));
    expect(conflict.code).toBe("CONFLICT");

    await documents.putBlob({ ...input, body: "two", allowOverwrite: true });
    expect(await new Response((await documents.getPrivateBlob("a.txt")).body).text()).toBe("two");
  });

  it("deletes, after which the file is NOT_FOUND", async () => {
    await documents.putBlob({ pathname: "gone.txt", body: "x", contentType: "text/plain" });
    await documents.deleteBlob("gone.txt");

    const error = await failure(documents.getPrivateBlob("gone.txt"));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("maps a bad token to non-retryable and an unreachable API to retryable INTEGRATION_UNAVAILABLE", async () => {
    const intruder = createBlobClient({ token: "vercel_blob_rw_docs_wrong", access: "private" });
    const denied = await failure(intruder.putBlob({ pathname: "x.txt", body: "x", contentType: "text/plain" }));
    expect(denied.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(denied.isRetryable).toBe(false);

    // Nothing listens on port 1, so the connection is refused at once.
    vi.stubEnv("VERCEL_BLOB_API_URL", "http://127.0.0.1:1/api/blob");
    const offline = await failure(documents.putBlob({ pathname: "x.txt", body: "x", contentType: "text/plain" }));
    expect(offline.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(offline.isRetryable).toBe(true);
  });

  it("lists a prefix page by page with upload times", async () => {
    for (const name of ["a", "b", "c"]) {
      await documents.putBlob({ pathname: `cards/${name}.vcf`, body: name, contentType: "text/vcard" });
    }
    await documents.putBlob({ pathname: "other/d.txt", body: "d", contentType: "text/plain" });

    const first = await documents.listBlobs({ prefix: "cards/", limit: 2 });
    expect(first.blobs.map((blob) => blob.pathname)).toEqual(["cards/a.vcf", "cards/b.vcf"]);
    expect(first.hasMore).toBe(true);
    expect(first.blobs[0]?.uploadedAt).toBeInstanceOf(Date);
    const second = await documents.listBlobs({ prefix: "cards/", cursor: first.cursor });
    expect(second.blobs.map((blob) => blob.pathname)).toEqual(["cards/c.vcf"]);
    expect(second.hasMore).toBe(false);
  });

  it("tells callers which kind of store it writes to", () => {
    expect(documents.access).toBe("private");
    expect(createBlobClient({ token: PUBLIC_TOKEN, access: "public" }).access).toBe("public");
  });
});
