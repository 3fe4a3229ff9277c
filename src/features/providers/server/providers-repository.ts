import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { locations, providerOrganizations, providerSpecialties, providerTypes, providers, services } from "@/server/db/schema";
import type { MyProviderProfileDto, ProviderProfileDto, ProviderSummary, ServiceDto } from "../types";

export interface ProviderDirectoryFilter {
  query?: string;
  specialty?: string;
  language?: string;
  service?: string;
  mode?: "ONLINE" | "IN_PERSON";
  offset: number;
  limit: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function directoryConditions(filter: ProviderDirectoryFilter): SQL | undefined {
  const conditions: SQL[] = [eq(providers.status, "APPROVED")];
  if (filter.query) {
    const pattern = `%${escapeLike(filter.query)}%`;
    // The words may name the provider, or a practice they work at: its organization, location or
    // address (which carries the city, so "London" finds London's providers).
    conditions.push(
      or(
        ilike(providers.displayName, pattern),
        ilike(providers.bio, pattern),
        sql`EXISTS (SELECT 1 FROM ${providerOrganizations} po JOIN organizations o ON o.id = po.organization_id
          LEFT JOIN ${locations} l ON l.organization_id = o.id
          WHERE po.provider_id = ${providers.id} AND po.status = 'ACTIVE'
            AND (o.name ILIKE ${pattern} OR l.name ILIKE ${pattern} OR l.formatted_address ILIKE ${pattern}))`,
      )!,
    );
  }
  if (filter.language) conditions.push(sql`${filter.language} = ANY(${providers.languages})`);
  if (filter.service || filter.mode) {
    // One active service must match both the words and the mode.
    const serviceName = filter.service ? sql`AND s.name ILIKE ${`%${escapeLike(filter.service)}%`}` : sql``;
    const serviceMode =
      filter.mode === "ONLINE" ? sql`AND s.is_online` : filter.mode === "IN_PERSON" ? sql`AND s.is_in_person` : sql``;
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${services} s WHERE s.provider_id = ${providers.id} AND s.is_active ${serviceName} ${serviceMode})`,
    );
  }
  if (filter.specialty) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${providerSpecialties} ps JOIN ${providerTypes} pt ON pt.id = ps.provider_type_id
        WHERE ps.provider_id = ${providers.id} AND pt.slug = ${filter.specialty})`,
    );
  }
  return and(...conditions);
}

/** One page of approved providers, with specialties and active services, in three queries. */
export async function findApprovedProviders(
  db: DbExecutor,
  filter: ProviderDirectoryFilter,
): Promise<{ items: ProviderSummary[]; total: number }> {
  const where = directoryConditions(filter);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: providers.id,
        slug: providers.slug,
        displayName: providers.displayName,
        bio: providers.bio,
        languages: providers.languages,
        timeZone: providers.timeZone,
      })
      .from(providers)
      .where(where)
      .orderBy(asc(providers.displayName), asc(providers.id))
      .offset(filter.offset)
      .limit(filter.limit),
    db.select({ total: count() }).from(providers).where(where),
  ]);
  if (rows.length === 0) return { items: [], total: totalRow?.total ?? 0 };

  const ids = rows.map((row) => row.id);
  const [specialtyRows, serviceRows] = await Promise.all([
    db
      .select({ providerId: providerSpecialties.providerId, slug: providerTypes.slug, name: providerTypes.name })
      .from(providerSpecialties)
      .innerJoin(providerTypes, eq(providerTypes.id, providerSpecialties.providerTypeId))
      .where(inArray(providerSpecialties.providerId, ids))
      .orderBy(asc(providerTypes.name)),
    db
      .select({
        providerId: services.providerId,
        id: services.id,
        name: services.name,
        durationMinutes: services.durationMinutes,
        priceMinor: services.priceMinor,
        currency: services.currency,
        isOnline: services.isOnline,
        isInPerson: services.isInPerson,
      })
      .from(services)
      .where(and(inArray(services.providerId, ids), eq(services.isActive, true)))
      .orderBy(asc(services.name)),
  ]);

  const items = rows.map((row) => ({
    ...row,
    specialties: specialtyRows.filter((s) => s.providerId === row.id).map(({ slug, name }) => ({ slug, name })),
    services: serviceRows.filter((s) => s.providerId === row.id).map(({ providerId: _p, ...service }) => service),
  }));
  return { items, total: totalRow?.total ?? 0 };
}

