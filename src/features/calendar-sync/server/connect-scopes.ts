/**
 * The calendar scopes a connection asks for, the narrowest that cover what the app calls
 * (per the "Authorization" section of each method in Google's Calendar API reference):
 * - `calendar.events`: events.list/get/watch/insert/patch/delete, and channels.stop;
 * - `calendar.calendarlist.readonly`: calendarList.list, to offer the account's calendars.
 * `openid email` come with them so the token response carries an ID token naming the account.
 */
export const CALENDAR_EVENTS_SCOPE = "https://www.googleapis.com/auth/calendar.events";
export const CALENDAR_LIST_SCOPE = "https://www.googleapis.com/auth/calendar.calendarlist.readonly";
export const CALENDAR_CONNECT_SCOPES = ["openid", "email", CALENDAR_EVENTS_SCOPE, CALENDAR_LIST_SCOPE] as const;

const GOOGLE_SCOPE = "https://www.googleapis.com/auth/";
/** Scopes that include event reads and writes (a broader grant from before also serves). */
const EVENT_WRITE_SCOPES = new Set([`${GOOGLE_SCOPE}calendar`, CALENDAR_EVENTS_SCOPE]);
/** Scopes that include calendarList.list. */
const CALENDAR_LIST_SCOPES = new Set([
  `${GOOGLE_SCOPE}calendar`,
  `${GOOGLE_SCOPE}calendar.readonly`,
  `${GOOGLE_SCOPE}calendar.calendarlist`,
  CALENDAR_LIST_SCOPE,
]);

/**
 * Whether a grant lets the app do its calendar work. Google's consent page lets the person untick
 * each calendar scope: a grant missing either is refused as a whole, never stored half-working.
 */
export function grantCoversCalendar(scopes: readonly string[]): boolean {
  return scopes.some((scope) => EVENT_WRITE_SCOPES.has(scope)) && scopes.some((scope) => CALENDAR_LIST_SCOPES.has(scope));
}
