import { createZoneTimeline, offsetMinutesAt, utcToLocal } from "@/lib/time";
import type { BookingStatus, PatientBookingDto } from "./types";

/** The calendar file of one booking (RFC 5545), as sent from the confirmation and manage pages. */
export interface BookingIcsOptions {
  booking: Pick<PatientBookingDto, "id" | "status" | "startsAt" | "endsAt" | "mode" | "provider" | "service" | "location">;
  /** The patient's manage link, written into the description. */
  manageUrl: string;
  /** Stamped as DTSTAMP; injected so the output is reproducible. */
  now: Date;
}

const CRLF = "\r\n";
const MAX_LINE_OCTETS = 75;
const MS_PER_MINUTE = 60_000;
const LOOKBACK_MINUTES = 400 * 1440;

/** Where the appointment happens decides its wall clock: the practice for in person, the provider online. */
export function bookingEventTimeZone(booking: Pick<PatientBookingDto, "mode" | "location" | "provider">): string {
  return booking.mode === "IN_PERSON" && booking.location ? booking.location.timeZone : booking.provider.timeZone;
}

/** TEXT values: backslash first, then the characters RFC 5545 §3.3.11 reserves, newlines as \n. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space,
 * and a multi-byte UTF-8 character is never split across lines.
 */
export function foldIcsLine(line: string): string {
  if (encoder.encode(line).length <= MAX_LINE_OCTETS) return line;
  const lines: string[] = [];
  let current = "";
  let currentOctets = 0;
  for (const char of line) {
    const octets = encoder.encode(char).length;
    // Continuation lines carry the leading space inside their 75 octets.
    const limit = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (currentOctets + octets > limit) {
      lines.push(current);
      current = "";
      currentOctets = 0;
    }
    current += char;
    currentOctets += octets;
  }
  lines.push(current);
  return lines.join(`${CRLF} `);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** "20270330T093000Z" */
export function formatIcsUtc(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

/** Wall-clock reading of an instant in `timeZone`, as a floating DATE-TIME "20270330T093000". */
export function formatIcsLocal(epochMs: number, timeZone: string): string {
  const { date, minute } = utcToLocal(timeZone, epochMs);
  return `${date.replaceAll("-", "")}T${pad(Math.floor(minute / 60))}${pad(minute % 60)}00`;
}

/** A UTC offset in minutes as RFC 5545 UTC-OFFSET: "+0530", "-0500", "+0545". */
export function formatIcsOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

interface Observance {
  /** Epoch minute of the onset, or null for "since before any change we know of". */
  onset: number | null;
  from: number;
  to: number;
}

/**
 * The offsets in force from the event's start to its end, each as an observance with its real
 * onset (the last change before the start, found within about a year). Zones without changes
 * get one observance that has always been in force.
 */
function observancesFor(timeZone: string, startMs: number, endMs: number): Observance[] {
  const startMinute = Math.floor(startMs / MS_PER_MINUTE);
  const endMinute = Math.floor(endMs / MS_PER_MINUTE);
  const timeline = createZoneTimeline(timeZone, startMinute - LOOKBACK_MINUTES, endMinute);
  const first = timeline.segmentIndexAt(startMinute);
  const last = timeline.segmentIndexAt(Math.max(startMinute, endMinute - 1));
  const observances: Observance[] = [];
  for (let index = first; index <= last; index++) {
    const to = timeline.segmentOffsets[index] as number;
    const onset = timeline.segmentStarts[index] as number;
    observances.push(
      index === 0 || !Number.isFinite(onset)
        ? { onset: null, from: to, to }
        : { onset, from: timeline.segmentOffsets[index - 1] as number, to },
    );
  }
  return observances;
}

/** DAYLIGHT when the offset is above the zone's lower offset of that year, else STANDARD. */
function observanceKind(timeZone: string, atMs: number, offset: number): "STANDARD" | "DAYLIGHT" {
  const year = new Date(atMs).getUTCFullYear();
  const january = offsetMinutesAt(timeZone, Date.UTC(year, 0, 1, 12));
  const july = offsetMinutesAt(timeZone, Date.UTC(year, 6, 1, 12));
  return offset > Math.min(january, july) ? "DAYLIGHT" : "STANDARD";
}

function vtimezone(timeZone: string, startMs: number, endMs: number): string[] {
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  for (const observance of observancesFor(timeZone, startMs, endMs)) {
    const kind = observanceKind(timeZone, observance.onset === null ? startMs : observance.onset * MS_PER_MINUTE, observance.to);
    // An observance's DTSTART is the onset read on the wall clock of the offset it replaces.
    const dtstart =
      observance.onset === null ? "19700101T000000" : formatIcsLocal((observance.onset + observance.from) * MS_PER_MINUTE, "UTC");
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${dtstart}`,
      `TZOFFSETFROM:${formatIcsOffset(observance.from)}`,
      `TZOFFSETTO:${formatIcsOffset(observance.to)}`,
      `END:${kind}`,
    );
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

export function icsStatus(status: BookingStatus): "CONFIRMED" | "TENTATIVE" | "CANCELLED" {
  switch (status) {
    case "HELD":
    case "PENDING":
      return "TENTATIVE";
    case "CANCELLED":
    case "DECLINED":
    case "EXPIRED":
      return "CANCELLED";
    case "CONFIRMED":
    case "COMPLETED":
    case "NO_SHOW":
      return "CONFIRMED";
  }
}

/** A complete VCALENDAR with one VEVENT and the VTIMEZONE it refers to; CRLF line endings. */
export function buildBookingIcs({ booking, manageUrl, now }: BookingIcsOptions): string {
  const timeZone = bookingEventTimeZone(booking);
  const startMs = booking.startsAt.getTime();
  const endMs = booking.endsAt.getTime();
  const location = booking.mode === "IN_PERSON" && booking.location ? `${booking.location.name}, ${booking.location.formattedAddress}` : "Online";
  const description = [
    `${booking.service.name} with ${booking.provider.displayName}.`,
    booking.mode === "ONLINE" ? "Online appointment." : null,
    `View, reschedule or cancel: ${manageUrl}`,
  ]
    .filter((line): line is string => line !== null)
    .join("\n");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//MedBookings//Bookings//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...vtimezone(timeZone, startMs, endMs),
    "BEGIN:VEVENT",
    `UID:${booking.id}@medbookings`,
    `DTSTAMP:${formatIcsUtc(now)}`,
    `DTSTART;TZID=${timeZone}:${formatIcsLocal(startMs, timeZone)}`,
    `DTEND;TZID=${timeZone}:${formatIcsLocal(endMs, timeZone)}`,
    `SUMMARY:${escapeIcsText(`${booking.service.name} with ${booking.provider.displayName}`)}`,
    `LOCATION:${escapeIcsText(location)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    `URL:${manageUrl}`,
    `STATUS:${icsStatus(booking.status)}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
