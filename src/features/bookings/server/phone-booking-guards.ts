import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { holdNoLongerValid } from "./contact-verification-rules";
import { findHoldPlace, findOrganizationForPhoneBooking, hasActiveProviderLink, isLocationOfOrganization } from "./phone-bookings-repository";

const NOT_APPROVED: Record<string, string> = {
  PENDING: "This organization is awaiting review by the MedBookings platform team; it can book for patients once it is approved.",
  REJECTED: "This organization was not approved, so it cannot book for patients. Please contact support if you think this is a mistake.",
  SUSPENDED: "This organization is suspended, so it cannot book for patients. Please contact support.",
};

/**
 * An organization's staff book only its own network: a provider with an ACTIVE link to it, at one
 * of its own locations or online. Anything else is NOT_FOUND, as for an id that does not exist,
 * so another organization's providers and locations stay unseen.
 */
export async function assertPhoneBookable(
  db: DbExecutor,
  place: { organizationId: string; providerId: string; locationId: string | null },
): Promise<void> {
  const organization = await findOrganizationForPhoneBooking(db, place.organizationId);
  if (!organization) throw new AppError("NOT_FOUND", "Organization not found.");
  if (organization.status !== "APPROVED") {
    throw new AppError("PRECONDITION_FAILED", NOT_APPROVED[organization.status] ?? "This organization cannot book for patients right now.");
  }
  if (!(await hasActiveProviderLink(db, place.organizationId, place.providerId))) {
    throw new AppError("NOT_FOUND", "This provider is not in your organization's network. Choose one of the providers listed.", {
      fieldErrors: { providerId: ["This provider is not in your organization's network. Choose one of the providers listed."] },
    });
  }
  if (place.locationId && !(await isLocationOfOrganization(db, place.organizationId, place.locationId))) {
    throw new AppError("NOT_FOUND", "This is not one of your organization's locations. Choose one of them, or an online visit.", {
      fieldErrors: { locationId: ["This is not one of your organization's locations. Choose one of them, or an online visit."] },
    });
  }
}

/** A hold the organization's staff may act on: one of its providers, at one of its locations or online. */
export async function assertHoldOfOrganization(db: DbExecutor, organizationId: string, holdId: string): Promise<void> {
  const place = await findHoldPlace(db, holdId);
  if (!place) throw holdNoLongerValid();
  try {
    await assertPhoneBookable(db, { organizationId, ...place });
  } catch (error) {
    // A hold elsewhere reads as no hold at all: its token proves nothing to this organization.
    if (error instanceof AppError && error.code === "NOT_FOUND") throw holdNoLongerValid();
    throw error;
  }
}
