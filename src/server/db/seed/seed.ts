import { sql } from "drizzle-orm";
import {
  createLocation,
  createMembership,
  createOrganization,
  createPatient,
  createProvider,
  createProviderType,
  createUser,
  createWeeklyRules,
  linkProviderToOrganization,
  standardWeek,
} from "@/test/factories";
import type { Database } from "../client";
import { documentTypes, providerTypeDocumentRequirements } from "../schema";
import {
  DEMO_ADMIN,
  DEMO_ORGANIZATIONS,
  DEMO_PATIENT,
  DEMO_PROVIDERS,
  DEMO_SECOND_PATIENT,
  DEMO_SPECIALTIES,
  DEMO_SPECIALTY_DOCUMENTS,
  providerEmail,
  providerSlug,
} from "./demo-data";

export type SeedResult = { seeded: true; providers: number; organizations: number } | { seeded: false; reason: string };

/**
 * Seeds the demo world in one transaction. A database that already has users is left alone,
 * so a second `npm run dev` keeps whatever the person did in the first.
 */
export async function seedDemo(db: Database): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // Two dev processes starting at once must not both seed.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(4242001)`);
    const existing = await tx.execute(sql`SELECT 1 FROM users LIMIT 1`);
    if (existing.rows.length > 0) return { seeded: false, reason: "the database already has data" };

    const verified = new Date("2026-01-01T00:00:00Z");
    await createUser(tx, { ...DEMO_ADMIN, role: "ADMIN", emailVerified: verified });
    await createPatient(tx, {
      user: { ...DEMO_PATIENT, emailVerified: verified },
      profile: { fullName: DEMO_PATIENT.name, phone: "+447700900123", timeZone: "Europe/London", preferredLanguage: "en" },
    });
    await createPatient(tx, {
      user: { ...DEMO_SECOND_PATIENT, emailVerified: verified },
      profile: { fullName: DEMO_SECOND_PATIENT.name, phone: "+12025550143", timeZone: "America/New_York", preferredLanguage: "es" },
    });

    const organizationIds = new Map<string, string>();
    const firstLocation = new Map<string, string>();
    for (const org of DEMO_ORGANIZATIONS) {
      const row = await createOrganization(tx, { slug: org.slug, name: org.name, description: org.description, status: "APPROVED" });
      organizationIds.set(org.slug, row.id);
      for (const location of org.locations) {
        const created = await createLocation(tx, { ...location, organizationId: row.id });
        if (!firstLocation.has(org.slug)) firstLocation.set(org.slug, created.id);
      }
    }

    const specialtyNames = new Map<string, string>(DEMO_SPECIALTIES.map((s) => [s.slug, s.name]));
    const ownerSeen = new Set<string>();
    for (const demo of DEMO_PROVIDERS) {
      const { user, provider } = await createProvider(tx, {
        user: { email: providerEmail(demo.name), name: demo.name, emailVerified: verified },
        provider: {
          slug: providerSlug(demo.name),
          displayName: demo.name,
          bio: demo.bio,
          languages: demo.languages,
          timeZone: demo.timeZone,
          status: "APPROVED",
        },
        specialties: demo.specialties.map((slug) => ({ slug, name: specialtyNames.get(slug)! })),
        services: demo.services,
      });
      const organizationId = organizationIds.get(demo.organization)!;
      await linkProviderToOrganization(tx, provider.id, organizationId);
      await createWeeklyRules(tx, provider.id, standardWeek(firstLocation.get(demo.organization)!));
      // The first provider listed for each practice owns it; the others are staff.
      await createMembership(tx, {
        organizationId,
        userId: user.id,
        role: ownerSeen.has(organizationId) ? "STAFF" : "OWNER",
      });
      ownerSeen.add(organizationId);
    }
    for (const { requiredFor, ...document } of DEMO_SPECIALTY_DOCUMENTS) {
      const [type] = await tx.insert(documentTypes).values(document).returning({ id: documentTypes.id });
      for (const slug of requiredFor) {
        const providerType = await createProviderType(tx, slug, specialtyNames.get(slug)!);
        await tx.insert(providerTypeDocumentRequirements).values({ providerTypeId: providerType.id, documentTypeId: type!.id });
      }
    }
    return { seeded: true, providers: DEMO_PROVIDERS.length, organizations: DEMO_ORGANIZATIONS.length };
  });
}
