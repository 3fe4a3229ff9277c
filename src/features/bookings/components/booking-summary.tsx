import Link from "next/link";
import { formatMoney } from "@/lib/money";
import { formatDateTime, formatTime, zoneLabel } from "@/lib/time";
import { bookingEventTimeZone } from "../ics";
import type { PatientBookingDto } from "../types";
import { StatusBadge } from "./status-badge";

export interface BookingSummaryProps {
  booking: PatientBookingDto;
  /** The patient's zone; null until the browser has told us (the event's own zone is shown meanwhile). */
  timeZone: string | null;
  headingLevel?: "h2" | "h3";
}

/** What, who, when (in the patient's zone and where it happens), where, price and status. */
export function BookingSummary({ booking, timeZone, headingLevel = "h2" }: BookingSummaryProps) {
  const Heading = headingLevel;
  const eventZone = bookingEventTimeZone(booking);
  const eventPlace = booking.mode === "IN_PERSON" && booking.location ? "at the practice" : "for the provider";
  const showEventZone = timeZone === null || timeZone !== eventZone;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading className="text-lg font-semibold">{booking.service.name}</Heading>
        <StatusBadge status={booking.status} />
      </div>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">With</dt>
        <dd>
          <Link href={`/providers/${booking.provider.slug}`} className="text-brand-700 underline">
            {booking.provider.displayName}
          </Link>
        </dd>
        <dt className="font-medium text-slate-600">When</dt>
        <dd className="space-y-0.5">
          {timeZone ? (
            <p data-testid="booking-time">
              {formatDateTime(booking.startsAt, timeZone)}–{formatTime(booking.endsAt, timeZone)}{" "}
              <span className="text-slate-600">({zoneLabel(booking.startsAt, timeZone)}, your time)</span>
            </p>
          ) : null}
          {showEventZone ? (
            <p className={timeZone ? "text-slate-600" : undefined}>
              {formatDateTime(booking.startsAt, eventZone)}–{formatTime(booking.endsAt, eventZone)} ({zoneLabel(booking.startsAt, eventZone)}, local
              time {eventPlace})
            </p>
          ) : null}
          <p className="text-slate-600">{booking.service.durationMinutes} minutes</p>
        </dd>
        <dt className="font-medium text-slate-600">Where</dt>
        <dd>
          {booking.mode === "IN_PERSON" && booking.location ? (
            <>
              <p>{booking.location.name}</p>
              <p className="text-slate-600">{booking.location.formattedAddress}</p>
            </>
          ) : (
            <p>Online</p>
          )}
        </dd>
        <dt className="font-medium text-slate-600">Price</dt>
        <dd>{formatMoney(booking.service.priceMinor, booking.service.currency)}</dd>
        {booking.notes ? (
          <>
            <dt className="font-medium text-slate-600">Your notes</dt>
            <dd className="whitespace-pre-line">{booking.notes}</dd>
          </>
        ) : null}
        {booking.cancellationReason ? (
          <>
            <dt className="font-medium text-slate-600">Reason given</dt>
            <dd className="whitespace-pre-line">{booking.cancellationReason}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
