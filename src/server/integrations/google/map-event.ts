import type { calendar_v3 } from "@googleapis/calendar";
import type { CalendarEvent, EventTime, MeetingLink, OriginalStart } from "./types";

const STATUSES = new Set<CalendarEvent["status"]>(["confirmed", "tentative", "cancelled"]);

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function eventTime(event: calendar_v3.Schema$Event): EventTime | null {
  const { start, end } = event;
  if (start?.date && end?.date) return { kind: "all-day", startDate: start.date, endDate: end.date };
  const startsAt = toDate(start?.dateTime);
  const endsAt = toDate(end?.dateTime);
  if (!startsAt || !endsAt) return null;
  return { kind: "timed", startsAt, endsAt, timeZone: start?.timeZone ?? null };
}

function originalStart(event: calendar_v3.Schema$Event): OriginalStart | null {
  const original = event.originalStartTime;
  if (original?.date) return { kind: "all-day", date: original.date };
  const startsAt = toDate(original?.dateTime);
  return startsAt ? { kind: "timed", startsAt } : null;
}

function meeting(event: calendar_v3.Schema$Event): MeetingLink | null {
  const data = event.conferenceData;
  const video = data?.entryPoints?.find((entry) => entry.entryPointType === "video")?.uri ?? null;
  const url = event.hangoutLink ?? video;
  const statusCode = data?.createRequest?.status?.statusCode;
  if (!data && !url) return null;
  if (statusCode === "pending") return { status: "pending", url: null };
  if (statusCode === "failure") return { status: "failed", url: null };
  return url ? { status: "ready", url } : { status: "pending", url: null };
}

export function toCalendarEvent(event: calendar_v3.Schema$Event): CalendarEvent {
  const status = STATUSES.has(event.status as CalendarEvent["status"]) ? (event.status as CalendarEvent["status"]) : "confirmed";
  return {
    id: event.id ?? "",
    status,
    time: eventTime(event),
    isBusy: event.transparency !== "transparent",
    title: event.summary ?? null,
    etag: event.etag ?? null,
    updatedAt: toDate(event.updated),
    recurringEventId: event.recurringEventId ?? null,
    originalStart: originalStart(event),
    bookingId: event.extendedProperties?.private?.bookingId ?? null,
    meeting: meeting(event),
  };
}
