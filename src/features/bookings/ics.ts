import { createZoneTimeline, offsetMinutesAt, utcToLocal } from "@/lib/time";
import type { BookingModeValue, BookingStatus } from "./types";

/** What a calendar file needs of a booking: a PatientBookingDto fits, and so does the message catalogue's booking. */
export interface IcsBooking {
  id: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  mode: BookingModeValue;
  provider: { displayName: string; timeZone: string };
  service: { name: string };
  location: { name: string; formattedAddress: string; timeZone: string } | null;
  /** The video link of an online visit, once there is one. */
  meetUrl?: string | null;
}

/**
 * iTIP method (RFC 5546). PUBLISH: a file the patient imports (the download on the confirmation
 * and manage pages). REQUEST: an invitation sent by email, which calendar apps add and later
 * update in place (same UID, higher SEQUENCE). CANCEL: removes that event from their calendar.
 */
export type IcsMethod = "PUBLISH" | "REQUEST" | "CANCEL";

/** The calendar file of one booking (RFC 5545), as downloaded from the manage page or attached to an email. */
export interface BookingIcsOptions {
  booking: IcsBooking;
  /** The patient's manage link, written into the description. */
  manageUrl: string;
  /** Stamped as DTSTAMP; injected so the output is reproducible. */
  now: Date;
  /** Defaults to PUBLISH: what the download route has always served. */
  method?: IcsMethod;
  /**
   * The booking's calendar sequence (bookings.calendar_sequence): a calendar app applies a
   * REQUEST or CANCEL only if its SEQUENCE is not below the one it holds. Defaults to 0.
   */
  sequence?: number;
  /**
   * The app's sending address (the From of the email that carries the file). Required for REQUEST
   * and CANCEL, which RFC 5546 says must name an ORGANIZER; written for PUBLISH when given.
   */
  organizerEmail?: string;
  /** The address the invitation goes to: the one ATTENDEE. Required for REQUEST and CANCEL; never written for PUBLISH. */
  attendeeEmail?: string;
}

const CRLF = "\r\n";
const MAX_LINE_OCTETS = 75;
const MS_PER_MINUTE = 60_000;
const LOOKBACK_MINUTES = 400 * 1440;

