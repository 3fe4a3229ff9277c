import {
  BlobAccessError,
  BlobError,
  BlobNotFoundError,
  BlobStoreNotFoundError,
  copy,
  del,
  head,
  list,
  put,
} from "@vercel/blob";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { serve, type RunningEmulator } from "../lib/http";
import { createBlobEmulator, type BlobEmulator } from "./index";

const PUBLIC_TOKEN = "vercel_blob_rw_publicstore_s3cret";
const PRIVATE_TOKEN = "vercel_blob_rw_privatestore_an0ther";
const clock = Date.parse("2026-03-02T09:00:00Z");

let blob: RunningEmulator<BlobEmulator>;
const asPublic = { access: "public", token: PUBLIC_TOKEN } as const;
const asPrivate = { access: "private", token: PRIVATE_TOKEN } as const;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

beforeEach(async () => {
  blob = await serve(
    createBlobEmulator({
      stores: [
        { storeId: "publicstore", token: PUBLIC_TOKEN, access: "public" },
        { storeId: "privatestore", token: PRIVATE_TOKEN, access: "private" },
      ],
      now: () => clock,
    }),
  );
  vi.stubEnv("VERCEL_BLOB_API_URL", blob.emulator.apiUrl);
  // Errors the SDK treats as transient would otherwise be retried ten times with backoff.
  vi.stubEnv("VERCEL_BLOB_RETRIES", "0");
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await blob.close();
});

