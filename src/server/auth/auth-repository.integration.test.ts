import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { createAuthRepository } from "./auth-repository";
import { createTokenCipher } from "./token-crypto";

let db: TestDatabase;
const cipher = createTokenCipher(randomBytes(32).toString("base64"));

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
    expect(cipher.decrypt(stored!.refreshToken!)).toBe("1//first-refresh");

    // A later sign-in without prompt=consent brings no refresh token: the old one is kept.
    await repo.storeAccountTokens({ provider: "google", providerAccountId: "1001", access_token: "ya29.second-access", expires_at: 1_900_003_600 });
    const [merged] = await db.db.select().from(accounts).where(eq(accounts.providerAccountId, "1001"));
    expect(cipher.decrypt(merged!.accessToken!)).toBe("ya29.second-access");
    expect(cipher.decrypt(merged!.refreshToken!)).toBe("1//first-refresh");
    expect(merged!.expiresAt).toBe(1_900_003_600);

    await expect(repo.getUserByAccount!({ provider: "google", providerAccountId: "1001" })).resolves.toMatchObject({ id: user.id });
    await expect(repo.getUserByEmail!("linked.person@example.TEST")).resolves.toMatchObject({ id: user.id });
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
