import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { documentTypes, locations, organizations, providerTypeDocumentRequirements, providerTypes, providers, services, users } from "../schema";
import { DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_PROVIDERS } from "./demo-data";
import { seedDemo } from "./seed";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("demo seed", () => {
  it("seeds a realistic demo once and leaves existing data alone afterwards", async () => {
    await expect(seedDemo(db.db)).resolves.toEqual({ seeded: true, providers: 20, organizations: 4 });
    const [providerCount] = await db.db.select({ n: count() }).from(providers).where(eq(providers.status, "APPROVED"));
    expect(providerCount!.n).toBe(DEMO_PROVIDERS.length);
    const zones = await db.db.selectDistinct({ zone: locations.timeZone }).from(locations);
    expect(zones.map((z) => z.zone).sort()).toEqual(["America/New_York", "Asia/Kolkata", "Australia/Adelaide", "Europe/London"]);
    const [serviceCount] = await db.db.select({ n: count() }).from(services);
    expect(serviceCount!.n).toBe(40);
    const admin = await db.db.query.users.findFirst({ where: eq(users.email, DEMO_ADMIN.email) });
    expect(admin?.role).toBe("ADMIN");
    const [userCount] = await db.db.select({ n: count() }).from(users);
    expect(userCount!.n).toBe(DEMO_ACCOUNTS.length);

    await expect(seedDemo(db.db)).resolves.toEqual({ seeded: false, reason: "the database already has data" });
    const [orgCount] = await db.db.select({ n: count() }).from(organizations);
    expect(orgCount!.n).toBe(4);
  });

  it("requires an enhanced criminal record check of pediatrics only, on top of the documents everyone sends", async () => {
    const rows = await db.db
      .select({ key: documentTypes.key, specialty: providerTypes.slug })
      .from(providerTypeDocumentRequirements)
      .innerJoin(documentTypes, eq(documentTypes.id, providerTypeDocumentRequirements.documentTypeId))
      .innerJoin(providerTypes, eq(providerTypes.id, providerTypeDocumentRequirements.providerTypeId));
    expect(rows).toEqual([{ key: "enhanced-criminal-record-check", specialty: "pediatrics" }]);
    const [check] = await db.db.select().from(documentTypes).where(eq(documentTypes.key, "enhanced-criminal-record-check"));
    expect(check).toMatchObject({ requiredForAll: false, name: "Enhanced criminal record check" });
  });
});
