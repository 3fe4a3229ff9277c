import { formatDateTime } from "@/lib/time";
import type { ProviderStatus } from "../../review-types";

/** Shown to platform admins in UTC, named, like the rest of the admin area. */
export const ADMIN_TIME_ZONE = "UTC";

export function adminTime(date: Date): string {
  return `${formatDateTime(date, ADMIN_TIME_ZONE)} ${ADMIN_TIME_ZONE}`;
}

export const PROVIDER_STATUS_TEXT: Record<ProviderStatus, string> = {
  PENDING: "Waiting for verification",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  SUSPENDED: "Suspended",
};

export const PROVIDER_STATUS_TONE: Record<ProviderStatus, string> = {
  PENDING: "bg-amber-100 text-amber-800",
  APPROVED: "bg-green-100 text-green-800",
  REJECTED: "bg-red-100 text-red-800",
  SUSPENDED: "bg-slate-100 text-slate-700",
};

export const DOCUMENT_STATUS_TEXT = { SUBMITTED: "Waiting for review", APPROVED: "Approved", REJECTED: "Rejected" } as const;

const ACTION_TEXT: Record<string, string> = {
  "provider.approved": "Profile approved",
  "provider.rejected": "Profile rejected",
  "provider.suspended": "Provider suspended",
  "provider.reinstated": "Provider reinstated",
  "provider_document.approved": "Document approved",
  "provider_document.rejected": "Document rejected",
};

export function reviewActionText(action: string, documentTypeName: string | null): string {
  const text = ACTION_TEXT[action] ?? action;
  return documentTypeName ? `${text}: ${documentTypeName}` : text;
}

/** "1 future booking", "3 future bookings". */
export function futureBookingsPhrase(count: number): string {
  return `${count} future booking${count === 1 ? "" : "s"}`;
}

export const textareaClassName =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm placeholder:text-slate-400 aria-[invalid=true]:border-red-600";