export async function findSpecialties(db: DbExecutor): Promise<{ slug: string; name: string }[]> {
  return db.select({ slug: providerTypes.slug, name: providerTypes.name }).from(providerTypes).orderBy(asc(providerTypes.name));
}

const serviceColumns = {
  id: services.id,
  name: services.name,
  description: services.description,
  durationMinutes: services.durationMinutes,
  priceMinor: services.priceMinor,
  currency: services.currency,
  isOnline: services.isOnline,
  isInPerson: services.isInPerson,
  isActive: services.isActive,
  bufferBeforeMinutes: services.bufferBeforeMinutes,
  bufferAfterMinutes: services.bufferAfterMinutes,
  slotStepMinutes: services.slotStepMinutes,
  minimumNoticeMinutes: services.minimumNoticeMinutes,
  bookingHorizonDays: services.bookingHorizonDays,
  maxBookingsPerDay: services.maxBookingsPerDay,
  requiresApproval: services.requiresApproval,
};

export async function findApprovedProviderBySlug(db: DbExecutor, slug: string): Promise<ProviderProfileDto | null> {
  const [provider] = await db
    .select({
      id: providers.id,
      slug: providers.slug,
      displayName: providers.displayName,
      bio: providers.bio,
      languages: providers.languages,
      timeZone: providers.timeZone,
    })
    .from(providers)
    .where(and(eq(providers.slug, slug), eq(providers.status, "APPROVED")));
  if (!provider) return null;
  const [specialtyRows, serviceRows, locationRows] = await Promise.all([
    db
      .select({ slug: providerTypes.slug, name: providerTypes.name })
      .from(providerSpecialties)
      .innerJoin(providerTypes, eq(providerTypes.id, providerSpecialties.providerTypeId))
      .where(eq(providerSpecialties.providerId, provider.id))
      .orderBy(asc(providerTypes.name)),
    db
      .select(serviceColumns)
      .from(services)
      .where(and(eq(services.providerId, provider.id), eq(services.isActive, true)))
      .orderBy(asc(services.name)),
    findProviderLocations(db, provider.id),
  ]);
  return { ...provider, specialties: specialtyRows, services: serviceRows, locations: locationRows };
}

export async function findServicesOfProvider(db: DbExecutor, providerId: string): Promise<ServiceDto[]> {
  return db.select(serviceColumns).from(services).where(eq(services.providerId, providerId)).orderBy(asc(services.name));
}

export async function insertService(db: DbExecutor, providerId: string, values: Omit<ServiceDto, "id" | "isActive">): Promise<ServiceDto> {
  const [row] = await db.insert(services).values({ ...values, providerId }).returning(serviceColumns);
  return row!;
}

export async function updateServiceOfProvider(
  db: DbExecutor,
  providerId: string,
  serviceId: string,
  values: Partial<Omit<ServiceDto, "id">>,
): Promise<ServiceDto | null> {
  const [row] = await db
    .update(services)
    .set(values)
    .where(and(eq(services.id, serviceId), eq(services.providerId, providerId)))
    .returning(serviceColumns);
  return row ?? null;
}

export async function findMyProviderProfile(db: DbExecutor, providerId: string): Promise<MyProviderProfileDto | null> {
  const [row] = await db
    .select({
      id: providers.id,
      slug: providers.slug,
      displayName: providers.displayName,
      status: providers.status,
      timeZone: providers.timeZone,
      cancellationCutoffMinutes: providers.cancellationCutoffMinutes,
    })
    .from(providers)
    .where(eq(providers.id, providerId));
  return row ?? null;
}

export async function updateProviderSettings(
  db: DbExecutor,
  providerId: string,
  values: { timeZone: string; cancellationCutoffMinutes: number },
): Promise<void> {
  await db.update(providers).set(values).where(eq(providers.id, providerId));
}

export type ProviderLocation = ProviderProfileDto["locations"][number];

/** Locations of the organizations the provider actively belongs to. */
export async function findProviderLocations(db: DbExecutor, providerId: string): Promise<ProviderLocation[]> {
  return db
    .select({
      id: locations.id,
      name: locations.name,
      formattedAddress: locations.formattedAddress,
      timeZone: locations.timeZone,
      latitude: locations.latitude,
      longitude: locations.longitude,
    })
    .from(locations)
    .innerJoin(providerOrganizations, eq(providerOrganizations.organizationId, locations.organizationId))
    .where(and(eq(providerOrganizations.providerId, providerId), eq(providerOrganizations.status, "ACTIVE")))
    .orderBy(asc(locations.name));
}