describe("put and serving with @vercel/blob", () => {
  it("stores a public blob and serves it to anyone with its content type", async () => {
    const result = await put("providers/dr-lee.vcf", "BEGIN:VCARD\nEND:VCARD", asPublic);

    expect(result).toEqual({
      url: `${blob.url}/publicstore/providers/dr-lee.vcf`,
      downloadUrl: `${blob.url}/publicstore/providers/dr-lee.vcf?download=1`,
      pathname: "providers/dr-lee.vcf",
      contentType: "text/vcard",
      contentDisposition: 'inline; filename="dr-lee.vcf"',
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
    });
    const response = await fetch(result.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/vcard");
    expect(response.headers.get("cache-control")).toBe("public, max-age=2592000");
    expect(await response.text()).toBe("BEGIN:VCARD\nEND:VCARD");

    const download = await fetch(result.downloadUrl);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="dr-lee.vcf"');
    const cached = await fetch(result.url, { headers: { "if-none-match": result.etag } });
    expect(cached.status).toBe(304);
  });

  it("honours contentType, cacheControlMaxAge and addRandomSuffix", async () => {
    const result = await put("avatars/me.png", Buffer.from([1, 2, 3]), {
      ...asPublic,
      contentType: "image/webp",
      cacheControlMaxAge: 60,
      addRandomSuffix: true,
    });

    expect(result.pathname).toMatch(/^avatars\/me-[A-Za-z0-9]{30}\.png$/);
    const response = await fetch(result.url);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
  });

  it("refuses to overwrite unless allowOverwrite", async () => {
    await put("notes.txt", "first", asPublic);

    const error = await rejection(put("notes.txt", "second", asPublic));
    expect(error).toBeInstanceOf(BlobError);
    expect((error as Error).message).toContain("This blob already exists");

    const replaced = await put("notes.txt", "second", { ...asPublic, allowOverwrite: true });
    expect(await (await fetch(replaced.url)).text()).toBe("second");
  });

  it("serves private blobs only with the store's token", async () => {
    const result = await put("patients/p1/referral.pdf", "%PDF-1.7", asPrivate);
    expect(result.url).toBe(`${blob.url}/privatestore/patients/p1/referral.pdf`);

    expect((await fetch(result.url)).status).toBe(403);
    expect((await fetch(result.url, { headers: { authorization: `Bearer ${PUBLIC_TOKEN}` } })).status).toBe(403);
    const allowed = await fetch(result.url, { headers: { authorization: `Bearer ${PRIVATE_TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toBe("application/pdf");
    expect(allowed.headers.get("cache-control")).toBe("private, max-age=2592000");
    expect(await allowed.text()).toBe("%PDF-1.7");
  });

  it("rejects access that does not match the store", async () => {
    const error = await rejection(put("x.txt", "x", { access: "public", token: PRIVATE_TOKEN }));
    expect(error).toBeInstanceOf(BlobError);
    expect((error as Error).message).toContain("private store");
  });

  it("maps a wrong token to BlobAccessError and an unknown store to BlobStoreNotFoundError", async () => {
    expect(await rejection(put("x.txt", "x", { access: "public", token: "vercel_blob_rw_publicstore_wrong" }))).toBeInstanceOf(
      BlobAccessError,
    );
    expect(await rejection(put("x.txt", "x", { access: "public", token: "vercel_blob_rw_nostore_x" }))).toBeInstanceOf(
      BlobStoreNotFoundError,
    );
  });
});

describe("head, del, list and copy with @vercel/blob", () => {
  it("heads a blob by pathname or URL and reports BlobNotFoundError when absent", async () => {
    const { url } = await put("docs/a.json", '{"a":1}', asPublic);

    for (const target of ["docs/a.json", url]) {
      const meta = await head(target, { token: PUBLIC_TOKEN });
      expect(meta).toMatchObject({
        url,
        pathname: "docs/a.json",
        size: 7,
        contentType: "application/json",
        cacheControl: "public, max-age=2592000",
        contentDisposition: 'inline; filename="a.json"',
      });
      expect(meta.uploadedAt.toISOString()).toBe("2026-03-02T09:00:00.000Z");
    }
    expect(await rejection(head("docs/missing.json", { token: PUBLIC_TOKEN }))).toBeInstanceOf(BlobNotFoundError);
  });

  it("deletes one or many blobs by URL or pathname", async () => {
    const a = await put("d/a.txt", "a", asPublic);
    await put("d/b.txt", "b", asPublic);
    await put("d/c.txt", "c", asPublic);

    await del(a.url, { token: PUBLIC_TOKEN });
    await del(["d/b.txt", "d/never-existed.txt"], { token: PUBLIC_TOKEN });

    expect((await fetch(a.url)).status).toBe(404);
    expect((await list({ token: PUBLIC_TOKEN })).blobs.map((entry) => entry.pathname)).toEqual(["d/c.txt"]);
  });

  it("lists by prefix with limit and cursor, and folds folders", async () => {
    for (const pathname of ["a/1.txt", "a/2.txt", "a/3.txt", "a/sub/4.txt", "b/5.txt"]) {
      await put(pathname, pathname, asPublic);
    }

    const first = await list({ token: PUBLIC_TOKEN, prefix: "a/", limit: 2 });
    expect(first.blobs.map((entry) => entry.pathname)).toEqual(["a/1.txt", "a/2.txt"]);
    expect(first.hasMore).toBe(true);
    const second = await list({ token: PUBLIC_TOKEN, prefix: "a/", limit: 2, cursor: first.cursor });
    expect(second.blobs.map((entry) => entry.pathname)).toEqual(["a/3.txt", "a/sub/4.txt"]);
    expect(second.hasMore).toBe(false);
    expect(second.blobs[0]).toMatchObject({ size: 7, url: `${blob.url}/publicstore/a/3.txt` });

    const folded = await list({ token: PUBLIC_TOKEN, prefix: "a/", mode: "folded" });
    expect(folded.folders).toEqual(["a/sub/"]);
    expect(folded.blobs.map((entry) => entry.pathname)).toEqual(["a/1.txt", "a/2.txt", "a/3.txt"]);
  });

  it("copies a blob", async () => {
    const source = await put("src.txt", "hello", asPublic);
    const copied = await copy(source.url, "dst.txt", asPublic);

    expect(copied.pathname).toBe("dst.txt");
    expect(copied.contentType).toBe("text/plain");
    expect(await (await fetch(copied.url)).text()).toBe("hello");
  });

  it("exposes a snapshot without contents and reads bytes in process", async () => {
    await put("patients/p1/x.pdf", "%PDF", asPrivate);

    const snapshot = (await (await fetch(`${blob.url}/__control/snapshot`)).json()) as ReturnType<BlobEmulator["snapshot"]>;
    expect(snapshot.stores.find((store) => store.storeId === "privatestore")?.blobs).toEqual([
      expect.objectContaining({ pathname: "patients/p1/x.pdf", size: 4, contentType: "application/pdf" }),
    ]);
    expect(blob.emulator.read("privatestore", "patients/p1/x.pdf")?.body.toString()).toBe("%PDF");
  });
});
