/**
 * Test and seed data builders. `buildX` returns an in-memory value with sensible defaults;
 * `createX` inserts one and returns the row. Shared by the demo seed, integration tests and e2e.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import {
  availabilityRules,
  locations,
  memberships,
  organizations,
  patientProfiles,
  providerOrganizations,
  providerSpecialties,
  providerTypes,
  providers,
  services,
  users,
} from "@/server/db/schema";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

const unique = () => randomUUID().slice(0, 8);

export function buildUser(overrides: Partial<Insert<typeof users>> = {}): Insert<typeof users> {
  const suffix = unique();
  return {
    name: `Test User ${suffix}`,
    email: `user-${suffix}@example.test`,
    emailVerified: new Date("2026-01-01T00:00:00Z"),
    role: "USER",
    ...overrides,
  };
}

export async function createUser(db: DbExecutor, overrides: Partial<Insert<typeof users>> = {}) {
  const [row] = await db.insert(users).values(buildUser(overrides)).returning();
  return row!;
}

export async function createPatient(
  db: DbExecutor,
  overrides: { user?: Partial<Insert<typeof users>>; profile?: Partial<Insert<typeof patientProfiles>> } = {},
) {
  const user = await createUser(db, overrides.user);
  const [profile] = await db
    .insert(patientProfiles)
    .values({
      userId: user.id,
      fullName: user.name ?? "Test Patient",
      timeZone: "Europe/London",
      preferredLanguage: "en",
      ...overrides.profile,
    })
    .returning();
  return { user, profile: profile! };
}

export async function createProviderType(db: DbExecutor, slug: string, name: string) {
  const existing = await db.query.providerTypes.findFirst({ where: eq(providerTypes.slug, slug) });
  if (existing) return existing;
  const [row] = await db.insert(providerTypes).values({ slug, name }).returning();
  return row!;
}

export function buildService(overrides: Partial<Insert<typeof services>> & { providerId: string }): Insert<typeof services> {
  return {
    name: "Consultation",
    description: "",
    durationMinutes: 30,
    priceMinor: 5_000,
    currency: "EUR",
    isOnline: true,
    isInPerson: true,
    ...overrides,
  };
}

export async function createProvider(
  db: DbExecutor,
  overrides: {
    user?: Partial<Insert<typeof users>>;
    provider?: Partial<Insert<typeof providers>>;
    specialties?: { slug: string; name: string }[];
    services?: Partial<Insert<typeof services>>[];
  } = {},
) {
  const user = await createUser(db, overrides.user);
  const suffix = unique();
  const [provider] = await db
    .insert(providers)
    .values({
      userId: user.id,
      slug: `provider-${suffix}`,
      displayName: user.name ?? `Provider ${suffix}`,
      bio: "",
      languages: ["en"],
      timeZone: "Europe/London",
      status: "APPROVED",
      ...overrides.provider,
    })
    .returning();
  for (const specialty of overrides.specialties ?? []) {
    const type = await createProviderType(db, specialty.slug, specialty.name);
    await db.insert(providerSpecialties).values({ providerId: provider!.id, providerTypeId: type.id });
  }
  const serviceRows = [];
  for (const service of overrides.services ?? []) {
    const [row] = await db.insert(services).values(buildService({ ...service, providerId: provider!.id })).returning();
    serviceRows.push(row!);
  }
  return { user, provider: provider!, services: serviceRows };
}

export async function createOrganization(db: DbExecutor, overrides: Partial<Insert<typeof organizations>> = {}) {
  const suffix = unique();
  const [row] = await db
    .insert(organizations)
    .values({ slug: `org-${suffix}`, name: `Organization ${suffix}`, status: "APPROVED", ...overrides })
    .returning();
  return row!;
}

export async function createLocation(
  db: DbExecutor,
  overrides: Partial<Insert<typeof locations>> & { organizationId: string },
) {
  const [row] = await db
    .insert(locations)
    .values({
      name: "Main site",
      formattedAddress: "1 Test Street, London, UK",
      latitude: 51.5072,
      longitude: -0.1276,
      timeZone: "Europe/London",
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createMembership(db: DbExecutor, values: Insert<typeof memberships>) {
  const [row] = await db.insert(memberships).values(values).returning();
  return row!;
}

export async function linkProviderToOrganization(db: DbExecutor, providerId: string, organizationId: string) {
  const [row] = await db
    .insert(providerOrganizations)
    .values({ providerId, organizationId, status: "ACTIVE", joinedAt: new Date("2026-01-01T00:00:00Z") })
    .returning();
  return row!;
}

export async function createWeeklyRules(
  db: DbExecutor,
  providerId: string,
  rules: Omit<Insert<typeof availabilityRules>, "providerId">[],
) {
  if (rules.length === 0) return [];
  return db
    .insert(availabilityRules)
    .values(rules.map((rule) => ({ ...rule, providerId })))
    .returning();
}

/** Weekdays 09:00–12:30 in person at `locationId` and 14:00–17:00 online, like most demo providers. */
export function standardWeek(locationId: string | null): Omit<Insert<typeof availabilityRules>, "providerId">[] {
  const rules: Omit<Insert<typeof availabilityRules>, "providerId">[] = [];
  for (let weekday = 1; weekday <= 5; weekday++) {
    if (locationId) rules.push({ weekday, startMinute: 9 * 60, endMinute: 12 * 60 + 30, mode: "IN_PERSON", locationId });
    rules.push({ weekday, startMinute: 14 * 60, endMinute: 17 * 60, mode: "ONLINE", locationId: null });
  }
  return rules;
}
