"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { OrganizationWeekInput } from "../organization-calendar-schemas";

/** One week of the organization's calendar; the previous week stays on screen while the next loads. */
export function useOrganizationWeek(input: OrganizationWeekInput & { organizationId: string }) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.bookings.organizationCalendar.week.queryOptions(input), placeholderData: keepPreviousData });
}

/** Reloads every loaded week of the calendar, e.g. after a provider's hours changed. */
export function useRefreshOrganizationWeeks() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.bookings.organizationCalendar.week.queryKey() });
}
