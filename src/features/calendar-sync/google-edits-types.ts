import type { GoogleConflictAction } from "./google-edits-schemas";

export type GoogleConflictKind = "deleted_in_google" | "moved_onto_busy_time" | "unsupported_change";

/** The actions each kind of conflict offers, in the order the UI shows them. */
export const ACTIONS_FOR_CONFLICT: Record<GoogleConflictKind, readonly GoogleConflictAction[]> = {
  deleted_in_google: ["restore", "cancel"],
  moved_onto_busy_time: ["move", "keep", "cancel"],
  unsupported_change: ["keep", "cancel"],
};

/** A booking whose Google event the provider changed in a way MedBookings did not follow. */
export interface GoogleConflictDto {
  bookingId: string;
  kind: GoogleConflictKind;
  /** When the sync noticed it. */
  flaggedAt: Date;
  /** The booking's (unchanged) times. */
  startsAt: Date;
  endsAt: Date;
  /** Where the provider put the event in Google (moved_onto_busy_time only). */
  googleStartsAt: Date | null;
  googleEndsAt: Date | null;
  serviceName: string;
  mode: "IN_PERSON" | "ONLINE";
  /** The provider's IANA zone, for showing the times. */
  timeZone: string;
  actions: readonly GoogleConflictAction[];
}

export interface ResolveGoogleConflictResult {
  bookingId: string;
  action: GoogleConflictAction;
  /** The booking's times afterwards (moved for `move`). */
  startsAt: Date;
  endsAt: Date;
  status: "CONFIRMED" | "CANCELLED";
}
