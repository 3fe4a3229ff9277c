"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRefreshSlots } from "@/features/availability";
import { useTRPC } from "@/trpc/react";

/** The organization's bookable providers, their services and its locations. */
export function usePhoneBookingOptions(organizationId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.bookings.phone.options.queryOptions({ organizationId }));
}

export function useHoldPhoneSlot() {
  const trpc = useTRPC();
  return useMutation(trpc.bookings.phone.hold.mutationOptions());
}

/** Releases a hold the staff member no longer needs (another time, another provider): the online release, by its token. */
export function useReleasePhoneHold() {
  const trpc = useTRPC();
  const refreshSlots = useRefreshSlots();
  return useMutation(trpc.bookings.releaseHold.mutationOptions({ onSettled: () => void refreshSlots() }));
}

export function useRequestPhoneContactCode() {
  const trpc = useTRPC();
  return useMutation(trpc.bookings.phone.requestCode.mutationOptions());
}

export function useConfirmPhoneBooking() {
  const trpc = useTRPC();
  const refreshSlots = useRefreshSlots();
  return useMutation(trpc.bookings.phone.confirm.mutationOptions({ onSuccess: () => void refreshSlots() }));
}
