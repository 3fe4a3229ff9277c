import { apiError } from "./errors";
import { isValidEventId, randomEventId, randomString } from "./ids";
import { conferenceResource, requestConference, settleConference, type Conference, type CreateRequestInput } from "./meet";
import { expandRecurrence, parseRecurrence, RecurrenceError, type Occurrence, type Recurrence } from "./recurrence";
import {
  addDays,
  basicUtcStamp,
  formatDateTime,
  isValidTimeZone,
  parseDate,
  parseDateTime,
  startOfDay,
} from "./time";

export interface EventTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface Attendee {
  email: string;
  displayName?: string;
  optional?: boolean;
  responseStatus: string;
}

export interface StoredEvent {
  id: string;
  calendarId: string;
  status: "confirmed" | "tentative" | "cancelled";
  summary?: string;
  description?: string;
  location?: string;
  start: EventTime;
  end: EventTime;
  startMs: number;
  endMs: number;
  allDay: boolean;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventTime;
  transparency: "opaque" | "transparent";
  visibility?: string;
  attendees?: Attendee[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  conference?: Conference;
  created: number;
  updated: number;
  sequence: number;
  etag: string;
  changeSeq: number;
}

export interface CalendarState {
  id: string;
  ownerSub: string;
  summary: string;
  timeZone: string;
  changeSeq: number;
  syncGeneration: number;
  events: Map<string, StoredEvent>;
}

interface SyncTokenRecord {
  calendarId: string;
  changeSeq: number;
  generation: number;
  issuedAt: number;
}

interface PageRecord {
  calendarId: string;
  /** Set on pages of events.instances: the series they belong to. */
  instancesOf?: string;
  items: Record<string, unknown>[];
  nextSyncToken?: string;
}

export interface ListQuery {
  syncToken?: string;
  pageToken?: string;
  maxResults?: number;
  singleEvents: boolean;
  showDeleted: boolean;
  timeMin?: number;
  timeMax?: number;
  updatedMin?: number;
  orderBy?: "startTime" | "updated";
  q?: string;
  iCalUID?: string;
  privateExtendedProperty: string[];
  sharedExtendedProperty: string[];
}

export interface InstancesQuery {
  pageToken?: string;
  maxResults?: number;
  showDeleted: boolean;
  timeMin?: number;
  timeMax?: number;
  /** `originalStart`: an RFC 3339 date-time (timed series) or a date (all-day series). */
  originalStart?: string;
}

export interface WriteOptions {
  conferenceDataVersion: number;
  ifMatch?: string;
}

export interface StoreOptions {
  now: () => number;
  meetDelayMs: number;
  onChange: (calendarId: string) => void;
  onConferencePending: (calendarId: string, delayMs: number) => void;
}

const DAY_MS = 86_400_000;
/** Unbounded series are expanded this far ahead when no timeMax is given. */
const EXPANSION_HORIZON_MS = 366 * DAY_MS;
const MAX_INSTANCES_PER_SERIES = 2500;
const MAX_PAGE_SIZE = 2500;
const DEFAULT_PAGE_SIZE = 250;

type Body = Record<string, unknown>;
const isObject = (value: unknown): value is Body => typeof value === "object" && value !== null && !Array.isArray(value);

export function createCalendarStore(options: StoreOptions) {
  const { now } = options;
  const calendars = new Map<string, CalendarState>();
  /** Conferences requested from now on that settle to `failure` (failNextConferences). */
  let failingConferences = 0;
  const syncTokens = new Map<string, SyncTokenRecord>();
  const pages = new Map<string, PageRecord>();

  function addCalendar(input: { id: string; ownerSub: string; summary: string; timeZone: string }): CalendarState {
    const calendar: CalendarState = { ...input, changeSeq: 0, syncGeneration: 0, events: new Map() };
    calendars.set(input.id, calendar);
    return calendar;
  }

  function requireCalendar(calendarId: string): CalendarState {
    const calendar = calendars.get(calendarId);
    if (!calendar) throw apiError(404, "notFound", "Not Found");
    return calendar;
  }

  function touch(calendar: CalendarState, event: StoredEvent): void {
    event.updated = now();
    calendar.changeSeq += 1;
    event.changeSeq = calendar.changeSeq;
    event.etag = `"${event.updated}${String(calendar.changeSeq).padStart(6, "0")}"`;
  }

  function parseTime(value: unknown, field: "start" | "end", calendar: CalendarState) {
    if (!isObject(value)) throw apiError(400, "required", `Missing ${field} time.`);
    if (typeof value.date === "string") {
      if (value.dateTime !== undefined) throw apiError(400, "invalid", `Invalid ${field} time: set either date or dateTime.`);
      if (!parseDate(value.date)) throw apiError(400, "invalid", `Invalid ${field} time.`);
      return { time: { date: value.date }, ms: startOfDay(value.date, calendar.timeZone), allDay: true };
    }
    if (typeof value.dateTime !== "string") throw apiError(400, "required", `Missing ${field} time.`);
    const timeZone = typeof value.timeZone === "string" ? value.timeZone : undefined;
    if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
      throw apiError(400, "invalid", `Invalid time zone definition for ${field} time.`);
    }
    const ms = parseDateTime(value.dateTime, timeZone);
    if (ms === null) {
      const hasOffset = /(Z|[+-]\d{2}:\d{2})$/i.test(value.dateTime);
      throw apiError(400, hasOffset ? "invalid" : "required", hasOffset ? `Invalid ${field} time.` : `Missing time zone definition for ${field} time.`);
    }
    const time: EventTime = { dateTime: formatDateTime(ms, timeZone ?? calendar.timeZone) };
    if (timeZone) time.timeZone = timeZone;
    return { time, ms, allDay: false };
  }

