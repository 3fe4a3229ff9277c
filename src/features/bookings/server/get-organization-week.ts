import { AppError } from "@/lib/errors/app-error";
import { addDays, createZoneTimeline, localDateToEpochDay, MINUTES_PER_DAY, MS_PER_MINUTE } from "@/lib/time";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import { listWorkingHoursAtLocations } from "@/features/availability/server";
import { ORGANIZATION_WEEK_PAGE_SIZE, type organizationWeekInput } from "../organization-calendar-schemas";
import type { OrganizationWeekBookingDto, OrganizationWeekDto } from "../organization-calendar-types";
import { findActiveOrganizationProviders, findOrganizationCalendarLocations, findProvidersWeekBookings } from "./organization-calendar-repository";

/** Bookings one week's response carries; past it the view asks for a filter. */
export const ORGANIZATION_WEEK_MAX_BOOKINGS = 2000;

export interface GetOrganizationWeekOptions {
  db: DbExecutor;
  /** The caller's membership, checked by organizationProcedure (STAFF or higher). */
  membership: { organizationId: string };
  /** The member reading the calendar. */
  actorUserId: string;
  origin: AuditOrigin;
  input: z.output<typeof organizationWeekInput>;
}

/** The first instant of a local date in a zone (midnight can fall in a clock-change gap). */
function startOfLocalDate(timeZone: string, date: string): Date {
  const localMinute = localDateToEpochDay(date) * MINUTES_PER_DAY;
  const timeline = createZoneTimeline(timeZone, localMinute - 2 * MINUTES_PER_DAY, localMinute + 2 * MINUTES_PER_DAY);
  return new Date(timeline.localBoundaryToUtc(localMinute) * MS_PER_MINUTE);
}

/**
 * A week of the organization: its active providers (a page of them), its locations, their
 * working hours at its locations, and their bookings. Patient names appear only for bookings at
 * the organization's own locations; the same providers' other bookings (online, or at another
 * organization) are busy time without details, so staff can see when someone is away without
 * learning about patients who are not theirs. A week that names any patient is recorded as one
 * `patient_records.listed` audit row naming those bookings (ids only).
 */
export async function getOrganizationWeek({ db, membership, actorUserId, origin, input }: GetOrganizationWeekOptions): Promise<OrganizationWeekDto> {
  const { organizationId } = membership;
  const locations = await findOrganizationCalendarLocations(db, organizationId);
  if (input.locationId && !locations.some((location) => location.id === input.locationId)) {
    throw new AppError("NOT_FOUND", "Location not found in this organization.");
  }
  const providers = await findActiveOrganizationProviders(db, organizationId, {
    providerId: input.providerId,
    offset: (input.page - 1) * ORGANIZATION_WEEK_PAGE_SIZE,
    limit: ORGANIZATION_WEEK_PAGE_SIZE,
  });
  if (input.providerId && providers.total === 0) {
    throw new AppError("NOT_FOUND", "Provider not found in this organization.");
  }

  const timeZone = input.timeZone ?? locations[0]?.timeZone ?? "UTC";
  const from = startOfLocalDate(timeZone, input.weekStart);
  const to = startOfLocalDate(timeZone, addDays(input.weekStart, 7));
  const providerIds = providers.items.map((provider) => provider.id);
  const shownLocations = input.locationId ? locations.filter((location) => location.id === input.locationId) : locations;
  const shown = new Set(shownLocations.map((location) => location.id));

  const [rows, workingHours] = await Promise.all([
    findProvidersWeekBookings(db, { providerIds, from, to, limit: ORGANIZATION_WEEK_MAX_BOOKINGS + 1 }),
    listWorkingHoursAtLocations({ db, providerIds, locations: shownLocations, from, to }),
  ]);
  const bookings = rows.slice(0, ORGANIZATION_WEEK_MAX_BOOKINGS).map((row): OrganizationWeekBookingDto => {
    if (row.locationId !== null && shown.has(row.locationId)) {
      return {
        kind: "BOOKING",
        id: row.id,
        providerId: row.providerId,
        status: row.status,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        locationId: row.locationId,
        serviceName: row.serviceName,
        patientName: row.patientName,
      };
    }
    return { kind: "BUSY", providerId: row.providerId, startsAt: row.startsAt, endsAt: row.endsAt, where: row.mode === "ONLINE" ? "ONLINE" : "ELSEWHERE" };
  });

  const disclosed = bookings.flatMap((booking) => (booking.kind === "BOOKING" ? [booking.id] : []));
  if (disclosed.length > 0) {
    await recordAudit(db, {
      actorUserId,
      action: "patient_records.listed",
      subjectType: "organization",
      subjectId: organizationId,
      details: { bookingIds: disclosed },
      origin,
    });
  }

  return {
    weekStart: input.weekStart,
    timeZone,
    from,
    to,
    providers: providers.items,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(providers.total / ORGANIZATION_WEEK_PAGE_SIZE)),
    totalProviders: providers.total,
    locations,
    bookings,
    isTruncated: rows.length > ORGANIZATION_WEEK_MAX_BOOKINGS,
    workingHours,
  };
}
