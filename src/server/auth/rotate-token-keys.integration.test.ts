import { spawn } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { createAuthRepository, reencryptStoredTokens, TokenRotationError } from "./auth-repository";
import { createTokenCipher, type TokenContext } from "./token-crypto";

const newKey = () => randomBytes(32).toString("base64");
const oldKey = newKey();
const currentKey = newKey();
const oldCipher = createTokenCipher({ writeKey: oldKey });
const rotating = createTokenCipher({ writeKey: currentKey, previousKeys: [oldKey] });
// After rotation the old key must no longer be needed.
const currentOnly = createTokenCipher({ writeKey: currentKey });

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** The format written before key ids: v1.<iv>.<tag>.<ciphertext>, no associated data. */
function legacySeal(key: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key, "base64"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

async function linkGoogleAccount(providerAccountId: string, tokens: { access_token?: string; refresh_token?: string; id_token?: string }, cipher = oldCipher) {
  const user = await createUser(db.db);
  await createAuthRepository(db.db, cipher).linkAccount!({ userId: user.id, type: "oauth", provider: "google", providerAccountId, ...tokens });
}

async function storedRow(providerAccountId: string) {
  const [row] = await db.db.select().from(accounts).where(eq(accounts.providerAccountId, providerAccountId));
  return row!;
}

const contextOf = (providerAccountId: string, field: TokenContext["field"]): TokenContext => ({ provider: "google", providerAccountId, field });

/** Runs `npm run tokens:rotate`'s script against the test database. */
function runScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["scripts/rotate-token-keys.ts"], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", DATABASE_URL: db.url, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("token key rotation", () => {
  it("re-encrypts every token under the write key, upgrades the legacy format, and is idempotent", async () => {
    await linkGoogleAccount("r-1", { access_token: "ya29.one", refresh_token: "1//one", id_token: "eyJ.one" });
    await linkGoogleAccount("r-2", { access_token: "ya29.two" });
    await linkGoogleAccount("r-3", { access_token: "ya29.three", refresh_token: "1//three" }, currentOnly);
    await linkGoogleAccount("r-4", {});
    await db.db.update(accounts).set({ refreshToken: legacySeal(oldKey, "1//legacy") }).where(eq(accounts.providerAccountId, "r-2"));

    const report = await reencryptStoredTokens(db.db, rotating);
    expect(report).toEqual({ accounts: 4, calendarConnections: 0, rewritten: 5, alreadyCurrent: 2 });

    const one = await storedRow("r-1");
    expect(currentOnly.decrypt(one.accessToken!, contextOf("r-1", "access_token"))).toBe("ya29.one");
    expect(currentOnly.decrypt(one.refreshToken!, contextOf("r-1", "refresh_token"))).toBe("1//one");
    expect(currentOnly.decrypt(one.idToken!, contextOf("r-1", "id_token"))).toBe("eyJ.one");
    const two = await storedRow("r-2");
    expect(currentOnly.decrypt(two.refreshToken!, contextOf("r-2", "refresh_token"))).toBe("1//legacy");
    expect(two.idToken).toBeNull();
    const three = await storedRow("r-3");

    const again = await reencryptStoredTokens(db.db, rotating);
    expect(again).toEqual({ accounts: 4, calendarConnections: 0, rewritten: 0, alreadyCurrent: 7 });
    expect((await storedRow("r-1")).accessToken).toBe(one.accessToken);
    expect((await storedRow("r-3")).refreshToken).toBe(three.refreshToken);
  });

  it("changes nothing when a token opens with no configured key, and says how many", async () => {
    await linkGoogleAccount("u-1", { access_token: "ya29.old-key" });
    await linkGoogleAccount("u-2", { access_token: "ya29.lost-key" }, createTokenCipher({ writeKey: newKey() }));
    const before = await storedRow("u-1");

    const error = await reencryptStoredTokens(db.db, rotating).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenRotationError);
    expect(error).toMatchObject({ unreadable: 1 });
    expect((error as Error).message).not.toMatch(/ya29/);
    expect((await storedRow("u-1")).accessToken).toBe(before.accessToken);

    await db.db.delete(accounts).where(eq(accounts.providerAccountId, "u-2"));
  });

  it("runs as `npm run tokens:rotate` against DATABASE_URL and prints counts only", async () => {
    await linkGoogleAccount("s-1", { access_token: "ya29.script", refresh_token: "1//script" });
    const sealedBefore = (await storedRow("s-1")).refreshToken!;

    const run = await runScript({ TOKEN_ENCRYPTION_KEY: currentKey, TOKEN_ENCRYPTION_PREVIOUS_KEYS: oldKey });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/3 token\(s\) re-encrypted, 7 already current, across 6 account\(s\)/);
    expect(run.stdout).toContain(currentOnly.writeKeyId);
    expect(run.stdout).not.toMatch(/ya29|1\/\/|v2\.|v1\./);
    expect(run.stdout).not.toContain(sealedBefore);
    expect(currentOnly.decrypt((await storedRow("s-1")).refreshToken!, contextOf("s-1", "refresh_token"))).toBe("1//script");

    const rerun = await runScript({ TOKEN_ENCRYPTION_KEY: currentKey });
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/ 0 token\(s\) re-encrypted, 10 already current/);

    const missingKey = await runScript({ TOKEN_ENCRYPTION_KEY: newKey() });
    expect(missingKey.code).toBe(1);
    expect(missingKey.stderr).toMatch(/10 stored token\(s\) could not be decrypted.*nothing was changed/);
  }, 60_000);
});
