import { and, asc, count, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { bookings, locations, patientProfiles, providerOrganizations, providers, services, users } from "@/server/db/schema";
import type { OrganizationWeekLocationDto, OrganizationWeekProviderDto } from "../organization-calendar-types";

/** Statuses that hold a provider's time and belong on a calendar; holds, cancellations and declines do not. */
const CALENDAR_STATUSES = ["PENDING", "CONFIRMED", "COMPLETED", "NO_SHOW"] as const;

/** The organization's providers who work with it now (ACTIVE), by name, one page. */
export async function findActiveOrganizationProviders(
  db: DbExecutor,
  organizationId: string,
  filter: { providerId?: string; offset: number; limit: number },
): Promise<{ items: OrganizationWeekProviderDto[]; total: number }> {
  const where = and(
    eq(providerOrganizations.organizationId, organizationId),
    eq(providerOrganizations.status, "ACTIVE"),
    filter.providerId ? eq(providerOrganizations.providerId, filter.providerId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: providers.id,
        displayName: providers.displayName,
        timeZone: providers.timeZone,
        allowsScheduleEdits: providerOrganizations.allowsScheduleEdits,
      })
      .from(providerOrganizations)
      .innerJoin(providers, eq(providers.id, providerOrganizations.providerId))
      .where(where)
      .orderBy(asc(providers.displayName), asc(providers.id))
      .offset(filter.offset)
      .limit(filter.limit),
    db.select({ n: count() }).from(providerOrganizations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findOrganizationCalendarLocations(db: DbExecutor, organizationId: string): Promise<OrganizationWeekLocationDto[]> {
  return db
    .select({ id: locations.id, name: locations.name, timeZone: locations.timeZone })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.name), asc(locations.id));
}

export interface WeekBookingRow {
  id: string;
  providerId: string;
  status: (typeof CALENDAR_STATUSES)[number];
  startsAt: Date;
  endsAt: Date;
  mode: "IN_PERSON" | "ONLINE";
  locationId: string | null;
  serviceName: string;
  patientName: string;
}

/** The providers' bookings that overlap [from, to), oldest first, at most `limit`. */
export async function findProvidersWeekBookings(
  db: DbExecutor,
  input: { providerIds: string[]; from: Date; to: Date; limit: number },
): Promise<WeekBookingRow[]> {
  if (input.providerIds.length === 0) return [];
  const rows = await db
    .select({
      id: bookings.id,
      providerId: bookings.providerId,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      mode: bookings.mode,
      locationId: bookings.locationId,
      serviceName: services.name,
      guestName: bookings.guestName,
      profileName: patientProfiles.fullName,
      userName: users.name,
    })
    .from(bookings)
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .leftJoin(users, eq(users.id, bookings.patientUserId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, bookings.patientUserId))
    .where(
      and(
        inArray(bookings.providerId, input.providerIds),
        inArray(bookings.status, [...CALENDAR_STATUSES]),
        lt(bookings.startsAt, input.to),
        gt(bookings.endsAt, input.from),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(input.limit);
  return rows.map(({ guestName, profileName, userName, ...row }) => ({
    ...row,
    status: row.status as WeekBookingRow["status"],
    patientName: guestName ?? profileName ?? userName ?? "Patient",
  }));
}
