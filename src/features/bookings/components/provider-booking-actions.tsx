"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cancelAsProviderInput } from "../schemas";
import type { ProviderBookingDto } from "../types";
import { useCancelAsProvider, useDecideBooking, useMarkOutcome } from "../hooks/use-provider-bookings";

type Panel = "none" | "decline" | "cancel";

/** Confirm/decline a request, cancel with a reason, or record the outcome, depending on status and time. */
export function ProviderBookingActions({ booking, now, label }: { booking: ProviderBookingDto; now: Date; label: string }) {
  const decide = useDecideBooking();
  const cancel = useCancelAsProvider();
  const outcome = useMarkOutcome();
  const [panel, setPanel] = useState<Panel>("none");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState("");
  const [error, setError] = useState("");
  const id = useId();

  const hasStarted = booking.startsAt.getTime() <= now.getTime();
  const canDecide = booking.status === "PENDING";
  const canCancel = (booking.status === "PENDING" || booking.status === "CONFIRMED") && !hasStarted;
  const canMarkOutcome = booking.status === "CONFIRMED" && hasStarted;
  const isBusy = decide.isPending || cancel.isPending || outcome.isPending;

  const onError = (failure: { message: string; data?: { appCode?: string; fieldErrors?: Record<string, string[]> | null } | null }) => {
    const reasonMessages = failure.data?.fieldErrors?.reason;
    if (failure.data?.appCode === "VALIDATION" && reasonMessages?.length) {
      setReasonError(reasonMessages.join(" "));
      return;
    }
    setError(failure.message);
  };
  const reset = () => {
    setError("");
    setReasonError("");
  };

  if (!canDecide && !canCancel && !canMarkOutcome) return null;

  const submitReason = (event: FormEvent) => {
    event.preventDefault();
    reset();
    if (panel === "cancel") {
      const checked = cancelAsProviderInput.safeParse({ bookingId: booking.id, reason });
      if (!checked.success) {
        setReasonError(checked.error.issues.map((issue) => issue.message).join(" "));
        return;
      }
      cancel.mutate(checked.data, { onSuccess: () => setPanel("none"), onError });
    } else {
      decide.mutate({ bookingId: booking.id, decision: "DECLINE", reason }, { onSuccess: () => setPanel("none"), onError });
    }
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2" role="group" aria-label={`Actions for ${label}`}>
        {canDecide ? (
          <>
            <Button
              disabled={isBusy}
              onClick={() => {
                reset();
                decide.mutate({ bookingId: booking.id, decision: "CONFIRM" }, { onError });
              }}
            >
              Confirm
            </Button>
            <Button variant="secondary" disabled={isBusy} aria-expanded={panel === "decline"} onClick={() => setPanel(panel === "decline" ? "none" : "decline")}>
              Decline
            </Button>
          </>
        ) : null}
        {canCancel ? (
          <Button variant="secondary" disabled={isBusy} aria-expanded={panel === "cancel"} onClick={() => setPanel(panel === "cancel" ? "none" : "cancel")}>
            Cancel booking
          </Button>
        ) : null}
        {canMarkOutcome ? (
          <>
            <Button
              variant="secondary"
              disabled={isBusy}
              onClick={() => {
                reset();
                outcome.mutate({ bookingId: booking.id, outcome: "COMPLETED" }, { onError });
              }}
            >
              Mark completed
            </Button>
            <Button
              variant="secondary"
              disabled={isBusy}
              onClick={() => {
                reset();
                outcome.mutate({ bookingId: booking.id, outcome: "NO_SHOW" }, { onError });
              }}
            >
              No-show
            </Button>
          </>
        ) : null}
      </div>
      {panel !== "none" ? (
        <form onSubmit={submitReason} noValidate className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor={`${id}-reason`} className="mb-1 block text-xs font-medium">
              {panel === "cancel" ? "Reason for cancelling (shown to the patient)" : "Reason for declining (optional, shown to the patient)"}
            </label>
            <Input
              id={`${id}-reason`}
              value={reason}
              required={panel === "cancel"}
              aria-invalid={Boolean(reasonError)}
              aria-describedby={reasonError ? `${id}-reason-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <Button type="submit" disabled={isBusy}>
            {panel === "cancel" ? "Cancel this booking" : "Decline request"}
          </Button>
          <Button variant="ghost" onClick={() => setPanel("none")}>
            Keep it
          </Button>
          {reasonError ? (
            <p id={`${id}-reason-error`} className="w-full text-xs text-red-700">
              {reasonError}
            </p>
          ) : null}
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
