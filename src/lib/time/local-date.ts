/**
 * Calendar arithmetic on local dates ("YYYY-MM-DD") in pure integer math.
 *
 * A local date is a label on a wall calendar, not an instant, so it is represented as the
 * number of days since 1970-01-01 in the proleptic Gregorian calendar ("epoch day"). Going
 * through `Date` would drag in the host's zone and allocate on hot paths.
 */

/** "YYYY-MM-DD", a calendar date without a zone. */
export type LocalDate = string;

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MINUTES_PER_DAY = 1440;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

/** Epoch day of a "YYYY-MM-DD" date. Throws a RangeError for anything that is not a real date. */
export function localDateToEpochDay(date: LocalDate): number {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Invalid local date "${date}": expected YYYY-MM-DD`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Invalid local date "${date}": no such day`);
  }
  return daysFromCivil(year, month, day);
}

export function epochDayToLocalDate(epochDay: number): LocalDate {
  const { year, month, day } = civilFromDays(epochDay);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** ISO weekday of an epoch day; 1970-01-01 was a Thursday. */
export function isoWeekdayOfEpochDay(epochDay: number): IsoWeekday {
  return ((((epochDay + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  return isoWeekdayOfEpochDay(localDateToEpochDay(date));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return epochDayToLocalDate(localDateToEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return localDateToEpochDay(to) - localDateToEpochDay(from);
}

/**
 * The calendar span the product accepts from callers. PostgreSQL's `date` and `timestamptz`
 * reach far wider, but a year 0 or 10000 is never a real appointment, and JavaScript's Date and
 * PostgreSQL disagree at the edges (year 0, six-digit years): refusing them at the schema keeps
 * such input a field message instead of a database error.
 */
export const ACCEPTED_DATE_RANGE = { first: "2000-01-01", last: "2099-12-31" } as const satisfies Record<string, LocalDate>;

/** The accepted span as instants: from the first day's start to the day after the last, in UTC. */
export const ACCEPTED_INSTANT_RANGE = {
  from: new Date(`${ACCEPTED_DATE_RANGE.first}T00:00:00Z`),
  until: new Date(`${addDays(ACCEPTED_DATE_RANGE.last, 1)}T00:00:00Z`),
} as const;

/** A real "YYYY-MM-DD" date inside {@link ACCEPTED_DATE_RANGE}. */
export function isAcceptedLocalDate(value: string): boolean {
  return isLocalDate(value) && value >= ACCEPTED_DATE_RANGE.first && value <= ACCEPTED_DATE_RANGE.last;
}
