"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The provider's Google connections, calendars and latest sync runs; refreshed while the page is open. */
export function useCalendarSyncOverview(options: { refetchIntervalMs?: number } = {}) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.calendarSync.overview.queryOptions(), refetchInterval: options.refetchIntervalMs });
}

function useInvalidateOverview() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.calendarSync.overview.queryKey() });
}

export function useUpdateConnectedCalendar() {
  const trpc = useTRPC();
  const invalidate = useInvalidateOverview();
  return useMutation(trpc.calendarSync.updateCalendar.mutationOptions({ onSettled: invalidate }));
}

export function useSyncCalendarNow() {
  const trpc = useTRPC();
  const invalidate = useInvalidateOverview();
  return useMutation(trpc.calendarSync.syncNow.mutationOptions({ onSettled: invalidate }));
}

export function useDisconnectCalendarConnection() {
  const trpc = useTRPC();
  const invalidate = useInvalidateOverview();
  return useMutation(trpc.calendarSync.disconnect.mutationOptions({ onSettled: invalidate }));
}

export function useCalendarSettings() {
  const trpc = useTRPC();
  return useQuery(trpc.calendarSync.settings.queryOptions());
}

export function useUpdateCalendarSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.calendarSync.updateSettings.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.calendarSync.settings.queryKey(), saved),
    }),
  );
}

/** The message and the field errors of a failed call (our error formatter's `fieldErrors`). */
export function readCallError(error: unknown): { message: string; fieldErrors: Record<string, string[]> } {
  const message = error instanceof Error && error.message ? error.message : "Something went wrong. Please try again.";
  const data = (error as { data?: { fieldErrors?: unknown } } | null)?.data;
  const fieldErrors: Record<string, string[]> = {};
  if (data?.fieldErrors && typeof data.fieldErrors === "object") {
    for (const [key, messages] of Object.entries(data.fieldErrors as Record<string, unknown>)) {
      if (Array.isArray(messages)) fieldErrors[key] = messages.filter((m): m is string => typeof m === "string");
    }
  }
  return { message, fieldErrors };
}
