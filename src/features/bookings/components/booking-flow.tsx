"use client";

import { useState } from "react";
import {
  SlotPicker,
  usePatientTimeZone,
  useRefreshSlots,
  type PickedSlot,
  type RequestedSlot,
  type SlotDescription,
  type SlotSuggestions,
} from "@/features/availability";
import { useHoldSlot, useReleaseHold } from "../hooks/use-hold-slot";
import { readAppError, type AppErrorInfo } from "../hooks/read-app-error";
import type { BookableServiceDto, HoldDto } from "../types";
import { BookingForm, type Viewer } from "./booking-form";

export interface BookingFlowProps {
  providerId: string;
  providerName: string;
  service: BookableServiceDto;
  viewer: Viewer | null;
  /** A time a link asked for (e.g. from search): the picker opens on it, marked; it is not held. */
  requestedSlot?: RequestedSlot | null;
}

interface Choice {
  slot: PickedSlot;
  description: SlotDescription;
}

/**
 * Pick a time, reserve it, fill in the form. The hold token stays in this component's memory:
 * it never travels in a URL, so it cannot end up in logs or browser history.
 */
export function BookingFlow({ providerId, providerName, service, viewer, requestedSlot = null }: BookingFlowProps) {
  const { timeZone, detectedTimeZone, setTimeZone } = usePatientTimeZone();
  const hold = useHoldSlot();
  const releaseHold = useReleaseHold();
  const refreshSlots = useRefreshSlots();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [held, setHeld] = useState<(Choice & { hold: HoldDto }) | null>(null);
  const [suggestions, setSuggestions] = useState<SlotSuggestions | null>(null);

  if (!timeZone) {
    return (
      <p role="status" className="text-sm text-slate-600">
        Loading free times…
      </p>
    );
  }

  function showRefusal(info: AppErrorInfo) {
    setSuggestions({ message: info.message, slots: info.alternatives });
    if (info.appCode === "SLOT_TAKEN") void refreshSlots();
  }

  function select(slot: PickedSlot, description: SlotDescription) {
    setChoice({ slot, description });
    setSuggestions(null);
    hold.mutate(
      { providerId, serviceId: service.id, startsAt: slot.startsAt, mode: slot.mode, locationId: slot.locationId },
      {
        onSuccess: (dto) => setHeld({ slot, description, hold: dto }),
        onError: (error) => {
          setChoice(null);
          showRefusal(readAppError(error));
        },
      },
    );
  }

  return (
    <div className="space-y-4">
      {hold.isPending && choice ? (
        <p role="status" className="text-sm">
          Reserving {choice.description.label}…
        </p>
      ) : null}
      <div hidden={held !== null}>
        <SlotPicker
          providerId={providerId}
          serviceId={service.id}
          modes={{ isOnline: service.isOnline, isInPerson: service.isInPerson }}
          bookingHorizonDays={service.bookingHorizonDays}
          timeZone={timeZone}
          detectedTimeZone={detectedTimeZone}
          onTimeZoneChange={setTimeZone}
          selected={choice?.slot ?? null}
          isBusy={hold.isPending}
          onSelect={select}
          suggestions={suggestions}
          requestedSlot={requestedSlot}
        />
      </div>
      {held ? (
        <BookingForm
          key={held.hold.holdId}
          hold={held.hold}
          slotStartsAt={held.slot.startsAt}
          description={held.description}
          service={service}
          providerName={providerName}
          viewer={viewer}
          timeZone={timeZone}
          onChooseAnotherTime={() => {
            releaseHold.mutate(
              { holdId: held.hold.holdId, holdToken: held.hold.holdToken },
              { onSettled: () => void refreshSlots() },
            );
            setHeld(null);
            setChoice(null);
          }}
          onSlotTaken={(info) => {
            setHeld(null);
            setChoice(null);
            showRefusal(info);
          }}
        />
      ) : null}
    </div>
  );
}
