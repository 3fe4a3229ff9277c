"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The signed-in person's consent records, newest first, and the zone to show them in. */
export function useMyConsents() {
  const trpc = useTRPC();
  return useQuery(trpc.privacy.consents.queryOptions());
}

/** How much the data export holds. */
export function useExportSummary() {
  const trpc = useTRPC();
  return useQuery(trpc.privacy.exportSummary.queryOptions());
}

/** What erasure would remove and keep, and what must happen first. */
export function useErasurePreview() {
  const trpc = useTRPC();
  return useQuery(trpc.privacy.erasurePreview.queryOptions());
}

/** Erases the account's personal data; afterwards the session no longer exists. */
export function useEraseAccount() {
  const trpc = useTRPC();
  return useMutation(trpc.privacy.erase.mutationOptions());
}
