import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { providers } from "./providers";

export const calendarConnectionStatus = pgEnum("calendar_connection_status", ["ACTIVE", "NEEDS_RECONNECT"]);
export const calendarSyncKind = pgEnum("calendar_sync_kind", ["FULL", "INCREMENTAL"]);
export const calendarSyncOutcome = pgEnum("calendar_sync_outcome", ["OK", "RESYNC", "FAILED", "NEEDS_RECONNECT"]);

/**
 * A Google account a provider connected. Location calendars are not modelled yet (they come with
 * organizations). Tokens are encrypted (token-crypto), bound to this row's id.
 */
export const calendarConnections = pgTable(
  "calendar_connections",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    /** Google's stable account id (`sub`) and the address it showed at consent. */
    googleSubject: text("google_subject").notNull(),
    googleEmail: text("google_email").notNull(),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    refreshToken: text("refresh_token"),
    accessToken: text("access_token"),
    accessTokenExpiresAt: instant("access_token_expires_at"),
    status: calendarConnectionStatus("status").notNull().default("ACTIVE"),
    /** Why it needs reconnecting (e.g. `invalid_grant`); never a token. */
    statusReason: text("status_reason"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("calendar_connections_provider_account_key").on(t.providerId, t.googleSubject)],
);

/**
 * One Google calendar of a connection: whether its busy time blocks availability, whether
 * bookings are written to it, and its sync state. The sync token is stored only with the
 * changes of the whole page chain that produced it.
 */
export const connectedCalendars = pgTable(
  "connected_calendars",
  {
    id: id(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => calendarConnections.id, { onDelete: "cascade" }),
    googleCalendarId: text("google_calendar_id").notNull(),
    name: text("name").notNull(),
    /** The calendar's IANA zone: all-day events block its whole local days. */
    timeZone: text("time_zone").notNull(),
    blocksAvailability: boolean("blocks_availability").notNull().default(false),
    receivesBookings: boolean("receives_bookings").notNull().default(false),
    syncToken: text("sync_token"),
    lastSyncedAt: instant("last_synced_at"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("connected_calendars_connection_calendar_key").on(t.connectionId, t.googleCalendarId)],
);

/** Every sync run, for the sync-status panel and for support: what it did and how it ended. */
export const calendarSyncRuns = pgTable(
  "calendar_sync_runs",
  {
    id: id(),
    calendarId: uuid("calendar_id")
      .notNull()
      .references(() => connectedCalendars.id, { onDelete: "cascade" }),
    kind: calendarSyncKind("kind").notNull(),
    startedAt: instant("started_at").notNull(),
    finishedAt: instant("finished_at"),
    pages: integer("pages").notNull().default(0),
    /** Busy intervals added, changed or removed. */
    changes: integer("changes").notNull().default(0),
    outcome: calendarSyncOutcome("outcome"),
    /** An error code and short reason; never event content. */
    error: text("error"),
  },
  (t) => [index("calendar_sync_runs_calendar_idx").on(t.calendarId, t.startedAt)],
);
