import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { createAuthRepository } from "./auth-repository";
import { createTokenCipher } from "./token-crypto";

let db: TestDatabase;
const cipher = createTokenCipher({ writeKey: randomBytes(32).toString("base64") });
const row1001 = { provider: "google", providerAccountId: "1001" };

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("auth repository (next-auth adapter)", () => {
  it("stores OAuth tokens encrypted and merges later tokens over earlier ones", async () => {
    const repo = createAuthRepository(db.db, cipher);
    const user = await createUser(db.db, { email: "Linked.Person@Example.test" });
    await repo.linkAccount!({
      userId: user.id,
      type: "oauth",
      provider: "google",
      providerAccountId: "1001",
      access_token: "ya29.first-access",
      refresh_token: "1//first-refresh",
      id_token: "eyJ.id.token",
      expires_at: 1_900_000_000,
      token_type: "bearer",
      scope: "openid email",
    });
    const [stored] = await db.db.select().from(accounts).where(eq(accounts.providerAccountId, "1001"));
    expect(JSON.stringify(stored)).not.toMatch(/first-access|first-refresh|eyJ\.id\.token/);
    expect(cipher.decrypt(stored!.refreshToken!, { ...row1001, field: "refresh_token" })).toBe("1//first-refresh");
    // Each token is sealed to its own row and column.
    expect(() => cipher.decrypt(stored!.refreshToken!, { ...row1001, field: "access_token" })).toThrow();
    expect(() => cipher.decrypt(stored!.refreshToken!, { ...row1001, providerAccountId: "1002", field: "refresh_token" })).toThrow();

    // A later sign-in without prompt=consent brings no refresh token: the old one is kept.
    await repo.storeAccountTokens({ provider: "google", providerAccountId: "1001", access_token: "ya29.second-access", expires_at: 1_900_003_600 });
    const [merged] = await db.db.select().from(accounts).where(eq(accounts.providerAccountId, "1001"));
    expect(cipher.decrypt(merged!.accessToken!, { ...row1001, field: "access_token" })).toBe("ya29.second-access");
    expect(cipher.decrypt(merged!.refreshToken!, { ...row1001, field: "refresh_token" })).toBe("1//first-refresh");
    expect(merged!.expiresAt).toBe(1_900_003_600);

    await expect(repo.getUserByAccount!({ provider: "google", providerAccountId: "1001" })).resolves.toMatchObject({ id: user.id });
    await expect(repo.getUserByEmail!("linked.person@example.TEST")).resolves.toMatchObject({ id: user.id });
  });

  it("marks an address verified only while it is still the user's address, and only once", async () => {
    const repo = createAuthRepository(db.db, cipher);
    const user = await createUser(db.db, { email: "Unverified@Example.test", emailVerified: null });
    const first = new Date("2026-12-01T10:00:00Z");
    await repo.markEmailVerified({ userId: user.id, email: "someone.else@example.test", verifiedAt: first });
    await expect(repo.getUser!(user.id)).resolves.toMatchObject({ emailVerified: null });
    await repo.markEmailVerified({ userId: user.id, email: "unverified@example.TEST", verifiedAt: first });
    await expect(repo.getUser!(user.id)).resolves.toMatchObject({ emailVerified: first });
    await repo.markEmailVerified({ userId: user.id, email: "unverified@example.test", verifiedAt: new Date("2026-12-02T10:00:00Z") });
    await expect(repo.getUser!(user.id)).resolves.toMatchObject({ emailVerified: first });
  });

  it("creates, reads and deletes database sessions with the user's role", async () => {
    const repo = createAuthRepository(db.db, cipher);
    const admin = await createUser(db.db, { role: "ADMIN" });
    await repo.createSession!({ sessionToken: "session-abc", userId: admin.id, expires: new Date("2030-01-01T00:00:00Z") });
    const found = await repo.getSessionAndUser!("session-abc");
    expect(found?.user).toMatchObject({ id: admin.id, role: "ADMIN" });
    await repo.deleteSession!("session-abc");
    await expect(repo.getSessionAndUser!("session-abc")).resolves.toBeNull();
  });

  it("refuses a second user with the same email in another case", async () => {
    await createUser(db.db, { email: "dup@example.test" });
    await expect(createUser(db.db, { email: "DUP@example.test" })).rejects.toThrow();
  });
});
