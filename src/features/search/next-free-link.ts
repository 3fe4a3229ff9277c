import { slotLinkQuery } from "@/features/availability";
import type { ProviderSearchResult } from "./types";

/**
 * The provider page opened on this result's next free time: its service chosen, the day shown
 * and the time marked for one click (see the provider page's slot link).
 */
export function nextFreeHref(result: ProviderSearchResult): string | null {
  const { provider, nextAvailable, mode, location } = result;
  if (!nextAvailable) return null;
  if (mode === "IN_PERSON" && !location) return null;
  return `/providers/${provider.slug}${slotLinkQuery({
    serviceId: nextAvailable.serviceId,
    mode,
    locationId: mode === "IN_PERSON" ? (location?.id ?? null) : null,
    startsAt: nextAvailable.startsAt,
  })}`;
}
