import { cancelBookingAsProvider, rescheduleBookingAsProvider } from "@/features/bookings/server";
import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import { addJobs } from "@/server/jobs/job-repository";
import type { GoogleConflictAction } from "../google-edits-schemas";
import { ACTIONS_FOR_CONFLICT, type ResolveGoogleConflictResult } from "../google-edits-types";
import { DELETED_IN_GOOGLE_REASON } from "./apply-google-edits";
import { exportJob } from "./export-repository";
import { clearConflict, findConflicts, forgetExportedEvent, markEventCancelled, recordEventTimes } from "./google-edits-repository";

export interface ResolveGoogleConflictOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  bookingId: string;
  action: GoogleConflictAction;
  now: Date;
}

const ACTION_NAMES: Record<GoogleConflictAction, string> = {
  cancel: "cancel the booking",
  restore: "put the event back",
  keep: "keep the booking's time",
  move: "move the booking to the Google time",
};

/** What the patient reads when the provider cancels over a conflict that was not a deletion. */
export const CANCELLED_OVER_CONFLICT_REASON = "Your provider cancelled this appointment.";

/**
 * The provider settles a flagged booking (see applyGoogleEdits):
 * - cancel: the booking is cancelled as the provider (the patient is told); the export then
 *   deletes the event in Google if it is still there;
 * - restore (deleted in Google): the conflict and the event's row go, and the export writes the
 *   event again;
 * - keep (moved or changed in Google): the export puts the event back at the booking's time. For
 *   a move the row records the Google times, so the export sees a difference to patch; for an
 *   all-day or recurring change the row goes and the export adopts and patches the event;
 * - move (moved onto busy time): the booking is rescheduled to the Google times if they are free
 *   now, else SLOT_TAKEN and the conflict stays.
 * Another provider's booking, or one without a conflict, is NOT_FOUND; an action the conflict
 * does not offer is a VALIDATION error on `action`.
 */
export async function resolveGoogleConflict(options: ResolveGoogleConflictOptions): Promise<ResolveGoogleConflictResult> {
  const { db, provider, bookingId, action, now } = options;
  const [conflict] = await findConflicts(db, { providerId: provider.id, now, bookingId });
  if (!conflict) throw new AppError("NOT_FOUND", "This booking has no calendar change waiting for you.");
  const allowed = ACTIONS_FOR_CONFLICT[conflict.kind] ?? ["cancel"];
  if (!allowed.includes(action)) {
    const message = `You cannot ${ACTION_NAMES[action]} for this change; choose ${allowed.map((a) => `"${a}"`).join(" or ")}.`;
    throw new AppError("VALIDATION", message, { fieldErrors: { action: [message] } });
  }
  const unchanged = { bookingId, action, startsAt: conflict.startsAt, endsAt: conflict.endsAt, status: "CONFIRMED" as const };

  switch (action) {
    case "cancel": {
      const reason = conflict.kind === "deleted_in_google" ? DELETED_IN_GOOGLE_REASON : CANCELLED_OVER_CONFLICT_REASON;
      await cancelBookingAsProvider({ db, provider, actorUserId: options.actorUserId, bookingId, reason, now });
      // The event is already gone from Google after a deletion; otherwise the export removes it.
      if (conflict.kind === "deleted_in_google") await markEventCancelled(db, bookingId);
      else await clearConflict(db, bookingId);
      return { ...unchanged, status: "CANCELLED" };
    }
    case "restore":
      await db.transaction(async (tx) => {
        await forgetExportedEvent(tx, bookingId);
        await addJobs(tx, [exportJob(bookingId)]);
      });
      return unchanged;
    case "keep":
      await db.transaction(async (tx) => {
        if (conflict.googleStartsAt && conflict.googleEndsAt) await recordEventTimes(tx, bookingId, { startsAt: conflict.googleStartsAt, endsAt: conflict.googleEndsAt });
        else await forgetExportedEvent(tx, bookingId);
        await addJobs(tx, [exportJob(bookingId)]);
      });
      return unchanged;
    case "move": {
      const target = { startsAt: conflict.googleStartsAt!, endsAt: conflict.googleEndsAt! };
      try {
        const moved = await rescheduleBookingAsProvider({
          db,
          provider,
          actorUserId: options.actorUserId,
          bookingId,
          ...target,
          now,
          ifStillAt: conflict,
          alsoInTransaction: (tx) => recordEventTimes(tx, bookingId, target),
        });
        return { ...unchanged, startsAt: moved.startsAt, endsAt: moved.endsAt };
      } catch (error) {
        if (error instanceof AppError && error.code === "SLOT_TAKEN") {
          throw new AppError("SLOT_TAKEN", "The time you chose in Google Calendar is still taken by another booking or event (buffers included). Keep the booking's time, or move the event in Google to a free time.");
        }
        if (error instanceof AppError && error.code === "VALIDATION") {
          throw new AppError("PRECONDITION_FAILED", "The time you chose in Google Calendar has passed. Keep the booking's time, or cancel it.");
        }
        throw error;
      }
    }
  }
}
