"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** Sends a one-time code to the booking's email or phone (a resend when the address is unchanged). */
export function useRequestContactCode() {
  const trpc = useTRPC();
  return useMutation(trpc.bookings.requestContactCode.mutationOptions());
}

export function useVerifyContactCode() {
  const trpc = useTRPC();
  return useMutation(trpc.bookings.verifyContactCode.mutationOptions());
}

/** Seconds a RATE_LIMITED answer asks to wait (our error formatter puts them in `data.details`), or null. */
export function retryAfterSecondsOf(error: unknown): number | null {
  const data = (error as { data?: { details?: { retryAfterSeconds?: unknown } | null } } | null)?.data;
  const seconds = data?.details?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.ceil(seconds) : null;
}
