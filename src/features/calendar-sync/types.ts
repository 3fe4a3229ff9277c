import type { CalendarEventDeletedAction } from "./schemas";

export type CalendarConnectionStatus = "ACTIVE" | "NEEDS_RECONNECT";
export type CalendarSyncOutcome = "OK" | "RESYNC" | "FAILED" | "NEEDS_RECONNECT";

/** One recorded sync run of a calendar. `outcome` is null while it runs (or if its worker died). */
export interface CalendarSyncRunDto {
  id: string;
  kind: "FULL" | "INCREMENTAL";
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  /** Busy intervals added, changed or removed. */
  changes: number;
  durationMs: number | null;
  outcome: CalendarSyncOutcome | null;
  /** An error code and short reason, never event content. */
  error: string | null;
}

export interface ConnectedCalendarDto {
  id: string;
  name: string;
  timeZone: string;
  isPrimary: boolean;
  blocksAvailability: boolean;
  receivesBookings: boolean;
  /** Google lets MedBookings write events to it (owner or writer): only then can it receive bookings. */
  canWrite: boolean;
  lastSyncedAt: Date | null;
  /** Google rate-limited us: no sync before this instant. */
  backoffUntil: Date | null;
  /** Newest first, at most ten. */
  runs: CalendarSyncRunDto[];
}

export interface CalendarConnectionDto {
  id: string;
  /** The Google account's address, as shown at consent. */
  email: string;
  status: CalendarConnectionStatus;
  /** Why it needs reconnecting (e.g. `invalid_grant`); null while active. */
  statusReason: string | null;
  connectedAt: Date;
  calendars: ConnectedCalendarDto[];
}

export interface CalendarSyncOverviewDto {
  /** The provider's zone: every time on the page is shown in it. */
  timeZone: string;
  connections: CalendarConnectionDto[];
  /** Some connection needs reconnecting: its busy time no longer reaches availability. */
  needsReconnect: boolean;
  /** Only an approved provider can connect calendars or change choices; anyone can disconnect. */
  canEdit: boolean;
}

export interface CalendarSettingsDto {
  onEventDeleted: CalendarEventDeletedAction;
  invitePatient: boolean;
  /** True until the provider saves their own choices. */
  isDefault: boolean;
}

export interface SyncNowResultDto {
  calendarId: string;
  /** When the sync will run: now, or when Google's rate-limit backoff ends. */
  runAt: Date;
}

export interface DisconnectResultDto {
  connectionId: string;
  /** False when Google could not be reached to revoke access: the provider should remove it in their Google account. */
  revokedAtGoogle: boolean;
}
