import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { PhoneBookingOptionsDto } from "../phone-booking-types";
import { findBookableProviders, findOrganizationForPhoneBooking, findOrganizationLocations } from "./phone-bookings-repository";

export interface ListPhoneBookingOptionsOptions {
  db: DbExecutor;
  organizationId: string;
}

/** What the phone booking form offers: the organization's bookable providers with their services, and its locations. */
export async function listPhoneBookingOptions({ db, organizationId }: ListPhoneBookingOptionsOptions): Promise<PhoneBookingOptionsDto> {
  const organization = await findOrganizationForPhoneBooking(db, organizationId);
  if (!organization) throw new AppError("NOT_FOUND", "Organization not found.");
  const [providers, locations] = await Promise.all([findBookableProviders(db, organizationId), findOrganizationLocations(db, organizationId)]);
  return { organization, providers, locations };
}
