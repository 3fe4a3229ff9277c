"use client";

import { useId, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/cn";
import { ACCEPTED_DATE_RANGE, addDays, daysBetween, isAcceptedLocalDate, isLocalDate, localDateOf } from "@/lib/time";
import { BOOKING_STATUSES } from "../schemas";
import type { ProviderBookingDto } from "../types";
import { useProviderBookings } from "../hooks/use-provider-bookings";
import { ProviderProfileGate } from "./provider-profile-gate";
import { ProviderBookingActions } from "./provider-booking-actions";
import { describeWhere, formatBookingRange, STATUS_CLASS, STATUS_LABEL, startOfLocalDay } from "./provider-booking-display";

type StatusFilter = "" | (typeof BOOKING_STATUSES)[number];
const PAGE_SIZE = 50;

/**
 * What a page adds under each booking (another feature's panel, e.g. its message log). Bookings
 * cannot import later features, so the page composes them through this slot.
 */
export type BookingExtras = (booking: ProviderBookingDto, timeZone: string) => ReactNode;

export function ProviderBookingsList({ extras }: { extras?: BookingExtras } = {}) {
  return (
    <ProviderProfileGate loadingLabel="Loading your bookings…">{(profile) => <BookingsInRange timeZone={profile.timeZone} extras={extras} />}</ProviderProfileGate>
  );
}

function BookingsInRange({ timeZone, extras }: { timeZone: string; extras?: BookingExtras }) {
  const today = localDateOf(new Date(), timeZone);
  const [fromDate, setFromDate] = useState(today);
  const [toDate, setToDate] = useState(addDays(today, 29));
  const [status, setStatus] = useState<StatusFilter>("");
  const [page, setPage] = useState(1);
  const id = useId();

  const rangeError = !isLocalDate(fromDate) || !isLocalDate(toDate)
    ? "Choose both dates."
    : !isAcceptedLocalDate(fromDate) || !isAcceptedLocalDate(toDate)
      ? `Choose dates between ${ACCEPTED_DATE_RANGE.first} and ${ACCEPTED_DATE_RANGE.last}.`
    : daysBetween(fromDate, toDate) < 0
      ? "The last day must not be before the first day."
      : daysBetween(fromDate, toDate) > 365
        ? "Show at most a year at a time."
        : "";
  const bookings = useProviderBookings(
    rangeError
      ? { from: startOfLocalDay(timeZone, today), to: startOfLocalDay(timeZone, addDays(today, 30)), page: 1, pageSize: PAGE_SIZE }
      : {
          from: startOfLocalDay(timeZone, fromDate),
          to: startOfLocalDay(timeZone, addDays(toDate, 1)),
          statuses: status ? [status] : undefined,
          page,
          pageSize: PAGE_SIZE,
        },
  );
  const now = new Date();
  const data = bookings.data;

  return (
    <div className="space-y-4">
      <form className="grid gap-4 sm:grid-cols-3" onSubmit={(event) => event.preventDefault()} aria-label="Filter bookings">
        <div>
          <label htmlFor={`${id}-from`} className="mb-1 block text-sm font-medium">
            From
          </label>
          <Input
            id={`${id}-from`}
            type="date"
            min={ACCEPTED_DATE_RANGE.first}
            max={ACCEPTED_DATE_RANGE.last}
            value={fromDate}
            aria-invalid={Boolean(rangeError)}
            aria-describedby={rangeError ? `${id}-range-error` : undefined}
            onChange={(e) => {
              setFromDate(e.target.value);
              setPage(1);
            }}
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className="mb-1 block text-sm font-medium">
            To (inclusive)
          </label>
          <Input
            id={`${id}-to`}
            type="date"
            min={ACCEPTED_DATE_RANGE.first}
            max={ACCEPTED_DATE_RANGE.last}
            value={toDate}
            aria-invalid={Boolean(rangeError)}
            aria-describedby={rangeError ? `${id}-range-error` : undefined}
            onChange={(e) => {
              setToDate(e.target.value);
              setPage(1);
            }}
          />
        </div>
        <div>
          <label htmlFor={`${id}-status`} className="mb-1 block text-sm font-medium">
            Status
          </label>
          <Select
            id={`${id}-status`}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as StatusFilter);
              setPage(1);
            }}
          >
            <option value="">All statuses</option>
            {BOOKING_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABEL[value]}
              </option>
            ))}
          </Select>
        </div>
        {rangeError ? (
          <p id={`${id}-range-error`} role="alert" className="text-sm text-red-700 sm:col-span-3">
            {rangeError}
          </p>
        ) : null}
      </form>
      <p className="text-sm text-slate-600">Times are in {timeZone.replaceAll("_", " ")}.</p>

      {bookings.isError ? (
        <p role="alert" className="text-red-700">
          We could not load your bookings: {bookings.error.message}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-slate-600">
        {rangeError ? "" : data ? `${data.total} booking${data.total === 1 ? "" : "s"}` : "Loading bookings…"}
      </p>
      {data && data.items.length === 0 && !rangeError ? <p className="text-sm">No bookings in this period.</p> : null}

      {!rangeError ? (
        <ul className="space-y-3" aria-label="Bookings">
          {data?.items.map((booking) => (
            <ProviderBookingRow key={booking.id} booking={booking} timeZone={timeZone} now={now} extras={extras} />
          ))}
        </ul>
      ) : null}

      {data && data.pageCount > 1 && !rangeError ? (
        <nav aria-label="Pagination" className="flex items-center gap-3">
          <Button variant="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous page
          </Button>
          <span className="text-sm">
            Page {data.page} of {data.pageCount}
          </span>
          <Button variant="secondary" disabled={page >= data.pageCount} onClick={() => setPage((p) => p + 1)}>
            Next page
          </Button>
        </nav>
      ) : null}
    </div>
  );
}

