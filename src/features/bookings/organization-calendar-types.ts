import type { BookingStatus } from "./types";

export interface OrganizationWeekProviderDto {
  id: string;
  displayName: string;
  timeZone: string;
  /** The provider let the organization's managers edit their hours at its locations. */
  allowsScheduleEdits: boolean;
}

export interface OrganizationWeekLocationDto {
  id: string;
  name: string;
  timeZone: string;
}

/**
 * A booking on the organization calendar. Bookings at the organization's locations (the
 * filtered one, when filtered) come with what the front desk needs; every other booking of the
 * same providers is only time they are busy, with no patient, service or place.
 */
export type OrganizationWeekBookingDto =
  | {
      kind: "BOOKING";
      id: string;
      providerId: string;
      status: BookingStatus;
      startsAt: Date;
      endsAt: Date;
      locationId: string;
      serviceName: string;
      patientName: string;
    }
  | { kind: "BUSY"; providerId: string; startsAt: Date; endsAt: Date; where: "ONLINE" | "ELSEWHERE" };

export interface OrganizationWeekDto {
  weekStart: string;
  timeZone: string;
  /** The instants the week starts and ends in the display zone. */
  from: Date;
  to: Date;
  providers: OrganizationWeekProviderDto[];
  page: number;
  pageCount: number;
  totalProviders: number;
  locations: OrganizationWeekLocationDto[];
  bookings: OrganizationWeekBookingDto[];
  /** More bookings than one response carries: filter by provider or location to see them all. */
  isTruncated: boolean;
  workingHours: { providerId: string; locationId: string; startsAt: Date; endsAt: Date }[];
}
