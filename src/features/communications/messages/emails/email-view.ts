import { bookingEventTimeZone } from "@/features/bookings";
import { formatWhen } from "../format-when";
import {
  bookAgainUrl,
  checkedUrl,
  reminderLeadWords,
  requireBooking,
  requireManageUrl,
  requirePrevious,
  requireProviderUrl,
  type PatientBookingPurpose,
  type ProviderPurpose,
} from "../message-context";
import type { MessageBooking, MessageContext } from "../types";

/** What the email components show, already checked and formatted in the recipient's zone. */
export interface AppointmentView {
  providerName: string;
  serviceName: string;
  /** In the recipient's zone, zone named. */
  when: string;
  /** The same time on the wall clock where the appointment happens, when that reads differently. */
  eventLocalWhen: { label: string; when: string } | null;
  place:
    | { kind: "IN_PERSON"; name: string; address: string }
    /** `joinNote`: a patient's message about a visit that stands, without a Meet link: say who sends the way in. */
    | { kind: "ONLINE"; meetUrl: string | null; joinNote: boolean };
}

export type CancelledBy = MessageBooking["cancelledBy"];

export interface PatientEmailView extends AppointmentView {
  purpose: PatientBookingPurpose;
  subject: string;
  manageUrl: string;
  bookAgainUrl: string;
  /** The time it moved from (booking.rescheduled). */
  previousWhen: string | null;
  /** "in 24 hours" (booking.reminder). */
  leadWords: string | null;
  cancelledBy: CancelledBy;
  reason: string | null;
  calendarFilename: string;
}

export interface ProviderEmailView extends AppointmentView {
  purpose: ProviderPurpose;
  subject: string;
  providerUrl: string;
  patient: MessageBooking["patient"];
  previousWhen: string | null;
  cancelledBy: CancelledBy;
  reason: string | null;
}

// A cancelled or declined visit has no call to join; showing the link would invite people to one.
const LIVE_PURPOSES: ReadonlySet<string> = new Set([
  "booking.requested",
  "booking.confirmed",
  "booking.rescheduled",
  "booking.reminder",
  "provider.booking_requested",
  "provider.booking_confirmed",
  "provider.booking_rescheduled",
]);

const PATIENT_LIVE_PURPOSES: ReadonlySet<string> = new Set(["booking.confirmed", "booking.rescheduled", "booking.reminder"]);

function appointmentView(ctx: MessageContext, booking: MessageBooking): AppointmentView {
  const when = formatWhen(booking.startsAt, booking.endsAt, ctx.timeZone);
  const eventZone = bookingEventTimeZone(booking);
  const eventWhen = formatWhen(booking.startsAt, booking.endsAt, eventZone);
  // Compare the wall-clock part only: two zone names with the same clock need no second line.
  const clockOf = (text: string) => text.slice(0, text.lastIndexOf(" ("));
  const inPerson = booking.mode === "IN_PERSON" && booking.location !== null;
  const eventLocalWhen =
    clockOf(eventWhen) === clockOf(when)
      ? null
      : { label: inPerson ? "Local time at the practice" : `Local time for ${booking.provider.displayName}`, when: eventWhen };
  const meetUrl =
    booking.mode === "ONLINE" && booking.meetUrl && LIVE_PURPOSES.has(ctx.purpose) ? checkedUrl(ctx, "ctx.booking.meetUrl", booking.meetUrl) : null;
  return {
    providerName: booking.provider.displayName,
    serviceName: booking.service.name,
    when,
    eventLocalWhen,
    place:
      inPerson && booking.location
        ? { kind: "IN_PERSON", name: booking.location.name, address: booking.location.formattedAddress }
        : { kind: "ONLINE", meetUrl, joinNote: meetUrl === null && PATIENT_LIVE_PURPOSES.has(ctx.purpose) },
  };
}

function reasonOf(booking: MessageBooking): string | null {
  const reason = booking.cancellationReason?.trim();
  return reason ? reason : null;
}

export function patientEmailView(ctx: MessageContext, purpose: PatientBookingPurpose, subject: string, calendarFilename: string): PatientEmailView {
  const booking = requireBooking(ctx);
  const previous = purpose === "booking.rescheduled" ? requirePrevious(ctx, booking) : null;
  return {
    ...appointmentView(ctx, booking),
    purpose,
    subject,
    manageUrl: requireManageUrl(ctx),
    bookAgainUrl: bookAgainUrl(ctx, booking),
    previousWhen: previous ? formatWhen(previous.startsAt, previous.endsAt, ctx.timeZone) : null,
    leadWords: purpose === "booking.reminder" ? reminderLeadWords(ctx) : null,
    cancelledBy: booking.cancelledBy,
    reason: reasonOf(booking),
    calendarFilename,
  };
}

export function providerEmailView(ctx: MessageContext, purpose: ProviderPurpose, subject: string): ProviderEmailView {
  const booking = requireBooking(ctx);
  const previous = purpose === "provider.booking_rescheduled" ? requirePrevious(ctx, booking) : null;
  return {
    ...appointmentView(ctx, booking),
    purpose,
    subject,
    providerUrl: requireProviderUrl(ctx),
    patient: booking.patient,
    previousWhen: previous ? formatWhen(previous.startsAt, previous.endsAt, ctx.timeZone) : null,
    cancelledBy: booking.cancelledBy,
    reason: reasonOf(booking),
  };
}