export function ProviderBookingRow({
  booking,
  timeZone,
  now,
  extras,
}: {
  booking: ProviderBookingDto;
  timeZone: string;
  now: Date;
  extras?: BookingExtras;
}) {
  const locationZone = booking.location?.timeZone;
  const when = formatBookingRange(booking, timeZone);
  const label = `${booking.service.name} with ${booking.patient.name}, ${when}`;
  return (
    <li>
      <Card className={cn("space-y-2 border-l-4 p-4", STATUS_CLASS[booking.status].replace("line-through", ""))}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <p className="font-semibold">{when}</p>
            {locationZone && locationZone !== timeZone ? (
              <p className="text-sm">
                {formatBookingRange(booking, locationZone)} {locationZone.replaceAll("_", " ")} time at the location
              </p>
            ) : null}
          </div>
          <Badge className={STATUS_CLASS[booking.status]}>{STATUS_LABEL[booking.status]}</Badge>
        </div>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-600">Service</dt>
          <dd>{booking.service.name}</dd>
          <dt className="text-slate-600">Patient</dt>
          <dd>
            {booking.patient.name}
            {booking.patient.isGuest ? " (guest)" : ""}
            {booking.patient.email ? (
              <>
                {" · "}
                <a className="text-brand-700 underline" href={`mailto:${booking.patient.email}`}>
                  {booking.patient.email}
                </a>
              </>
            ) : null}
            {booking.patient.phone ? (
              <>
                {" · "}
                <a className="text-brand-700 underline" href={`tel:${booking.patient.phone}`}>
                  {booking.patient.phone}
                </a>
              </>
            ) : null}
          </dd>
          <dt className="text-slate-600">Where</dt>
          <dd>{describeWhere(booking)}</dd>
          {booking.channel === "PHONE" ? (
            <>
              <dt className="text-slate-600">Booked</dt>
              <dd data-testid="booked-by-phone">
                By phone{booking.bookedBy ? ` by ${booking.bookedBy.name}` : ""}
                {booking.contactTakenByStaff ? "; contact details taken by staff, not confirmed by the patient with a code" : ""}
              </dd>
            </>
          ) : null}
          {booking.notes ? (
            <>
              <dt className="text-slate-600">Notes</dt>
              <dd className="whitespace-pre-line">{booking.notes}</dd>
            </>
          ) : null}
          {booking.cancellationReason ? (
            <>
              <dt className="text-slate-600">Reason</dt>
              <dd>{booking.cancellationReason}</dd>
            </>
          ) : null}
        </dl>
        <ProviderBookingActions booking={booking} now={now} label={label} />
        {extras?.(booking, timeZone)}
      </Card>
    </li>
  );
}
