import { formatDate } from "@/lib/time";
import type { ProviderLinkStatus } from "../network-schemas";

export const LINK_STATUS_LABEL: Record<ProviderLinkStatus, string> = {
  ACTIVE: "Active",
  INVITED: "Invited",
  ENDED: "Ended",
  DECLINED: "Declined",
};

/** The day a link reached its status, as the UTC date the server recorded. */
export function formatLinkDate(date: Date): string {
  return `${formatDate(date, "UTC")} (UTC)`;
}

export const bookingsPhrase = (count: number) => (count === 1 ? "1 upcoming booking" : `${count} upcoming bookings`);
