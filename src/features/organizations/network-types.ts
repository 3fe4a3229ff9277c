import type { ProviderLinkStatus } from "./network-schemas";
import type { OrganizationStatus } from "./types";

export interface NetworkLocationDto {
  id: string;
  name: string;
}

/** A provider in an organization's network, as its members see them (never the provider's email). */
export interface NetworkProviderDto {
  providerId: string;
  slug: string;
  displayName: string;
  status: ProviderLinkStatus;
  /** When the link reached its status: invited, joined, declined or ended. */
  since: Date;
  allowsScheduleEdits: boolean;
  /** The organization's locations where the provider has weekly hours or dated hours not yet past. */
  locationsInUse: NetworkLocationDto[];
  /** The provider's pending and confirmed bookings still to come at the organization's locations. */
  upcomingBookingCount: number;
}

export interface NetworkPageDto {
  items: NetworkProviderDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** An approved provider found by name or address, and where they stand with this organization. */
export interface ProviderCandidateDto {
  providerId: string;
  slug: string;
  displayName: string;
  specialties: string[];
  linkStatus: ProviderLinkStatus | null;
}

/** A booking that stays booked after a provider's link ends: times and place only, no patient details. */
export interface UpcomingNetworkBookingDto {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: "PENDING" | "CONFIRMED";
  locationName: string;
  timeZone: string;
}

export interface EndedProviderLinkDto {
  providerId: string;
  organizationId: string;
  status: "ENDED";
  /** Weekly intervals and dated intervals removed at the organization's locations. */
  removedWeeklyIntervals: number;
  removedDatedIntervals: number;
  upcomingBookingCount: number;
  /** The first of them, soonest first (at most 50). */
  upcomingBookings: UpcomingNetworkBookingDto[];
}

/** A provider's own link to an organization. */
export interface MyProviderLinkDto {
  organizationId: string;
  organizationName: string;
  organizationStatus: OrganizationStatus;
  status: Extract<ProviderLinkStatus, "INVITED" | "ACTIVE">;
  since: Date;
  invitedByName: string | null;
  allowsScheduleEdits: boolean;
  locations: NetworkLocationDto[];
  upcomingBookingCount: number;
}

export interface ProviderLinkDto {
  providerId: string;
  organizationId: string;
  status: ProviderLinkStatus;
  allowsScheduleEdits: boolean;
}
