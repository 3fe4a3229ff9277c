import type { ContactChannelState } from "./preferences-repository";

/**
 * The same reading of contact_channels as the sender's: a STOP (optedOutAt) holds until an
 * explicit opt-in clears it, and only an opt-in without a later STOP counts as consent.
 */
export function isStopped(state: ContactChannelState | null): boolean {
  return Boolean(state?.optedOutAt);
}

export function hasOptedIn(state: ContactChannelState | null): boolean {
  return Boolean(state?.optedInAt && !state.optedOutAt);
}
