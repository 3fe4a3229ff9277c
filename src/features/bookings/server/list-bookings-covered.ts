import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { AffectedBookingsDto } from "../affected-types";
import {
  findBookingsAtLocationOnDates,
  findOrganizationClosure,
  findProviderBookingsOnDates,
  findProviderOverride,
  type AffectedBookingRow,
  type CoverRange,
} from "./affected-bookings-repository";

/** What covers bookings: a closure of the organization's location, or the provider's own time off. */
export type BookingCover = { kind: "closure"; organizationId: string; closureId: string } | { kind: "timeOff"; providerId: string; overrideId: string };

export interface ListBookingsCoveredOptions {
  db: DbExecutor;
  cover: BookingCover;
  now: Date;
}

/**
 * The pending and confirmed bookings, not yet started, that a closure (in person at its
 * location on its dates) or a day off (all the provider's bookings on those dates) covers. A
 * closure of another organization or another provider's time off is NOT_FOUND; a rejected
 * holiday and hours that are not time off cover nothing.
 */
export async function listBookingsCovered({ db, cover, now }: ListBookingsCoveredOptions): Promise<AffectedBookingsDto & { rows: AffectedBookingRow[] }> {
  let range: CoverRange;
  let rows: AffectedBookingRow[];
  if (cover.kind === "closure") {
    const closure = await findOrganizationClosure(db, cover.organizationId, cover.closureId);
    if (!closure) throw new AppError("NOT_FOUND", "We could not find this closure in your organization.");
    range = closure;
    rows = closure.accepted ? await findBookingsAtLocationOnDates(db, { locationId: closure.locationId, startDate: closure.startDate, endDate: closure.endDate, now }) : [];
  } else {
    const override = await findProviderOverride(db, cover.providerId, cover.overrideId);
    if (!override) throw new AppError("NOT_FOUND", "We could not find this time off in your schedule.");
    range = { ...override, name: override.name || "Time off" };
    rows = override.kind === "OFF" ? await findProviderBookingsOnDates(db, { providerId: cover.providerId, startDate: override.startDate, endDate: override.endDate, now }) : [];
  }
  return { name: range.name, startDate: range.startDate, endDate: range.endDate, bookings: rows.map(({ providerId: _providerId, ...dto }) => dto), rows };
}
