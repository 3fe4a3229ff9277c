"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

export function useHoldSlot() {
  const trpc = useTRPC();
  return useMutation(trpc.bookings.hold.mutationOptions());
}

export function useReleaseHold() {
  const trpc = useTRPC();
  return useMutation(trpc.bookings.releaseHold.mutationOptions());
}
