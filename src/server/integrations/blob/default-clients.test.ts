import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createBlobEmulator, type BlobEmulator } from "../../../../local-cloud/blob";
import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";

const PRIVATE_TOKEN = "vercel_blob_rw_docs_s3cret";
const PUBLIC_TOKEN = "vercel_blob_rw_cards_s3cret";

let emulator: RunningEmulator<BlobEmulator>;

/** client.ts and env.mjs afresh, so each test's environment is the one they read. */
async function freshClientModule() {
  vi.resetModules();
  return import("./client");
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
  vi.stubEnv("SKIP_ENV_VALIDATION", "1");
  vi.stubEnv("VERCEL_BLOB_API_URL", emulator.emulator.apiUrl);
  vi.stubEnv("VERCEL_BLOB_RETRIES", "0");
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
});

describe("default blob clients", () => {
  it("write to the private store with BLOB_READ_WRITE_TOKEN and the public one with BLOB_PUBLIC_READ_WRITE_TOKEN", async () => {
    vi.stubEnv("BLOB_READ_WRITE_TOKEN", PRIVATE_TOKEN);
    vi.stubEnv("BLOB_PUBLIC_READ_WRITE_TOKEN", PUBLIC_TOKEN);
    const { privateBlobs, publicBlobs, putBlob } = await freshClientModule();

    const secret = await privateBlobs.putBlob({ pathname: "p.txt", body: "patient", contentType: "text/plain" });
    const shared = await publicBlobs.putBlob({ pathname: "card.vcf", body: "BEGIN:VCARD", contentType: "text/vcard" });
    const legacy = await putBlob({ pathname: "q.txt", body: "also private", contentType: "text/plain" });

    expect(emulator.emulator.read("docs", secret.pathname)?.body.toString()).toBe("patient");
    expect(emulator.emulator.read("docs", legacy.pathname)?.body.toString()).toBe("also private");
    expect(emulator.emulator.read("cards", shared.pathname)?.body.toString()).toBe("BEGIN:VCARD");
    expect((await fetch(secret.url)).status).toBe(403);
    expect((await fetch(shared.url)).status).toBe(200);
    expect([privateBlobs.access, publicBlobs.access]).toEqual(["private", "public"]);
  });

  it("name the missing variable of the store asked for, and only that store fails", async () => {
    vi.stubEnv("BLOB_READ_WRITE_TOKEN", PRIVATE_TOKEN);
    vi.stubEnv("BLOB_PUBLIC_READ_WRITE_TOKEN", "");
    const { privateBlobs, publicBlobs } = await freshClientModule();

    await expect(publicBlobs.putBlob({ pathname: "c.vcf", body: "x", contentType: "text/vcard" })).rejects.toMatchObject({
      code: "INTEGRATION_UNAVAILABLE",
      message: "File storage is not configured: set BLOB_PUBLIC_READ_WRITE_TOKEN.",
    });
    await expect(privateBlobs.putBlob({ pathname: "p.txt", body: "x", contentType: "text/plain" })).resolves.toMatchObject({
      pathname: "p.txt",
    });
  });
});
