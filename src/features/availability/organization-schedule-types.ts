import type { LocationDto, WeeklyRuleDto } from "./types";

/** A provider's weekly in-person hours at one organization's locations, as its managers see them. */
export interface OrganizationScheduleDto {
  provider: { id: string; displayName: string; timeZone: string };
  /** The organization's locations, the only places these hours may be at. */
  locations: LocationDto[];
  /** In-person weekly rules at the organization's locations; the provider's other hours are not shown. */
  rules: WeeklyRuleDto[];
  /** The provider works with the organization and allowed its managers to edit these hours. */
  canEdit: boolean;
  /** Why editing is not possible, for people; null when canEdit. */
  editBlockedReason: string | null;
}

/** An interval of a provider's working hours as real instants, for calendars. */
export interface WorkingHoursDto {
  providerId: string;
  locationId: string;
  startsAt: Date;
  endsAt: Date;
}
