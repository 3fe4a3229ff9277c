import type { BookingMode } from "./schemas";

export interface SlotDto {
  startsAt: Date;
  endsAt: Date;
  mode: BookingMode;
  locationId: string | null;
}

export interface LocationDto {
  id: string;
  name: string;
  formattedAddress: string;
  timeZone: string;
  latitude: number;
  longitude: number;
}

export interface PublicSlots {
  providerTimeZone: string;
  slots: SlotDto[];
  locations: LocationDto[];
}

export interface WeeklyRuleDto {
  id: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
  mode: BookingMode;
  locationId: string | null;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
}

export interface OverrideDto {
  id: string;
  startDate: string;
  endDate: string;
  kind: "OFF" | "REPLACE" | "EXTRA";
  reason: string;
  intervals: { startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null }[];
}

export interface ScheduleDto {
  timeZone: string;
  rules: WeeklyRuleDto[];
  overrides: OverrideDto[];
  /** Places this provider may offer in-person visits at (their organizations' locations). */
  locations: LocationDto[];
}
