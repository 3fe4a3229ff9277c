import Holidays from "date-holidays";

/** One public holiday as a range of local dates (both ends inclusive, YYYY-MM-DD). */
export interface PublicHoliday {
  startDate: string;
  endDate: string;
  name: string;
  /** The day off that replaces a holiday falling on a weekend (e.g. Boxing Day on a Monday). */
  isSubstitute: boolean;
}

export interface PublicHolidayList {
  /** False when the bundled dataset does not know the country: the list is then empty. */
  isCountryKnown: boolean;
  /** False when a region was given that the dataset does not know: the national list is used. */
  isRegionKnown: boolean;
  holidays: PublicHoliday[];
}

const DAY_MS = 86_400_000;
const dataset = new Holidays();
const countries = new Set(Object.keys(dataset.getCountries("en") ?? {}));

/** "GB-ENG" → "ENG"; a code of another country, or malformed, → null. */
function subdivisionOf(countryCode: string, regionCode: string | null): string | null {
  if (!regionCode) return null;
  const prefix = `${countryCode}-`;
  return regionCode.toUpperCase().startsWith(prefix) ? regionCode.slice(prefix.length).toUpperCase() : null;
}

function addDays(localDate: string, days: number): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The public holidays ("public" type only: no observances, bank-only or optional days) of a
 * country, or of one of its regions (ISO 3166-2, e.g. "GB-ENG", "US-CA"), in one year, from the
 * bundled offline dataset. Dates are the local calendar dates the dataset gives. A holiday the
 * dataset spans over several days is one range; consecutive days of the same name (a three-day
 * New Year) are joined into one, so they are accepted or rejected together; two holidays on the
 * same date become one entry naming both, since a location can be closed only once a day.
 */
export function listPublicHolidays(countryCode: string, regionCode: string | null, year: number): PublicHolidayList {
  const country = countryCode.toUpperCase();
  if (!countries.has(country)) return { isCountryKnown: false, isRegionKnown: false, holidays: [] };
  const subdivision = subdivisionOf(country, regionCode);
  const states = dataset.getStates(country, "en") ?? {};
  const isRegionKnown = regionCode === null || regionCode === "" || (subdivision !== null && subdivision in states);
  const calendar = isRegionKnown && subdivision ? new Holidays(country, subdivision, { languages: ["en"] }) : new Holidays(country, { languages: ["en"] });

  const byStart = new Map<string, PublicHoliday>();
  for (const holiday of calendar.getHolidays(year, "en") ?? []) {
    if (holiday.type !== "public") continue;
    const startDate = holiday.date.slice(0, 10);
    // Whole days between the dataset's start and end instants; rounding absorbs a DST hour.
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    const endDate = addDays(startDate, days - 1);
    const existing = byStart.get(startDate);
    if (existing) {
      if (!existing.name.split(" / ").includes(holiday.name)) existing.name = `${existing.name} / ${holiday.name}`;
      if (endDate > existing.endDate) existing.endDate = endDate;
      existing.isSubstitute &&= Boolean(holiday.substitute);
      continue;
    }
    byStart.set(startDate, { startDate, endDate, name: holiday.name, isSubstitute: Boolean(holiday.substitute) });
  }

  const holidays: PublicHoliday[] = [];
  for (const holiday of [...byStart.values()].sort((a, b) => (a.startDate < b.startDate ? -1 : 1))) {
    const previous = holidays.at(-1);
    if (previous && previous.name === holiday.name && addDays(previous.endDate, 1) >= holiday.startDate) {
      if (holiday.endDate > previous.endDate) previous.endDate = holiday.endDate;
      continue;
    }
    if (previous && holiday.startDate <= previous.endDate) {
      // Overlaps a longer holiday already listed: the location is closed those days anyway.
      continue;
    }
    holidays.push(holiday);
  }
  return { isCountryKnown: true, isRegionKnown, holidays };
}
