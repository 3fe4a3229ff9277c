import { randomUUID } from "node:crypto";
import type { calendar_v3 } from "@googleapis/calendar";
import { AppError } from "@/lib/errors/app-error";
import { toAppError, vendorStatus } from "./errors";
import { toCalendarEvent } from "./map-event";
import type {
  CalendarBusy,
  CalendarEvent,
  CalendarSummary,
  DeleteEventInput,
  EventChanges,
  EventRef,
  FreeBusyInput,
  InsertEventInput,
  ListEventChangesInput,
  PatchEventTimesInput,
  StopChannelInput,
  WatchCalendarInput,
  WatchChannel,
} from "./types";

export type CalendarApiFor = (accessToken: string) => calendar_v3.Calendar;

const EVENT_ID = /^[a-v0-9]{5,1024}$/;

async function call<T>(operation: string, request: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await request()).data;
  } catch (error) {
    throw toAppError(error, operation);
  }
}

function timed(at: Date, timeZone: string): calendar_v3.Schema$EventDateTime {
  return { dateTime: at.toISOString(), timeZone };
}

export function createCalendarVerbs(api: CalendarApiFor) {
  return {
    async listCalendars({ accessToken }: { accessToken: string }): Promise<CalendarSummary[]> {
      const calendars: CalendarSummary[] = [];
      let pageToken: string | undefined;
      do {
        const data = await call("calendarList.list", () => api(accessToken).calendarList.list({ pageToken }));
        for (const entry of data.items ?? []) {
          calendars.push({
            id: entry.id ?? "",
            name: entry.summaryOverride ?? entry.summary ?? entry.id ?? "",
            timeZone: entry.timeZone ?? null,
            isPrimary: entry.primary === true,
            canWrite: entry.accessRole === "owner" || entry.accessRole === "writer",
          });
        }
        pageToken = data.nextPageToken ?? undefined;
      } while (pageToken);
      return calendars;
    },

    /**
     * One page of a full sync (no syncToken) or of an incremental one. Always expands recurring
     * events (singleEvents), because Google requires the same setting for both kinds of request.
     */
    async listEventChanges(input: ListEventChangesInput): Promise<EventChanges> {
      try {
        const { data } = await api(input.accessToken).events.list({
          calendarId: input.calendarId,
          singleEvents: true,
          syncToken: input.syncToken,
          timeMin: input.syncToken === undefined ? input.timeMin?.toISOString() : undefined,
          pageToken: input.pageToken,
          maxResults: input.pageSize,
        });
        return {
          outcome: "CHANGES",
          events: (data.items ?? []).map(toCalendarEvent),
          nextPageToken: data.nextPageToken ?? null,
          nextSyncToken: data.nextSyncToken ?? null,
        };
      } catch (error) {
        // Any 410 on a listing means the token chain is dead, with or without `fullSyncRequired`.
        if (vendorStatus(error) === 410) return { outcome: "SYNC_TOKEN_INVALID" };
        throw toAppError(error, "events.list");
      }
    },

    async insertEvent(input: InsertEventInput): Promise<CalendarEvent> {
      if (!EVENT_ID.test(input.eventId)) {
        throw new AppError("VALIDATION", "A Google event id must be 5-1024 characters of a-v and 0-9.", { retryable: false });
      }
      const data = await call("events.insert", () =>
        api(input.accessToken).events.insert({
          calendarId: input.calendarId,
          sendUpdates: input.sendUpdates ?? "none",
          // Without conferenceDataVersion=1 Google silently ignores the Meet request.
          conferenceDataVersion: input.withMeet ? 1 : undefined,
          requestBody: {
            id: input.eventId,
            summary: input.title,
            description: input.description,
            location: input.location,
            start: timed(input.startsAt, input.timeZone),
            end: timed(input.endsAt, input.timeZone),
            attendees: input.attendees?.map((a) => ({ email: a.email, displayName: a.displayName })),
            transparency: input.isBusy === false ? "transparent" : "opaque",
            extendedProperties: { private: { bookingId: input.bookingId } },
            conferenceData: input.withMeet
              ? // A fresh requestId per attempt: Google ignores a repeated one.
                { createRequest: { requestId: randomUUID(), conferenceSolutionKey: { type: "hangoutsMeet" } } }
              : undefined,
          },
        }),
      );
      return toCalendarEvent(data);
    },

    async getEvent(input: EventRef): Promise<CalendarEvent> {
      const data = await call("events.get", () =>
        api(input.accessToken).events.get({ calendarId: input.calendarId, eventId: input.eventId }),
      );
      return toCalendarEvent(data);
    },

    /**
     * Moves an event (and, for a visit that changed mode or place, its content). Without `meet`
     * it is sent without conferenceDataVersion, so the existing Meet link is kept; `meet` sends
     * conferenceDataVersion=1 with a new create request (a fresh requestId) or with no conference.
     */
    async patchEvent(input: PatchEventTimesInput): Promise<CalendarEvent> {
      const data = await call("events.patch", () =>
        api(input.accessToken).events.patch({
          calendarId: input.calendarId,
          eventId: input.eventId,
          sendUpdates: input.sendUpdates ?? "none",
          conferenceDataVersion: input.meet ? 1 : undefined,
          requestBody: {
            start: timed(input.startsAt, input.timeZone),
            end: timed(input.endsAt, input.timeZone),
            ...(input.restore ? { status: "confirmed" } : {}),
            ...(input.content ? { summary: input.content.title, description: input.content.description, location: input.content.location ?? "" } : {}),
            ...(input.meet === "create" ? { conferenceData: { createRequest: { requestId: randomUUID(), conferenceSolutionKey: { type: "hangoutsMeet" } } } } : {}),
            // Patch semantics: JSON null clears a field. The generated types do not model null.
            ...(input.meet === "remove" ? { conferenceData: null as unknown as undefined } : {}),
          },
        }),
      );
      return toCalendarEvent(data);
    },

    /** Idempotent: an event that is already gone (404/410) counts as deleted. */
    async deleteEvent(input: DeleteEventInput): Promise<void> {
      try {
        await api(input.accessToken).events.delete({
          calendarId: input.calendarId,
          eventId: input.eventId,
          sendUpdates: input.sendUpdates ?? "none",
        });
      } catch (error) {
        const status = vendorStatus(error);
        if (status === 404 || status === 410) return;
        throw toAppError(error, "events.delete");
      }
    },

    async watchCalendar(input: WatchCalendarInput): Promise<WatchChannel> {
      const data = await call("events.watch", () =>
        api(input.accessToken).events.watch({
          calendarId: input.calendarId,
          requestBody: {
            id: input.channelId,
            type: "web_hook",
            address: input.address,
            token: input.token,
            params: input.ttlSeconds === undefined ? undefined : { ttl: String(input.ttlSeconds) },
          },
        }),
      );
      return {
        channelId: data.id ?? input.channelId,
        resourceId: data.resourceId ?? "",
        // The response's expiration is the truth; Google publishes no maximum lifetime.
        expiresAt: new Date(Number(data.expiration)),
      };
    },

    /** Idempotent: an unknown or already stopped channel (404) counts as stopped. */
    async stopChannel(input: StopChannelInput): Promise<void> {
      try {
        await api(input.accessToken).channels.stop({ requestBody: { id: input.channelId, resourceId: input.resourceId } });
      } catch (error) {
        if (vendorStatus(error) === 404) return;
        throw toAppError(error, "channels.stop");
      }
    },

    async freeBusy(input: FreeBusyInput): Promise<CalendarBusy[]> {
      const data = await call("freebusy.query", () =>
        api(input.accessToken).freebusy.query({
          requestBody: {
            timeMin: input.from.toISOString(),
            timeMax: input.to.toISOString(),
            items: input.calendarIds.map((id) => ({ id })),
          },
        }),
      );
      return input.calendarIds.map((calendarId) => {
        const entry = data.calendars?.[calendarId];
        return {
          calendarId,
          busy: (entry?.busy ?? []).map((b) => ({ startsAt: new Date(b.start ?? ""), endsAt: new Date(b.end ?? "") })),
          error: entry?.errors?.[0]?.reason ?? (entry ? null : "notFound"),
        };
      });
    },
  };
}

export type CalendarVerbs = ReturnType<typeof createCalendarVerbs>;
