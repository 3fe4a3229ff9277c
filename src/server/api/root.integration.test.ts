import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvider, createUser } from "@/test/factories";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { anonymous, asUser, callerFor } from "@/test/trpc";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await createProvider(db.db, {
    user: { name: "Dr. Zed Approved", email: "zed.private@example.test" },
    provider: { displayName: "Dr. Zed Approved", languages: ["en", "fr"], bio: "Knee and hip specialist" },
    specialties: [{ slug: "orthopedics", name: "Orthopedics" }],
    services: [{ name: "Knee review", durationMinutes: 30, priceMinor: 9_000, currency: "EUR" }],
  });
  await createProvider(db.db, {
    provider: { displayName: "Dr. Pending Person", status: "PENDING" },
  });
  await createProvider(db.db, {
    provider: { displayName: "Dr. Ada Deutsch", languages: ["de"] },
    services: [{ name: "Video check", isOnline: true, isInPerson: false }],
    specialties: [{ slug: "cardiology", name: "Cardiology" }],
  });
});
afterAll(() => db.drop());

describe("providers.list (public directory)", () => {
  it("lists approved providers only, with services and specialties", async () => {
    const page = await callerFor(db.db, anonymous).providers.list({});
    expect(page.items.map((p) => p.displayName)).toEqual(["Dr. Ada Deutsch", "Dr. Zed Approved"]);
    expect(page.total).toBe(2);
    const zed = page.items.find((p) => p.displayName === "Dr. Zed Approved")!;
    expect(zed.services).toEqual([expect.objectContaining({ name: "Knee review", priceMinor: 9_000, currency: "EUR" })]);
    expect(zed.specialties).toEqual([{ slug: "orthopedics", name: "Orthopedics" }]);
  });

  it("exposes no contact details", async () => {
    const page = await callerFor(db.db, anonymous).providers.list({});
    expect(JSON.stringify(page)).not.toContain("zed.private@example.test");
    expect(Object.keys(page.items[0]!)).not.toContain("userId");
  });

  it("filters by text, language and specialty in the database and paginates", async () => {
    const caller = callerFor(db.db, anonymous);
    expect((await caller.providers.list({ query: "knee" })).items.map((p) => p.displayName)).toEqual(["Dr. Zed Approved"]);
    expect((await caller.providers.list({ language: "de" })).items.map((p) => p.displayName)).toEqual(["Dr. Ada Deutsch"]);
    expect((await caller.providers.list({ specialty: "cardiology" })).total).toBe(1);
    expect((await caller.providers.list({ query: "100%_" })).total).toBe(0);
    expect((await caller.providers.list({ service: "knee" })).items.map((p) => p.displayName)).toEqual(["Dr. Zed Approved"]);
    expect((await caller.providers.list({ service: "knee", mode: "ONLINE" })).total).toBe(1);
    expect((await caller.providers.list({ mode: "IN_PERSON", language: "de" })).total).toBe(0);
    const second = await caller.providers.list({ page: 2, pageSize: 1 });
    expect(second).toMatchObject({ page: 2, pageSize: 1, total: 2, pageCount: 2 });
    expect(second.items.map((p) => p.displayName)).toEqual(["Dr. Zed Approved"]);
  });

  it("rejects bad filters with the field named", async () => {
    await expect(callerFor(db.db, anonymous).providers.list({ pageSize: 500 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("pageSize must be at most 50"),
    });
  });
});

describe("admin.overview", () => {
  it("is refused to visitors and non-admins, and counts for admins", async () => {
    const patient = await createUser(db.db);
    const admin = await createUser(db.db, { role: "ADMIN" });
    await expect(callerFor(db.db, anonymous).admin.overview()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(db.db, asUser(patient)).admin.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db.db, asUser({ id: admin.id, role: "ADMIN" })).admin.overview()).resolves.toMatchObject({
      pendingProviders: 1,
      approvedProviders: 2,
    });
  });
});

describe("auth.me", () => {
  it("is null for a visitor and the user for a session", async () => {
    await expect(callerFor(db.db, anonymous).auth.me()).resolves.toBeNull();
    const user = await createUser(db.db, { name: "Pat" });
    await expect(callerFor(db.db, asUser({ id: user.id, name: "Pat" })).auth.me()).resolves.toMatchObject({ id: user.id, name: "Pat", role: "USER", providerSlug: null });
    const { user: providerUser, provider } = await createProvider(db.db);
    await expect(callerFor(db.db, asUser(providerUser)).auth.me()).resolves.toMatchObject({ providerSlug: provider.slug });
  });
});
