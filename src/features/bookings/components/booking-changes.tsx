"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SlotPicker, type PickedSlot, type SlotDescription, type SlotSuggestions } from "@/features/availability";
import { formatDateTime, zoneLabel } from "@/lib/time";
import { readAppError } from "../hooks/read-app-error";
import type { PatientBookingDto } from "../types";
import { REASON_MAX_LENGTH } from "../schemas";
import { CharacterCount, Field, textareaClassName } from "./field";

export interface BookingChangesProps {
  booking: PatientBookingDto;
  timeZone: string | null;
  detectedTimeZone: string | null;
  onTimeZoneChange: (zone: string) => void;
  /** Resolve when the booking is cancelled; reject with the tRPC error otherwise. */
  onCancel: (reason: string) => Promise<unknown>;
  onReschedule: (slot: PickedSlot) => Promise<unknown>;
  /** h2 on the booking's own page; lower inside a list of bookings. */
  headingLevel?: "h2" | "h4";
}

type Step = "idle" | "cancel" | "reschedule";

/** Cancel (with a confirm step and an optional reason) or move a booking, while the provider's cutoff allows. */
export function BookingChanges({
  booking,
  timeZone,
  detectedTimeZone,
  onTimeZoneChange,
  onCancel,
  onReschedule,
  headingLevel: Heading = "h2",
}: BookingChangesProps) {
  const ids = { heading: useId(), reason: useId(), cancelHeading: useId() };
  const [step, setStep] = useState<Step>("idle");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [target, setTarget] = useState<{ slot: PickedSlot; description: SlotDescription } | null>(null);
  const [suggestions, setSuggestions] = useState<SlotSuggestions | null>(null);
  const [isWorking, setIsWorking] = useState(false);
  const zone = timeZone ?? booking.provider.timeZone;
  const isOpen = booking.status === "PENDING" || booking.status === "CONFIRMED";

  function reset(next: Step) {
    setStep(next);
    setError(null);
    setTarget(null);
    setSuggestions(null);
  }

  async function cancel(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsWorking(true);
    setError(null);
    try {
      await onCancel(reason.trim());
      setDone("Your booking is cancelled. The time is free for others again.");
      reset("idle");
    } catch (failure) {
      setError(readAppError(failure).message);
    } finally {
      setIsWorking(false);
    }
  }

  async function move() {
    if (!target) return;
    setIsWorking(true);
    setError(null);
    try {
      await onReschedule(target.slot);
      setDone(`Your booking has moved to ${target.description.label}.`);
      reset("idle");
    } catch (failure) {
      const info = readAppError(failure);
      setTarget(null);
      if (info.appCode === "SLOT_TAKEN") setSuggestions({ message: info.message, slots: info.alternatives });
      else setError(info.message);
    } finally {
      setIsWorking(false);
    }
  }

  const cutoff = `${formatDateTime(booking.changeableUntil, zone)} (${zoneLabel(booking.changeableUntil, zone)})`;

  return (
    // A plain block, not a region: a list of bookings would repeat one landmark name per booking.
    <div className="space-y-3">
      <Heading id={ids.heading} className="text-lg font-semibold">
        Change this booking
      </Heading>
      <div role="status" className="text-sm font-medium text-green-800">
        {done}
      </div>
      {!booking.canChange ? (
        isOpen ? (
          <p className="text-sm">
            Online changes were possible until {cutoff}. To change or cancel now, please contact the practice.
          </p>
        ) : (
          <p className="text-sm text-slate-600">This booking can no longer be changed.</p>
        )
      ) : (
        <>
          <p className="text-sm text-slate-700">You can reschedule or cancel online until {cutoff}.</p>
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          {step === "idle" ? (
            <div className="flex flex-wrap gap-3">
              <Button onClick={() => reset("reschedule")}>Reschedule</Button>
              <Button variant="secondary" onClick={() => reset("cancel")}>
                Cancel booking
              </Button>
            </div>
          ) : null}

          {step === "cancel" ? (
            <form onSubmit={cancel} aria-labelledby={ids.cancelHeading} className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4">
              <h3 id={ids.cancelHeading} className="font-semibold">
                Cancel this booking?
              </h3>
              <Field id={ids.reason} label="Reason" isOptional hint="The provider sees this.">
                {(control) => (
                  <>
                    <textarea
                      {...control}
                      aria-describedby={[control["aria-describedby"], `${ids.reason}-count`].filter(Boolean).join(" ")}
                      rows={2}
                      className={textareaClassName}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                    />
                    <CharacterCount id={`${ids.reason}-count`} length={reason.trim().length} max={REASON_MAX_LENGTH} />
                  </>
                )}
              </Field>
              <div className="flex flex-wrap gap-3">
                <Button type="submit" disabled={isWorking} className="bg-red-700 hover:bg-red-800">
                  {isWorking ? "Cancelling…" : "Yes, cancel booking"}
                </Button>
                <Button variant="secondary" onClick={() => reset("idle")} disabled={isWorking}>
                  Keep booking
                </Button>
              </div>
            </form>
          ) : null}

          {step === "reschedule" && timeZone ? (
            <div className="space-y-4 rounded-md border border-slate-200 p-4">
              <SlotPicker
                providerId={booking.provider.id}
                serviceId={booking.service.id}
                timeZone={timeZone}
                detectedTimeZone={detectedTimeZone}
                onTimeZoneChange={onTimeZoneChange}
                selected={target?.slot ?? null}
                isBusy={isWorking}
                onSelect={(slot, description) => {
                  setTarget({ slot, description });
                  setSuggestions(null);
                  setError(null);
                }}
                suggestions={suggestions}
                heading="Choose a new time"
              />
              {target ? (
                <div className="space-y-2 rounded-md border border-brand-600 bg-brand-50 p-3 text-sm">
                  <p>
                    Move your booking to <strong>{target.description.label}</strong>?
                  </p>
                  <Button onClick={() => void move()} disabled={isWorking}>
                    {isWorking ? "Moving…" : "Move booking"}
                  </Button>
                </div>
              ) : null}
              <Button variant="secondary" onClick={() => reset("idle")} disabled={isWorking}>
                Keep the current time
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
