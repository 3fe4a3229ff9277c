"use client";

import { Card } from "@/components/ui/card";
import { TimeZoneSelect, usePatientTimeZone } from "@/features/availability";
import { useCancelManagedBooking, useManagedBooking, useRescheduleManagedBooking } from "../hooks/use-managed-booking";
import { BookingChanges } from "./booking-changes";
import { BookingSummary } from "./booking-summary";
import { ManageLink } from "./manage-link";

/** The confirmation and manage page behind the secret link the patient got when booking. */
export function ManageBooking({ token, isNew }: { token: string; isNew: boolean }) {
  const { data: booking } = useManagedBooking(token);
  const { timeZone, detectedTimeZone, setTimeZone } = usePatientTimeZone();
  const cancel = useCancelManagedBooking(token);
  const reschedule = useRescheduleManagedBooking(token);
  const showBanner = isNew && (booking.status === "CONFIRMED" || booking.status === "PENDING");

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {showBanner ? (
        <div role="status" className="space-y-1 rounded-lg border border-green-300 bg-green-50 p-4">
          <p className="text-lg font-semibold text-green-900">
            {booking.status === "PENDING" ? "Request sent, waiting for the provider" : "Booking confirmed"}
          </p>
          <p className="text-sm text-green-900">
            {booking.status === "PENDING"
              ? `${booking.provider.displayName} confirms each request; we will message you their answer, and this page shows it too. `
              : "We are sending you a confirmation (by email, with a calendar invitation) and, before the appointment, reminders. "}
            The link to this page (copy it below) is how you view, reschedule or cancel this booking; every message we send
            includes it.
          </p>
        </div>
      ) : null}

      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Your booking</h1>
        {timeZone ? (
          <TimeZoneSelect value={timeZone} onChange={setTimeZone} detectedTimeZone={detectedTimeZone} at={booking.startsAt} label="Show times in" />
        ) : null}
      </div>

      <Card className="space-y-4">
        <BookingSummary booking={booking} timeZone={timeZone} />
        <a
          href={`/api/bookings/ics?token=${encodeURIComponent(token)}`}
          download
          className="inline-flex items-center rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Add to calendar (.ics)
        </a>
        <ManageLink token={token} />
      </Card>

      <Card>
        <BookingChanges
          booking={booking}
          timeZone={timeZone}
          detectedTimeZone={detectedTimeZone}
          onTimeZoneChange={setTimeZone}
          onCancel={(reason) => cancel.mutateAsync({ token, reason })}
          onReschedule={(slot) =>
            reschedule.mutateAsync({ token, startsAt: slot.startsAt, mode: slot.mode, locationId: slot.locationId })
          }
        />
      </Card>
    </div>
  );
}
