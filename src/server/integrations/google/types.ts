/** Our words for Google Calendar data. Nothing here is a vendor type. */

export type SendUpdates = "all" | "externalOnly" | "none";

export interface AccessTokenGrant {
  accessToken: string;
  expiresAt: Date;
  scopes: string[];
}

export interface CalendarSummary {
  id: string;
  name: string;
  timeZone: string | null;
  isPrimary: boolean;
  canWrite: boolean;
}

/** All-day dates are calendar dates in the calendar's zone; `endDate` is exclusive, as Google sends it. */
export type EventTime =
  | { kind: "timed"; startsAt: Date; endsAt: Date; timeZone: string | null }
  | { kind: "all-day"; startDate: string; endDate: string };

export type OriginalStart = { kind: "timed"; startsAt: Date } | { kind: "all-day"; date: string };

export interface MeetingLink {
  /** Google creates Meet links asynchronously; share the URL only once it is `ready`. */
  status: "pending" | "ready" | "failed";
  url: string | null;
}

export interface CalendarEvent {
  id: string;
  status: "confirmed" | "tentative" | "cancelled";
  /** Null for cancelled events in a sync, which Google sends with little more than id and status. */
  time: EventTime | null;
  /** False for events marked "free" (transparent): they do not block availability. */
  isBusy: boolean;
  title: string | null;
  etag: string | null;
  updatedAt: Date | null;
  recurringEventId: string | null;
  originalStart: OriginalStart | null;
  /** Set on events MedBookings created, so sync recognises its own bookings. */
  bookingId: string | null;
  meeting: MeetingLink | null;
}

export type EventChanges =
  | { outcome: "CHANGES"; events: CalendarEvent[]; nextPageToken: string | null; nextSyncToken: string | null }
  /** Google answered 410: drop the local copy of this calendar and run a full sync. */
  | { outcome: "SYNC_TOKEN_INVALID" };

export interface WatchChannel {
  channelId: string;
  resourceId: string;
  expiresAt: Date;
}

export interface BusyInterval {
  startsAt: Date;
  endsAt: Date;
}

export interface CalendarBusy {
  calendarId: string;
  busy: BusyInterval[];
  /** Google's reason when it could not read this calendar (e.g. "notFound"); busy is then empty. */
  error: string | null;
}

interface WithAccessToken {
  accessToken: string;
}

export interface ListEventChangesInput extends WithAccessToken {
  calendarId: string;
  syncToken?: string;
  /** Full listings only (Google refuses it with a sync token): events ending before it are left out. */
  timeMin?: Date;
  pageToken?: string;
  pageSize?: number;
}

export interface InsertEventInput extends WithAccessToken {
  calendarId: string;
  /** Our id, base32hex (a-v, 0-9), 5-1024 chars: a UUID without dashes makes inserts idempotent. */
  eventId: string;
  bookingId: string;
  title: string;
  description?: string;
  location?: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  attendees?: { email: string; displayName?: string }[];
  withMeet?: boolean;
  isBusy?: boolean;
  sendUpdates?: SendUpdates;
}

export interface EventRef extends WithAccessToken {
  calendarId: string;
  eventId: string;
}

export interface PatchEventTimesInput extends EventRef {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  sendUpdates?: SendUpdates;
  /** Brings back an event deleted in Google (Google keeps it as `cancelled`): status back to confirmed. */
  restore?: boolean;
  /** New title, description and location (a visit that changed mode or place); null location clears it. */
  content?: { title: string; description?: string; location: string | null };
  /** Ask for a Meet conference (a visit that became online) or remove it (one that became in person). */
  meet?: "create" | "remove";
}

export interface DeleteEventInput extends EventRef {
  sendUpdates?: SendUpdates;
}

export interface WatchCalendarInput extends WithAccessToken {
  calendarId: string;
  /** Unique per project, at most 64 chars: use a UUID. */
  channelId: string;
  /** HTTPS in production. */
  address: string;
  /** Random, at least 128 bits, at most 256 chars; comes back as X-Goog-Channel-Token. Never an OAuth token. */
  token: string;
  ttlSeconds?: number;
}

export interface StopChannelInput extends WithAccessToken {
  channelId: string;
  resourceId: string;
}

export interface FreeBusyInput extends WithAccessToken {
  calendarIds: string[];
  from: Date;
  to: Date;
}
