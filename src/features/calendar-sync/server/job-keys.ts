/**
 * One pending job per calendar and kind: a connect, a webhook, "sync now" and the reconciliation
 * cron all add under the same key, so their requests coalesce into one run.
 */
export const calendarSyncJobKey = (calendarId: string) => `calendar-sync:${calendarId}`;
export const calendarWatchJobKey = (calendarId: string) => `calendar-watch:${calendarId}`;
