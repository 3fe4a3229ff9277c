import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, auditLog } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createPatient } from "@/test/factories";
import { asUser, sessionFor } from "@/test/trpc";
import { GET } from "./route";

const state = vi.hoisted(() => ({
  db: undefined as unknown as import("@/test/db").TestDatabase,
  session: null as import("next-auth").Session | null,
}));

vi.mock("server-only", () => ({}));
vi.mock("@/server/db", () => ({ getDatabase: () => state.db }));
vi.mock("@/server/auth/session", () => ({ getSession: () => Promise.resolve(state.session) }));
vi.mock("@/server/rate-limit/app-rate-limiter", () => ({ trustedProxyHops: () => 1 }));

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  state.db = db;
});
afterAll(() => db.drop());

const request = () => new Request("https://medbookings.example/api/account/export", { headers: { "x-forwarded-for": "203.0.113.150", "user-agent": "ExportTest/1" } });

describe("GET /api/account/export", () => {
  it("answers 401 without a session, and records nothing", async () => {
    state.session = null;
    const response = await GET(request());
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(await response.text()).toBe("Sign in to download your data.\n");
    expect(await db.db.select().from(auditLog).where(eq(auditLog.action, "user.data_exported"))).toEqual([]);
  });

  it("downloads the signed-in person's data as a dated JSON attachment, never cached, and audits it", async () => {
    const { user } = await createPatient(db.db, { user: { name: "Rhea Route", email: "rhea.route@example.test" }, profile: { phone: "+447700900650" } });
    await db.db.insert(accounts).values({ userId: user.id, type: "oauth", provider: "google", providerAccountId: "sub-rhea", accessToken: "SEALED-ACCESS-ROUTE" });
    state.session = sessionFor(asUser({ id: user.id }));

    const response = await GET(request());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="medbookings-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const text = await response.text();
    expect(text).not.toContain("SEALED-ACCESS-ROUTE");
    const data = JSON.parse(text) as { format: string; account: { email: string; name: string; linkedSignIns: { provider: string }[] }; patientProfile: { phone: string } };
    expect(data).toMatchObject({
      format: "medbookings-personal-data/1",
      account: { email: "rhea.route@example.test", name: "Rhea Route", linkedSignIns: [{ provider: "google" }] },
      patientProfile: { phone: "+447700900650" },
    });

    const audits = await db.db.select().from(auditLog).where(and(eq(auditLog.action, "user.data_exported"), eq(auditLog.subjectId, user.id)));
    expect(audits).toEqual([expect.objectContaining({ actorUserId: user.id, subjectType: "user", details: {}, ipAddress: "203.0.113.150", userAgent: "ExportTest/1" })]);
  });

  it("answers 401 for a session whose account no longer exists", async () => {
    state.session = sessionFor(asUser({ id: "00000000-0000-4000-8000-000000000000" }));
    expect((await GET(request())).status).toBe(401);
  });
});
