import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bookings } from "./bookings";
import { bookingMode } from "./enums";
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
    /** When the provider was emailed that this connection needs reconnecting (once per episode). */
    reconnectNoticeSentAt: instant("reconnect_notice_sent_at"),
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
    /** Google's access role allows writing events (owner or writer): only such a calendar may receive bookings. */
    canWrite: boolean("can_write").notNull().default(false),
    syncToken: text("sync_token"),
    lastSyncedAt: instant("last_synced_at"),
    /** Google answered 403/429 (rate limit): no sync before this instant (backoff with jitter). */
    backoffUntil: instant("backoff_until"),
    /** Consecutive rate-limited runs, for the exponential backoff; reset by a good run. */
    rateLimitedRuns: integer("rate_limited_runs").notNull().default(0),
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

export const calendarEventDeletedAction = pgEnum("calendar_event_deleted_action", ["CANCEL", "FLAG"]);
export const bookingCalendarEventState = pgEnum("booking_calendar_event_state", ["ACTIVE", "CANCELLED"]);
export const meetLinkStatus = pgEnum("meet_link_status", ["NONE", "PENDING", "READY", "FAILED"]);

/**
 * A push channel (events.watch) on one calendar. The id is the channel id we gave Google; the
 * token Google echoes back is stored only as its SHA-256 and compared in constant time.
 */
export const calendarWatchChannels = pgTable(
  "calendar_watch_channels",
  {
    id: uuid("id").primaryKey(),
    calendarId: uuid("calendar_id")
      .notNull()
      .references(() => connectedCalendars.id, { onDelete: "cascade" }),
    resourceId: text("resource_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: instant("expires_at").notNull(),
    /** Highest X-Goog-Message-Number seen: an older or repeated number is a replay. */
    lastMessageNumber: bigint("last_message_number", { mode: "number" }),
    stoppedAt: instant("stopped_at"),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [index("calendar_watch_channels_calendar_idx").on(t.calendarId), index("calendar_watch_channels_expiry_idx").on(t.expiresAt)],
);

/** How a provider wants Google-side edits and exports handled. One row per provider; absent = defaults. */
export const providerCalendarSettings = pgTable("provider_calendar_settings", {
  providerId: uuid("provider_id")
    .primaryKey()
    .references(() => providers.id, { onDelete: "cascade" }),
  /** One of our events deleted in Google: cancel the booking (patient told) or flag it for the provider. */
  onEventDeleted: calendarEventDeletedAction("on_event_deleted").notNull().default("FLAG"),
  /** Add the patient as an attendee of exported events (Google then shows them the provider's calendar entry). */
  invitePatient: boolean("invite_patient").notNull().default(false),
  ...timestamps(),
});

/**
 * The Google event a booking was exported to. The event id derives from the booking id, so an
 * insert is idempotent. `startsAt`/`endsAt` are the times we last wrote or accepted: a sync
 * that sees other times on our event knows the provider moved it in Google.
 */
export const bookingCalendarEvents = pgTable(
  "booking_calendar_events",
  {
    bookingId: uuid("booking_id")
      .primaryKey()
      .references(() => bookings.id, { onDelete: "cascade" }),
    calendarId: uuid("calendar_id").references(() => connectedCalendars.id, { onDelete: "set null" }),
    googleCalendarId: text("google_calendar_id").notNull(),
    googleEventId: text("google_event_id").notNull(),
    state: bookingCalendarEventState("state").notNull().default("ACTIVE"),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    /** The visit's mode and place the event was last written for (a reschedule may change them); null = not recorded yet. */
    mode: bookingMode("mode"),
    locationId: uuid("location_id"),
    etag: text("etag"),
    meetStatus: meetLinkStatus("meet_status").notNull().default("NONE"),
    meetUrl: text("meet_url"),
    /** Set when a Google-side edit could not be applied: `deleted_in_google` or `moved_onto_busy_time`. */
    conflict: text("conflict"),
    conflictStartsAt: instant("conflict_starts_at"),
    conflictEndsAt: instant("conflict_ends_at"),
    conflictAt: instant("conflict_at"),
    ...timestamps(),
  },
  (t) => [
    index("booking_calendar_events_calendar_idx").on(t.calendarId),
    uniqueIndex("booking_calendar_events_google_event_key").on(t.googleCalendarId, t.googleEventId),
    index("booking_calendar_events_conflict_idx").on(t.conflictAt),
  ],
);