/** Where the appointment happens decides its wall clock: the practice for in person, the provider online. */
export function bookingEventTimeZone(booking: {
  mode: BookingModeValue;
  location: { timeZone: string } | null;
  provider: { timeZone: string };
}): string {
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

/**
 * A parameter value (RFC 5545 §3.2) always quoted, so ";", ":" and "," in a name stay inside it;
 * a DQUOTE, a newline and the caret itself are written as RFC 6868 caret escapes.
 */
export function quoteIcsParameter(value: string): string {
  const escaped = value.replace(/\^/g, "^^").replace(/"/g, "^'").replace(/\r\n|\r|\n/g, "^n");
  return `"${escaped}"`;
}

// Deliberately narrower than RFC 5322: the address is written into a mailto: URI unescaped, so
// anything that could end the URI or the line is refused.
const SIMPLE_EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

// Errors name the field, never its value: it may be a patient's address or a secret link, and errors get logged.
function mailto(field: string, email: string): string {
  if (!SIMPLE_EMAIL.test(email)) throw new Error(`buildBookingIcs: ${field} is not a plain email address (name@domain).`);
  return `mailto:${email}`;
}

function uri(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`buildBookingIcs: ${field} is not an absolute URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`buildBookingIcs: ${field} must be an http(s) URL, not ${url.protocol}.`);
  return url.toString();
}

/**
 * ORGANIZER and ATTENDEE, which RFC 5546 requires of REQUEST (ORGANIZER 1, ATTENDEE 1+) and of
 * CANCEL (ORGANIZER 1, and every attendee when the whole event is cancelled). PUBLISH must not
 * have attendees and should name its organizer.
 *
 * The organizer is shown as the provider (the name the patient booked) but addressed to the app's
 * own sending address: the provider's mailbox is not ours to hand out, the address matches the
 * From of the email that carries the file (mail clients check that an invitation comes from its
 * organizer), and any reply a calendar app sends lands with us rather than surprising the
 * provider. The patient picked this time, so the invitation arrives accepted and asks for no
 * reply (RSVP=FALSE); they change it through the manage link instead.
 */
function participants(options: BookingIcsOptions, method: IcsMethod): string[] {
  const { booking, organizerEmail, attendeeEmail } = options;
  if (method === "PUBLISH") {
    return organizerEmail === undefined ? [] : [`ORGANIZER;CN=${quoteIcsParameter(booking.provider.displayName)}:${mailto("organizerEmail", organizerEmail)}`];
  }
  if (organizerEmail === undefined) throw new Error(`buildBookingIcs: organizerEmail is required for METHOD:${method} (RFC 5546 requires an ORGANIZER).`);
  if (attendeeEmail === undefined) throw new Error(`buildBookingIcs: attendeeEmail is required for METHOD:${method} (RFC 5546 requires the ATTENDEE).`);
  const partstat = method === "REQUEST" ? ";PARTSTAT=ACCEPTED" : "";
  return [
    `ORGANIZER;CN=${quoteIcsParameter(booking.provider.displayName)}:${mailto("organizerEmail", organizerEmail)}`,
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT${partstat};RSVP=FALSE:${mailto("attendeeEmail", attendeeEmail)}`,
  ];
}

/** A complete VCALENDAR with one VEVENT and the VTIMEZONE it refers to; CRLF line endings. */
export function buildBookingIcs(options: BookingIcsOptions): string {
  const { booking, now } = options;
  const method = options.method ?? "PUBLISH";
  const sequence = options.sequence ?? 0;
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new Error(`buildBookingIcs: sequence must be a whole number of 0 or more, not ${sequence}.`);
  const status = method === "CANCEL" ? "CANCELLED" : icsStatus(booking.status);
  // An invitation for a booking that no longer stands would put it back in the patient's calendar.
  if (method === "REQUEST" && status === "CANCELLED") throw new Error(`buildBookingIcs: a ${booking.status} booking is sent with METHOD:CANCEL, not REQUEST.`);
  const manageUrl = uri("manageUrl", options.manageUrl);
  const meetUrl = booking.mode === "ONLINE" && booking.meetUrl ? uri("booking.meetUrl", booking.meetUrl) : null;
  const timeZone = bookingEventTimeZone(booking);
  const startMs = booking.startsAt.getTime();
  const endMs = booking.endsAt.getTime();
  const location =
    booking.mode === "IN_PERSON" && booking.location ? `${booking.location.name}, ${booking.location.formattedAddress}` : (meetUrl ?? "Online");
  const description = [
    `${booking.service.name} with ${booking.provider.displayName}.`,
    booking.mode === "ONLINE" ? (meetUrl ? `Online appointment. Join the video call: ${meetUrl}` : "Online appointment.") : null,
    `View, reschedule or cancel: ${manageUrl}`,
  ]
    .filter((line): line is string => line !== null)
    .join("\n");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//MedBookings//Bookings//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    ...vtimezone(timeZone, startMs, endMs),
    "BEGIN:VEVENT",
    // One UID per booking across every file we send, so each update replaces the event in place.
    `UID:${booking.id}@medbookings`,
    `SEQUENCE:${sequence}`,
    `DTSTAMP:${formatIcsUtc(now)}`,
    `DTSTART;TZID=${timeZone}:${formatIcsLocal(startMs, timeZone)}`,
    `DTEND;TZID=${timeZone}:${formatIcsLocal(endMs, timeZone)}`,
    `SUMMARY:${escapeIcsText(`${booking.service.name} with ${booking.provider.displayName}`)}`,
    `LOCATION:${escapeIcsText(location)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    `URL:${manageUrl}`,
    // RFC 7986: clients that know it show a "join" button; the others still have LOCATION.
    ...(meetUrl ? [`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Google Meet:${meetUrl}`] : []),
    ...participants(options, method),
    `STATUS:${status}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
