import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reencryptStoredTokens } from "@/server/auth/auth-repository";
import { calendarConnectionTokenContext, createTokenCipher } from "@/server/auth/token-crypto";
import { calendarConnections } from "@/server/db/schema";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import type { TestDatabase } from "@/test/db";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { createProvider } from "@/test/factories";
import { CALENDAR_SCOPE, CLIENT_ID, PROVIDER, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { accessTokenFor, storeConnectionTokens } from "./connection-tokens";

// A connected calendar account's tokens: encrypted at rest and bound to their connection,
// refreshed through google-auth-library against the local cloud, a refused refresh turning the
// connection into "needs reconnecting", and key rotation covering them.

const key = () => randomBytes(32).toString("base64");
const oldKey = key();
const cipher = createTokenCipher({ writeKey: oldKey });

let db: TestDatabase;
let h: GoogleHarness;
let google: GoogleCalendarIntegration;

let testbed: CalendarTestbed;

beforeAll(async () => {
  testbed = await startCalendarTestbed();
  ({ db, h, google } = testbed);
});
afterAll(() => testbed?.close());

async function connect(expiresAt: Date) {
  const { provider } = await createProvider(db.db);
  const tokens = h.emulator.issueTokens({ clientId: CLIENT_ID, email: PROVIDER, scopes: ["openid", "email", CALENDAR_SCOPE], offline: true });
  const [connection] = await db.db.insert(calendarConnections).values({ providerId: provider.id, googleSubject: `sub-${provider.id}`, googleEmail: PROVIDER }).returning();
  await storeConnectionTokens(db.db, cipher, connection!.id, { accessToken: tokens.accessToken, expiresAt, refreshToken: tokens.refreshToken, scopes: [CALENDAR_SCOPE] });
  return { id: connection!.id, tokens };
}

async function row(id: string) {
  const [found] = await db.db.select().from(calendarConnections).where(eq(calendarConnections.id, id));
  return found!;
}

function counting() {
  let refreshes = 0;
  return {
    google: { refreshAccessToken: (input: { refreshToken: string }) => ((refreshes += 1), google.refreshAccessToken(input)) },
    refreshes: () => refreshes,
  };
}

describe("connection tokens", () => {
  it("are stored encrypted, each bound to its connection and column", async () => {
    const { id, tokens } = await connect(new Date(Date.now() + 3_600_000));
    const stored = await row(id);
    expect(stored.accessToken).not.toContain(tokens.accessToken);
    expect(stored.refreshToken).not.toContain(tokens.refreshToken!);
    expect(cipher.decrypt(stored.accessToken!, calendarConnectionTokenContext(id, "access_token"))).toBe(tokens.accessToken);
    const other = await connect(new Date(Date.now() + 3_600_000));
    expect(() => cipher.decrypt(stored.accessToken!, calendarConnectionTokenContext(other.id, "access_token"))).toThrow();
    expect(() => cipher.decrypt(stored.refreshToken!, calendarConnectionTokenContext(id, "access_token"))).toThrow();
  });

  it("uses a valid access token as it is, and refreshes one about to expire", async () => {
    const now = new Date();
    const fresh = await connect(new Date(now.getTime() + 3_600_000));
    const calls = counting();
    expect(await accessTokenFor({ db: db.db, cipher, google: calls.google, connectionId: fresh.id, now })).toBe(fresh.tokens.accessToken);
    expect(calls.refreshes()).toBe(0);

    const expiring = await connect(new Date(now.getTime() + 30_000));
    const token = await accessTokenFor({ db: db.db, cipher, google: calls.google, connectionId: expiring.id, now });
    expect(calls.refreshes()).toBe(1);
    expect(token).not.toBe(expiring.tokens.accessToken);
    // The new token works against the API and is what is stored now.
    expect((await google.listCalendars({ accessToken: token })).map((calendar) => calendar.id)).toContain(PROVIDER);
    const stored = await row(expiring.id);
    expect(cipher.decrypt(stored.accessToken!, calendarConnectionTokenContext(expiring.id, "access_token"))).toBe(token);
    expect(stored.accessTokenExpiresAt!.getTime()).toBeGreaterThan(now.getTime() + 60_000);
    // The refresh token is kept (Google sends none on refresh).
    expect(cipher.decrypt(stored.refreshToken!, calendarConnectionTokenContext(expiring.id, "refresh_token"))).toBe(expiring.tokens.refreshToken);
  });

  it("a refresh Google refuses marks the connection as needing reconnection, and Google is not asked again", async () => {
    const now = new Date();
    const revoked = await connect(new Date(now.getTime() - 1_000));
    expect(h.emulator.revokeRefreshToken(revoked.tokens.refreshToken!)).toBe(true);
    const calls = counting();
    await expect(accessTokenFor({ db: db.db, cipher, google: calls.google, connectionId: revoked.id, now })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      details: { reconnectRequired: true },
    });
    expect(await row(revoked.id)).toMatchObject({ status: "NEEDS_RECONNECT", statusReason: "invalid_grant" });
    await expect(accessTokenFor({ db: db.db, cipher, google: calls.google, connectionId: revoked.id, now })).rejects.toMatchObject({ details: { reconnectRequired: true } });
    expect(calls.refreshes()).toBe(1);
  });

  it("are re-encrypted by the key rotation with the sign-in accounts' tokens", async () => {
    const { id, tokens } = await connect(new Date(Date.now() + 3_600_000));
    const newKey = key();
    const report = await reencryptStoredTokens(db.db, createTokenCipher({ writeKey: newKey, previousKeys: [oldKey] }));
    expect(report.calendarConnections).toBeGreaterThanOrEqual(1);
    expect(report.rewritten).toBeGreaterThanOrEqual(2);
    const currentOnly = createTokenCipher({ writeKey: newKey });
    const stored = await row(id);
    expect(currentOnly.decrypt(stored.accessToken!, calendarConnectionTokenContext(id, "access_token"))).toBe(tokens.accessToken);
    expect(currentOnly.decrypt(stored.refreshToken!, calendarConnectionTokenContext(id, "refresh_token"))).toBe(tokens.refreshToken);
  });
});
