"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { AuditListInput, NotificationLogInput } from "../audit-schemas";

export function useAuditTrail(input: Omit<AuditListInput, "cursor">) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.admin.audit.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
}

export function useNotificationLog(input: Omit<NotificationLogInput, "cursor">) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.admin.audit.notifications.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
}
