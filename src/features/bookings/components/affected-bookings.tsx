"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { readFormError } from "@/lib/errors/read-form-error";
import { formatDateTime, zoneLabel } from "@/lib/time";
import { cancelForClosureInput } from "../affected-schemas";
import type { AffectedBookingDto } from "../affected-types";
import { useAffectedBookings, useCancelAffectedBookings, type AffectedSource } from "../hooks/use-affected-bookings";

export interface AffectedBookingsProps {
  source: AffectedSource;
  /** The heading level inside the page that shows it (a closure's section, the schedule page). */
  headingLevel?: 2 | 3;
}

const STATUS_LABEL: Record<AffectedBookingDto["status"], string> = { CONFIRMED: "Confirmed", PENDING: "Awaiting approval" };
const reasonSchema = cancelForClosureInput.shape.reason;

function describeBooking(booking: AffectedBookingDto): string {
  const when = `${formatDateTime(booking.startsAt, booking.timeZone)} ${zoneLabel(booking.startsAt, booking.timeZone)}`;
  const where = booking.mode === "ONLINE" ? "online" : `at ${booking.locationName ?? "the location"}`;
  return `${when}: ${booking.patientName}, ${booking.serviceName} with ${booking.providerName}, ${where}`;
}

/**
 * After a closure or a day off is set: the pending and confirmed bookings it covers, with
 * "Cancel and tell the patients" (each patient is told as for a provider's cancellation, with the
 * reason given) or "Keep" (nothing is sent; the choice is shown so nobody thinks they were told).
 */
export function AffectedBookings({ source, headingLevel = 3 }: AffectedBookingsProps) {
  const query = useAffectedBookings(source);
  const { cancel, isPending } = useCancelAffectedBookings(source);
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [kept, setKept] = useState<AffectedBookingDto[] | null>(null);
  const [reason, setReason] = useState("");
  const [reasonErrors, setReasonErrors] = useState<string[] | undefined>();
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);
  const id = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `${id}-heading`;

  const announce = (message: string) => {
    setError("");
    setStatus(message);
    // The buttons that were pressed may be gone; keyboard users land on what happened.
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  if (query.isPending) return <p role="status">Looking for bookings on these dates…</p>;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        We could not check for bookings on these dates: {query.error.message} Reload the page to try again.
      </p>
    );
  }
  const data = query.data;
  const chosen = data.bookings.filter((b) => !unchecked.has(b.id));
  const range = data.startDate === data.endDate ? data.startDate : `${data.startDate} to ${data.endDate}`;

  const onCancel = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = reasonSchema.safeParse(reason);
    if (!parsed.success) {
      setReasonErrors(parsed.error.issues.map((issue) => issue.message));
      return;
    }
    setReasonErrors(undefined);
    if (chosen.length === 0) {
      setError("Choose at least one booking to cancel, or keep them all.");
      return;
    }
    try {
      const result = await cancel(
        chosen.map((b) => b.id),
        parsed.data,
      );
      setKept(null);
      setUnchecked(new Set());
      announce(`Cancelled ${result.cancelled.length} ${result.cancelled.length === 1 ? "booking" : "bookings"}; the ${result.cancelled.length === 1 ? "patient is" : "patients are"} being told, with your reason.`);
    } catch (caught) {
      const problem = readFormError(caught);
      setStatus("");
      setReasonErrors(problem.fieldErrors.reason);
      setError(problem.message);
    }
  };

  const onKeep = () => {
    setKept(data.bookings);
    announce(
      `You kept ${data.bookings.length === 1 ? "this booking" : `these ${data.bookings.length} bookings`}. Nothing was sent to the patients; they still expect to come on these dates.`,
    );
  };

  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="affected-bookings">
      <Heading id={headingId} className="text-base font-semibold text-amber-950">
        Bookings on {data.name ? `${data.name} (${range})` : range}
      </Heading>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <p ref={statusRef} tabIndex={-1} role="status" className="text-sm text-green-900 outline-none">
        {status}
      </p>
      {data.bookings.length === 0 ? (
        <p className="text-sm text-slate-800">No pending or confirmed bookings are on these dates, so nobody needs to be told.</p>
      ) : kept ? (
        <div className="space-y-2">
          <p className="text-sm font-medium text-amber-950" data-testid="affected-kept">
            Kept: {kept.length} {kept.length === 1 ? "booking stays" : "bookings stay"} booked and the patients were not told.
          </p>
          <ul className="list-disc pl-5 text-sm text-slate-900">
            {kept.map((booking) => (
              <li key={booking.id}>{describeBooking(booking)}</li>
            ))}
          </ul>
          <Button variant="secondary" onClick={() => setKept(null)}>
            Change my mind
          </Button>
        </div>
      ) : (
        <form onSubmit={onCancel} className="space-y-3" aria-labelledby={headingId} noValidate>
          <p className="text-sm text-amber-950">
            {data.bookings.length === 1 ? "One booking is" : `${data.bookings.length} bookings are`} on these dates. Cancel and tell the patients, or keep them.
          </p>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Bookings to cancel</legend>
            {data.bookings.map((booking) => (
              <div key={booking.id} className="flex items-start gap-2 text-sm" data-testid="affected-booking">
                <input
                  id={`${id}-${booking.id}`}
                  type="checkbox"
                  className="mt-1"
                  checked={!unchecked.has(booking.id)}
                  onChange={(event) =>
                    setUnchecked((current) => {
                      const next = new Set(current);
                      if (event.target.checked) next.delete(booking.id);
                      else next.add(booking.id);
                      return next;
                    })
                  }
                />
                <label htmlFor={`${id}-${booking.id}`}>
                  {describeBooking(booking)} <span className="text-slate-700">({STATUS_LABEL[booking.status]})</span>
                </label>
              </div>
            ))}
          </fieldset>
          <div className="space-y-1">
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
              Reason the patients will read
            </label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              rows={2}
              maxLength={500}
              aria-invalid={Boolean(reasonErrors?.length)}
              aria-describedby={describedBy(reasonErrors?.length && `${id}-reason-error`)}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
            />
            <FieldErrorText id={`${id}-reason-error`} messages={reasonErrors} />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={isPending} className="bg-red-700 hover:bg-red-800">
              {isPending ? "Cancelling…" : `Cancel and tell the patients (${chosen.length})`}
            </Button>
            <Button variant="secondary" onClick={onKeep} disabled={isPending}>
              Keep
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
