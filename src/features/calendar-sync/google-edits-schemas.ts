import { z } from "zod";

/**
 * What the provider may do about a booking whose Google event they changed in a way we could
 * not follow: `cancel` (any conflict; the patient is told), `restore` (deleted in Google: put
 * the event back), `keep` (moved or changed in Google: put the event back at the booking's
 * time), `move` (moved onto busy time: try the booking at the Google time again).
 */
export const GOOGLE_CONFLICT_ACTIONS = ["cancel", "restore", "keep", "move"] as const;
export type GoogleConflictAction = (typeof GOOGLE_CONFLICT_ACTIONS)[number];

export const resolveGoogleConflictInput = z.object({
  bookingId: z.uuid("bookingId must be a booking id"),
  action: z.enum(GOOGLE_CONFLICT_ACTIONS, { error: `action must be one of ${GOOGLE_CONFLICT_ACTIONS.join(", ")}` }),
});
export type ResolveGoogleConflictInput = z.infer<typeof resolveGoogleConflictInput>;