  function seriesRule(event: StoredEvent, calendar: CalendarState): Recurrence | undefined {
    if (!event.recurrence?.length) return undefined;
    return parseRecurrence(event.recurrence, event.start.timeZone ?? calendar.timeZone);
  }

  function applyFields(calendar: CalendarState, event: StoredEvent, body: Body, replace: boolean): void {
    const has = (key: string) => replace || key in body;
    const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : undefined);
    if (has("summary")) event.summary = text("summary");
    if (has("description")) event.description = text("description");
    if (has("location")) event.location = text("location");
    if (has("visibility")) event.visibility = text("visibility");
    if (has("status") && body.status !== undefined) {
      if (!["confirmed", "tentative", "cancelled"].includes(String(body.status))) {
        throw apiError(400, "invalid", "Invalid value for: status");
      }
      event.status = body.status as StoredEvent["status"];
    }
    if (has("transparency")) {
      const transparency = body.transparency ?? "opaque";
      if (transparency !== "opaque" && transparency !== "transparent") {
        throw apiError(400, "invalid", "Invalid value for: transparency");
      }
      event.transparency = transparency;
    }
    if (has("attendees")) {
      const attendees = body.attendees;
      if (attendees !== undefined && !Array.isArray(attendees)) throw apiError(400, "invalid", "Invalid value for: attendees");
      event.attendees = attendees?.map((a: unknown) => {
        if (!isObject(a) || typeof a.email !== "string") throw apiError(400, "required", "Missing attendee email.");
        return {
          email: a.email,
          ...(typeof a.displayName === "string" ? { displayName: a.displayName } : {}),
          ...(a.optional === true ? { optional: true } : {}),
          responseStatus: typeof a.responseStatus === "string" ? a.responseStatus : "needsAction",
        };
      });
    }
    if (has("extendedProperties")) {
      const props = isObject(body.extendedProperties) ? body.extendedProperties : {};
      const merge = (scope: "private" | "shared") => {
        const incoming = isObject(props[scope]) ? (props[scope] as Record<string, string>) : undefined;
        const base = replace ? {} : (event.extendedProperties?.[scope] ?? {});
        const merged = { ...base, ...incoming };
        return Object.keys(merged).length ? merged : undefined;
      };
      const privateProps = merge("private");
      const sharedProps = merge("shared");
      event.extendedProperties =
        privateProps || sharedProps
          ? { ...(privateProps ? { private: privateProps } : {}), ...(sharedProps ? { shared: sharedProps } : {}) }
          : undefined;
    }
    if (has("start") || has("end")) {
      const start = parseTime(has("start") ? body.start : event.start, "start", calendar);
      const end = parseTime(has("end") ? body.end : event.end, "end", calendar);
      if (start.allDay !== end.allDay) throw apiError(400, "invalid", "Start and end times must either both be date or both be dateTime.");
      const endMs = end.allDay ? startOfDay(end.time.date!, calendar.timeZone) : end.ms;
      if (endMs <= start.ms && !(start.allDay && end.time.date! > start.time.date!)) {
        throw apiError(400, "timeRangeEmpty", "The specified time range is empty.");
      }
      if (start.time.date !== event.start.date || start.time.dateTime !== event.start.dateTime || end.ms !== event.endMs) {
        event.sequence += event.created === 0 ? 0 : 1;
      }
      event.start = start.time;
      event.end = end.time;
      event.startMs = start.ms;
      event.endMs = endMs;
      event.allDay = start.allDay;
    }
    if (has("recurrence")) {
      const recurrence = body.recurrence;
      if (recurrence !== undefined && (!Array.isArray(recurrence) || recurrence.some((r) => typeof r !== "string"))) {
        throw apiError(400, "invalid", "Invalid recurrence rule.");
      }
      if (recurrence?.length && event.recurringEventId) {
        throw apiError(400, "invalid", "Cannot set recurrence on an instance of a recurring event.");
      }
      event.recurrence = recurrence?.length ? (recurrence as string[]) : undefined;
      try {
        seriesRule(event, calendar);
      } catch (error) {
        if (error instanceof RecurrenceError) throw apiError(400, "invalid", `Invalid recurrence rule: ${error.message}`);
        throw error;
      }
    }
  }

  function applyConference(calendar: CalendarState, event: StoredEvent, body: Body, opts: WriteOptions): void {
    // At the default conferenceDataVersion=0 Google ignores conference data in the body.
    if (opts.conferenceDataVersion < 1) return;
    // At version 1, `conferenceData: null` removes the event's conference (and its Meet link).
    if (body.conferenceData === null) {
      event.conference = undefined;
      return;
    }
    if (!isObject(body.conferenceData)) return;
    const createRequest = body.conferenceData.createRequest;
    if (!isObject(createRequest)) return;
    const outcome = failingConferences > 0 ? "failure" : "success";
    const next = requestConference(event.conference, createRequest as CreateRequestInput, now() + options.meetDelayMs, outcome);
    if (next !== event.conference) {
      if (outcome === "failure") failingConferences -= 1;
      event.conference = next;
      options.onConferencePending(calendar.id, options.meetDelayMs);
    }
  }

  function emptyEvent(calendar: CalendarState, id: string): StoredEvent {
    return {
      id,
      calendarId: calendar.id,
      status: "confirmed",
      start: {},
      end: {},
      startMs: 0,
      endMs: 0,
      allDay: false,
      transparency: "opaque",
      created: 0,
      updated: 0,
      sequence: 0,
      etag: "",
      changeSeq: 0,
    };
  }

  function insert(calendarId: string, body: Body, opts: WriteOptions): StoredEvent {
    const calendar = requireCalendar(calendarId);
    const id = body.id === undefined ? randomEventId() : body.id;
    if (typeof id !== "string" || !isValidEventId(id)) throw apiError(400, "invalid", "Invalid resource id value.");
    if (calendar.events.has(id)) throw apiError(409, "duplicate", "The requested identifier already exists.");
    const event = emptyEvent(calendar, id);
    applyFields(calendar, event, body, true);
    event.created = now();
    applyConference(calendar, event, body, opts);
    calendar.events.set(id, event);
    touch(calendar, event);
    options.onChange(calendar.id);
    return event;
  }

  function splitInstanceId(eventId: string): { masterId: string; stamp: string } | null {
    const at = eventId.lastIndexOf("_");
    if (at <= 0) return null;
    return { masterId: eventId.slice(0, at), stamp: eventId.slice(at + 1) };
  }

  function occurrenceStamp(occurrence: Occurrence): string {
    return occurrence.kind === "timed" ? basicUtcStamp(occurrence.utcMs) : occurrence.date.replace(/-/g, "");
  }

  function expandMaster(calendar: CalendarState, master: StoredEvent, windowEndMs: number): StoredEvent[] {
    const rule = seriesRule(master, calendar);
    if (!rule) return [];
    const seriesStart = master.allDay
      ? ({ kind: "all-day", date: master.start.date! } as const)
      : ({ kind: "timed", utcMs: master.startMs, timeZone: master.start.timeZone ?? calendar.timeZone } as const);
    const occurrences = expandRecurrence(seriesStart, rule, {
      windowEndMs,
      limit: MAX_INSTANCES_PER_SERIES,
      timeZoneForDates: calendar.timeZone,
    });
    const durationMs = master.endMs - master.startMs;
    const durationDays = master.allDay ? Math.round((Date.parse(master.end.date!) - Date.parse(master.start.date!)) / DAY_MS) : 0;
    return occurrences.map((occurrence) => {
      const zone = master.start.timeZone ?? calendar.timeZone;
      const instance: StoredEvent = {
        ...master,
        id: `${master.id}_${occurrenceStamp(occurrence)}`,
        recurrence: undefined,
        recurringEventId: master.id,
      };
      if (occurrence.kind === "all-day") {
        instance.start = { date: occurrence.date };
        instance.end = { date: addDays(occurrence.date, durationDays) };
        instance.startMs = startOfDay(occurrence.date, calendar.timeZone);
        instance.endMs = startOfDay(instance.end.date!, calendar.timeZone);
        instance.originalStartTime = { date: occurrence.date };
      } else {
        const withZone = (ms: number): EventTime => ({
          dateTime: formatDateTime(ms, zone),
          ...(master.start.timeZone ? { timeZone: master.start.timeZone } : {}),
        });
        instance.startMs = occurrence.utcMs;
        instance.endMs = occurrence.utcMs + durationMs;
        instance.start = withZone(instance.startMs);
        instance.end = {
          dateTime: formatDateTime(instance.endMs, master.end.timeZone ?? zone),
          ...(master.end.timeZone ? { timeZone: master.end.timeZone } : {}),
        };
        instance.originalStartTime = withZone(occurrence.utcMs);
      }
      return instance;
    });
  }

  /** A stored event, or an unmodified instance of a series computed on the fly. */
  function find(calendar: CalendarState, eventId: string): { event: StoredEvent; virtual: boolean } | null {
    const stored = calendar.events.get(eventId);
    if (stored) return { event: stored, virtual: false };
    const parts = splitInstanceId(eventId);
    if (!parts) return null;
    const master = calendar.events.get(parts.masterId);
    if (!master?.recurrence) return null;
    const stampMs = /^\d{8}$/.test(parts.stamp)
      ? startOfDay(`${parts.stamp.slice(0, 4)}-${parts.stamp.slice(4, 6)}-${parts.stamp.slice(6)}`, calendar.timeZone)
      : Date.parse(parts.stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
    if (Number.isNaN(stampMs)) return null;
    const instance = expandMaster(calendar, master, stampMs + DAY_MS).find((i) => i.id === eventId);
    return instance ? { event: instance, virtual: true } : null;
  }

  function requireEvent(calendar: CalendarState, eventId: string) {
    const found = find(calendar, eventId);
    if (!found) throw apiError(404, "notFound", "Not Found");
    return found;
  }

  function materialise(calendar: CalendarState, found: { event: StoredEvent; virtual: boolean }): StoredEvent {
    if (!found.virtual) return found.event;
    const exception: StoredEvent = { ...found.event, created: now(), sequence: 0 };
    calendar.events.set(exception.id, exception);
    return exception;
  }

  function checkPrecondition(event: StoredEvent, opts: WriteOptions): void {
    if (opts.ifMatch && opts.ifMatch !== "*" && opts.ifMatch !== event.etag) {
      throw apiError(412, "conditionNotMet", "Precondition Failed");
    }
  }

  function write(calendarId: string, eventId: string, body: Body, opts: WriteOptions, replace: boolean): StoredEvent {
    const calendar = requireCalendar(calendarId);
    const found = requireEvent(calendar, eventId);
    checkPrecondition(found.event, opts);
    if (body.id !== undefined && body.id !== eventId) throw apiError(400, "invalid", "Invalid resource id value.");
    const draft: StoredEvent = structuredClone(found.event);
    applyFields(calendar, draft, body, replace);
    applyConference(calendar, draft, body, opts);
    const event = materialise(calendar, found);
    Object.assign(event, draft, found.virtual ? { created: now() } : {});
    touch(calendar, event);
    if (event.recurrence && event.status === "cancelled") cancelExceptions(calendar, event.id);
    options.onChange(calendar.id);
    return event;
  }

  function cancelExceptions(calendar: CalendarState, masterId: string): void {
    for (const exception of calendar.events.values()) {
      if (exception.recurringEventId === masterId && exception.status !== "cancelled") {
        exception.status = "cancelled";
        touch(calendar, exception);
      }
    }
  }

  /** Google keeps deleted events as `status: "cancelled"` so incremental sync can report them. */
  function remove(calendarId: string, eventId: string, opts: Partial<WriteOptions> = {}): void {
    const calendar = requireCalendar(calendarId);
    const found = requireEvent(calendar, eventId);
    if (found.event.status === "cancelled") throw apiError(410, "deleted", "Resource has been deleted");
    checkPrecondition(found.event, { conferenceDataVersion: 0, ...opts });
    const event = materialise(calendar, found);
    event.status = "cancelled";
    touch(calendar, event);
    if (event.recurrence) cancelExceptions(calendar, event.id);
    options.onChange(calendar.id);
  }

  function get(calendarId: string, eventId: string): StoredEvent {
    return requireEvent(requireCalendar(calendarId), eventId).event;
  }

  function settleConferences(): string[] {
    const changed = new Set<string>();
    for (const calendar of calendars.values()) {
      for (const event of calendar.events.values()) {
        if (event.conference && settleConference(event.conference, now())) {
          touch(calendar, event);
          changed.add(calendar.id);
        }
      }
    }
    for (const calendarId of changed) options.onChange(calendarId);
    return [...changed];
  }

  function toResource(event: StoredEvent, calendar: CalendarState, minimal = false): Record<string, unknown> {
    const masterId = event.recurringEventId ?? event.id;
    const base = {
      kind: "calendar#event",
      etag: event.etag,
      id: event.id,
      status: event.status,
      ...(event.recurringEventId
        ? { recurringEventId: event.recurringEventId, originalStartTime: event.originalStartTime }
        : {}),
    };
    // Cancelled events in a listing are guaranteed to carry only their id and status, as Google documents.
    if (minimal && event.status === "cancelled") return { ...base, updated: new Date(event.updated).toISOString() };
    return {
      ...base,
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${calendar.id}`).toString("base64url")}`,
      created: new Date(event.created).toISOString(),
      updated: new Date(event.updated).toISOString(),
      ...(event.summary !== undefined ? { summary: event.summary } : {}),
      ...(event.description !== undefined ? { description: event.description } : {}),
      ...(event.location !== undefined ? { location: event.location } : {}),
      creator: { email: calendar.id, self: true },
      organizer: { email: calendar.id, self: true },
      start: event.start,
      end: event.end,
      ...(event.recurrence ? { recurrence: event.recurrence } : {}),
      ...(event.transparency === "transparent" ? { transparency: "transparent" } : {}),
      ...(event.visibility ? { visibility: event.visibility } : {}),
      iCalUID: `${masterId}@google.com`,
      sequence: event.sequence,
      ...(event.attendees ? { attendees: event.attendees } : {}),
      ...(event.extendedProperties ? { extendedProperties: event.extendedProperties } : {}),
      ...(event.conference ? conferenceResource(event.conference) : {}),
      reminders: { useDefault: true },
      eventType: "default",
    };
  }

  function matchesFilters(event: StoredEvent, query: ListQuery): boolean {
    if (query.timeMin !== undefined && event.endMs <= query.timeMin) return false;
    if (query.timeMax !== undefined && event.startMs >= query.timeMax) return false;
    if (query.updatedMin !== undefined && event.updated < query.updatedMin) return false;
    if (query.iCalUID && `${event.recurringEventId ?? event.id}@google.com` !== query.iCalUID) return false;
    if (query.q) {
      const haystack = [event.summary, event.description, event.location, ...(event.attendees ?? []).map((a) => a.email)]
        .join(" ")
        .toLowerCase();
      if (!query.q.toLowerCase().split(/\s+/).every((word) => haystack.includes(word))) return false;
    }
    const propsMatch = (constraints: string[], props: Record<string, string> | undefined) =>
      constraints.every((c) => {
        const [key = "", ...rest] = c.split("=");
        return props?.[key] === rest.join("=");
      });
    return (
      propsMatch(query.privateExtendedProperty, event.extendedProperties?.private) &&
      propsMatch(query.sharedExtendedProperty, event.extendedProperties?.shared)
    );
  }

  function windowEnd(master: StoredEvent, query: ListQuery): number {
    return query.timeMax ?? Math.max(now(), master.startMs) + EXPANSION_HORIZON_MS;
  }

  function fullListing(calendar: CalendarState, query: ListQuery): StoredEvent[] {
    const includeDeleted = query.showDeleted || query.updatedMin !== undefined;
    const result: StoredEvent[] = [];
    for (const event of calendar.events.values()) {
      const cancelled = event.status === "cancelled";
      if (event.recurrence) {
        if (cancelled && !includeDeleted) continue;
        const instances = expandMaster(calendar, event, windowEnd(event, query)).filter((i) => !calendar.events.has(i.id));
        if (query.singleEvents) {
          result.push(...instances.filter((i) => matchesFilters(i, query)));
        } else if (
          instances.some((i) => matchesFilters(i, { ...query, updatedMin: undefined })) &&
          (query.updatedMin === undefined || event.updated >= query.updatedMin)
        ) {
          result.push(event);
        }
        continue;
      }
      // Google lists cancelled instances of a series when both showDeleted and singleEvents are false.
      const cancelledInstanceShown = !query.singleEvents && Boolean(event.recurringEventId);
      if (cancelled && !includeDeleted && !cancelledInstanceShown) continue;
      if (matchesFilters(event, query)) result.push(event);
    }
    if (query.orderBy === "startTime") result.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
    if (query.orderBy === "updated") result.sort((a, b) => a.updated - b.updated);
    return result;
  }

  function incrementalListing(calendar: CalendarState, query: ListQuery, sinceSeq: number): StoredEvent[] {
    const changed = [...calendar.events.values()].filter((e) => e.changeSeq > sinceSeq).sort((a, b) => a.changeSeq - b.changeSeq);
    if (!query.singleEvents) return changed;
    return changed.flatMap((event) => {
      if (!event.recurrence) return [event];
      return expandMaster(calendar, event, windowEnd(event, query))
        .filter((i) => !calendar.events.has(i.id))
        .map((i) => ({ ...i, status: event.status }));
    });
  }

  function issueSyncToken(calendar: CalendarState, changeSeq: number): string {
    const token = `C${randomString(24)}`;
    syncTokens.set(token, { calendarId: calendar.id, changeSeq, generation: calendar.syncGeneration, issuedAt: now() });
    return token;
  }

  /** A stored page of a listing of this calendar (of `instancesOf`'s instances, or of events); used once. */
  function takePage(pageToken: string, calendarId: string, instancesOf: string | undefined): PageRecord {
    const stored = pages.get(pageToken);
    if (!stored || stored.calendarId !== calendarId || stored.instancesOf !== instancesOf) {
      throw apiError(400, "invalid", "Invalid page token value.");
    }
    pages.delete(pageToken);
    return stored;
  }

  function list(calendarId: string, query: ListQuery) {
    settleConferences();
    const calendar = requireCalendar(calendarId);
    const pageSize = Math.min(Math.max(query.maxResults ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    let page: PageRecord;
    if (query.pageToken) {
      page = takePage(query.pageToken, calendarId, undefined);
    } else {
      const seqAtStart = calendar.changeSeq;
      let events: StoredEvent[];
      if (query.syncToken) {
        const record = syncTokens.get(query.syncToken);
        if (!record || record.calendarId !== calendarId || record.generation !== calendar.syncGeneration) {
          throw apiError(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
        }
        events = incrementalListing(calendar, query, record.changeSeq);
      } else {
        events = fullListing(calendar, query);
      }
      const minimal = Boolean(query.syncToken) || !query.showDeleted;
      page = {
        calendarId,
        items: events.map((e) => toResource(e, calendar, minimal)),
        nextSyncToken: issueSyncToken(calendar, seqAtStart),
      };
    }
    return listingPage(calendar, page, pageSize);
  }

  function listingPage(calendar: CalendarState, page: PageRecord, pageSize: number) {
    const items = page.items.slice(0, pageSize);
    const rest = page.items.slice(pageSize);
    let nextPageToken: string | undefined;
    if (rest.length > 0) {
      nextPageToken = randomString(24);
      pages.set(nextPageToken, { ...page, items: rest });
    }
    return {
      kind: "calendar#events",
      etag: `"${calendar.changeSeq}"`,
      summary: calendar.summary,
      updated: new Date(now()).toISOString(),
      timeZone: calendar.timeZone,
      accessRole: "owner",
      defaultReminders: [],
      ...(nextPageToken ? { nextPageToken } : page.nextSyncToken ? { nextSyncToken: page.nextSyncToken } : {}),
      items,
    };
  }

  /**
   * events.instances: the series' instances in start order, unmodified ones computed and
   * exceptions (moved or edited instances) as stored; cancelled ones only with showDeleted.
   * A non-recurring event has no instances here (an empty page).
   */
  function instances(calendarId: string, eventId: string, query: InstancesQuery) {
    settleConferences();
    const calendar = requireCalendar(calendarId);
    const pageSize = Math.min(Math.max(query.maxResults ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    let page: PageRecord;
    if (query.pageToken) {
      page = takePage(query.pageToken, calendarId, eventId);
    } else {
      const master = calendar.events.get(eventId);
      if (!master || master.recurringEventId) throw apiError(404, "notFound", "Not Found");
      const windowEndMs = query.timeMax ?? Math.max(now(), master.startMs) + EXPANSION_HORIZON_MS;
      const computed = master.recurrence
        ? expandMaster(calendar, master, windowEndMs)
            .filter((i) => !calendar.events.has(i.id))
            .map((i) => (master.status === "cancelled" ? { ...i, status: "cancelled" as const } : i))
        : [];
      const exceptions = [...calendar.events.values()].filter((e) => e.recurringEventId === master.id);
      const items = [...computed, ...exceptions]
        .filter((e) => query.showDeleted || e.status !== "cancelled")
        .filter((e) => (query.timeMin === undefined || e.endMs > query.timeMin) && (query.timeMax === undefined || e.startMs < query.timeMax))
        .filter((e) => query.originalStart === undefined || sameOriginalStart(e, query.originalStart))
        .sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
      page = { calendarId, instancesOf: eventId, items: items.map((e) => toResource(e, calendar)) };
    }
    return listingPage(calendar, page, pageSize);
  }

  function sameOriginalStart(event: StoredEvent, wanted: string): boolean {
    const original = event.originalStartTime;
    if (original?.date) return original.date === wanted;
    return original?.dateTime !== undefined && Date.parse(original.dateTime) === Date.parse(wanted);
  }

  /** Busy intervals of opaque, non-cancelled events, merged and clipped to the window. */
  function busy(calendarId: string, timeMin: number, timeMax: number): { start: number; end: number }[] {
    const calendar = requireCalendar(calendarId);
    const intervals = fullListing(calendar, {
      singleEvents: true,
      showDeleted: false,
      timeMin,
      timeMax,
      privateExtendedProperty: [],
      sharedExtendedProperty: [],
    })
      .filter((e) => e.status !== "cancelled" && e.transparency === "opaque")
      .map((e) => ({ start: Math.max(e.startMs, timeMin), end: Math.min(e.endMs, timeMax) }))
      .sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const interval of intervals) {
      const last = merged.at(-1);
      if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
      else merged.push({ ...interval });
    }
    return merged;
  }

  function invalidateSyncTokens(calendarId: string): void {
    requireCalendar(calendarId).syncGeneration += 1;
  }

  function snapshot() {
    return {
      calendars: [...calendars.values()].map((c) => ({
        id: c.id,
        summary: c.summary,
        timeZone: c.timeZone,
        changeSeq: c.changeSeq,
        syncGeneration: c.syncGeneration,
        events: [...c.events.values()].map((e) => toResource(e, c)),
      })),
      syncTokens: [...syncTokens.entries()].map(([token, r]) => {
        const calendar = calendars.get(r.calendarId);
        return {
          token,
          calendarId: r.calendarId,
          issuedAt: new Date(r.issuedAt).toISOString(),
          valid: calendar?.syncGeneration === r.generation,
          pendingChanges: calendar ? [...calendar.events.values()].filter((e) => e.changeSeq > r.changeSeq).length : 0,
        };
      }),
    };
  }

  return {
    addCalendar,
    calendar: (id: string) => calendars.get(id),
    calendars: () => [...calendars.values()],
    insert,
    patch: (calendarId: string, eventId: string, body: Body, opts: WriteOptions) => write(calendarId, eventId, body, opts, false),
    update: (calendarId: string, eventId: string, body: Body, opts: WriteOptions) => write(calendarId, eventId, body, opts, true),
    remove,
    get,
    list,
    instances,
    busy,
    settleConferences,
    failNextConferences: (count: number) => {
      failingConferences = count;
    },
    invalidateSyncTokens,
    toResource: (event: StoredEvent) => toResource(event, requireCalendar(event.calendarId)),
    snapshot,
  };
}

export type CalendarStore = ReturnType<typeof createCalendarStore>;
