"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TimeZoneSelect, usePatientTimeZone } from "@/features/availability";
import { useCancelMyBooking, useMyBookings, useRescheduleMyBooking } from "../hooks/use-my-bookings";
import type { PatientBookingDto } from "../types";
import { BookingChanges } from "./booking-changes";
import { BookingSummary } from "./booking-summary";

function isUpcoming(booking: PatientBookingDto, now: number): boolean {
  return (booking.status === "PENDING" || booking.status === "CONFIRMED") && booking.endsAt.getTime() > now;
}

/**
 * A signed-in patient's bookings, including those made as a guest with the same (verified)
 * email address before they had an account.
 */
export function MyBookings() {
  const ids = { upcoming: useId(), past: useId() };
  const [page, setPage] = useState(1);
  const [now] = useState(() => Date.now());
  const query = useMyBookings(page);
  const { timeZone, detectedTimeZone, setTimeZone } = usePatientTimeZone();
  const cancel = useCancelMyBooking();
  const reschedule = useRescheduleMyBooking();

  const items = query.data?.items ?? [];
  const upcoming = items.filter((b) => isUpcoming(b, now)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const past = items.filter((b) => !isUpcoming(b, now));

  function renderList(bookings: PatientBookingDto[], labelledBy: string) {
    return (
      <ul aria-labelledby={labelledBy} className="space-y-4">
        {bookings.map((booking) => (
          <li key={booking.id}>
            <Card className="space-y-4">
              <BookingSummary booking={booking} timeZone={timeZone} headingLevel="h3" />
              {booking.canChange ? (
                <BookingChanges
                  booking={booking}
                  timeZone={timeZone}
                  detectedTimeZone={detectedTimeZone}
                  onTimeZoneChange={setTimeZone}
                  headingLevel="h4"
                  onCancel={(reason) => cancel.mutateAsync({ bookingId: booking.id, reason })}
                  onReschedule={(slot) =>
                    reschedule.mutateAsync({ bookingId: booking.id, startsAt: slot.startsAt, mode: slot.mode, locationId: slot.locationId })
                  }
                />
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">My bookings</h1>
        {timeZone ? <TimeZoneSelect value={timeZone} onChange={setTimeZone} detectedTimeZone={detectedTimeZone} at={new Date(now)} label="Show times in" /> : null}
      </div>

      {query.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Loading your bookings…
        </p>
      ) : null}
      {query.isError ? (
        <div role="alert" className="space-y-2 text-sm text-red-700">
          <p>{query.error.message}</p>
          <Button variant="secondary" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </div>
      ) : null}

      {query.data ? (
        <>
          <section aria-labelledby={ids.upcoming} className="space-y-3">
            <h2 id={ids.upcoming} className="text-xl font-semibold">
              Upcoming
            </h2>
            {upcoming.length > 0 ? (
              renderList(upcoming, ids.upcoming)
            ) : (
              <p className="text-sm">
                No upcoming bookings.{" "}
                <Link href="/" className="text-brand-700 underline">
                  Find a provider
                </Link>
                .
              </p>
            )}
          </section>
          <section aria-labelledby={ids.past} className="space-y-3">
            <h2 id={ids.past} className="text-xl font-semibold">
              Past and cancelled
            </h2>
            {past.length > 0 ? renderList(past, ids.past) : <p className="text-sm text-slate-600">Nothing here yet.</p>}
          </section>
          {query.data.pageCount > 1 ? (
            <nav aria-label="Pages of bookings" className="flex items-center gap-3">
              <Button variant="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                Newer
              </Button>
              <span className="text-sm">
                Page {query.data.page} of {query.data.pageCount}
              </span>
              <Button variant="secondary" disabled={page >= query.data.pageCount} onClick={() => setPage((p) => p + 1)}>
                Older
              </Button>
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
