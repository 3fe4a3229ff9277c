import type { WeeklyRuleDto } from "./types";

export interface OpeningHoursLocationDto {
  id: string;
  name: string;
  formattedAddress: string;
  /** The opening hours are local times in this zone. */
  timeZone: string;
  openingHours: { weekday: number; startMinute: number; endMinute: number }[];
}

/** What applying a location's opening hours would do to the provider's week. */
export interface OpeningHoursPreviewDto {
  location: OpeningHoursLocationDto;
  /** The provider's current in-person intervals at this location, which the opening hours replace. */
  replaced: WeeklyRuleDto[];
  /** The intervals that would be saved at this location (the opening hours). */
  seeded: { weekday: number; startMinute: number; endMinute: number }[];
  /** Intervals elsewhere (other locations, online) that stay as they are. */
  keptCount: number;
  /** Why replacing would be refused: an opening-hours interval overlaps a kept one in real time (null when it would not). */
  overlap: string | null;
}
