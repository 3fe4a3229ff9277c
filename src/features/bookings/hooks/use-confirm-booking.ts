"use client";

import { useMutation } from "@tanstack/react-query";
import { useRefreshSlots } from "@/features/availability";
import { useTRPC } from "@/trpc/react";

export function useConfirmBooking() {
  const trpc = useTRPC();
  const refreshSlots = useRefreshSlots();
  return useMutation(trpc.bookings.confirm.mutationOptions({ onSuccess: () => void refreshSlots() }));
}
