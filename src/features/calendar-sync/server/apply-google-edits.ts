import { cancelBookingAsProvider, rescheduleBookingAsProvider } from "@/features/bookings/server";
import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { JobPayloads } from "@/server/jobs/job-names";
import type { EventSighting } from "./busy-from-event";
import { findBookingForEdit, flagConflict, markEventCancelled, recordEventTimes, type BookingForEdit } from "./google-edits-repository";

/** One of our events as a sync saw it in Google. */
export interface GoogleEdit {
  bookingId: string;
  seen: EventSighting;
}

export type GoogleEditOutcome =
  | "cancelled"
  | "rescheduled"
  | "flagged"
  /** Google shows the booking's own times (our export's patch, or the provider moved it back). */
  | "in_step"
  /** Nothing to do: no longer active, in the past, already flagged, or our own change still on its way to Google. */
  | "ignored"
  /** An unexpected error (e.g. the database went away); the other edits still run. */
  | "failed";

export interface ApplyGoogleEditsOptions {
  db: Database;
  edits: GoogleEdit[];
  now: Date;
}

/** What the patient reads when a deleted event cancels their booking. */
export const DELETED_IN_GOOGLE_REASON = "Removed from the provider's Google Calendar";

const same = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

/**
 * Applies edits the provider made in Google to events MedBookings exported, after the sync that
 * noticed them has stored its changes. Only confirmed bookings that have not started, whose
 * event is still active, are touched; everything else (cancelled or completed bookings, the
 * past) is ignored, because Google is then no longer the place where the booking lives.
 *
 * - Deleted or cancelled in Google: per the provider's setting, CANCEL cancels the booking as
 *   the provider (the patient is told, with DELETED_IN_GOOGLE_REASON) and marks the event
 *   cancelled; FLAG (the default) flags `deleted_in_google` and leaves the booking.
 * - Moved to other times: if Google shows the booking's own times, nothing happens (our export
 *   patched it, possibly before recording the times it wrote). If it shows the times we last
 *   wrote, the booking moved here and our export has yet to follow: nothing either. Otherwise
 *   the provider moved it: the booking is rescheduled there as a provider action if the span,
 *   buffers included, is free of other bookings, holds and imported busy time, else flagged
 *   `moved_onto_busy_time` with the Google times. The provider's new times are taken as they
 *   are, length included, and working hours do not apply.
 * - Made all-day, made recurring, or moved into the past: flagged `unsupported_change`.
 *
 * Every decision is re-checked under the booking's lock (a reschedule only applies if the
 * booking is still at the times read), so running the same edit twice, from racing syncs or a
 * later full listing, changes nothing the second time. An edit that fails is not retried by
 * this run (its sync already stored the token past it); the next full listing of the calendar
 * sees the event again.
 */
type StoredEdits = JobPayloads["calendar.apply-edits"]["edits"];

/** Edits as a job payload (JSON: instants as ISO strings). */
export function editsToPayload(edits: GoogleEdit[]): StoredEdits {
  return edits.map(({ bookingId, seen }) => ({
    bookingId,
    seen: seen.kind === "timed" ? { kind: seen.kind, eventId: seen.eventId, startsAt: seen.startsAt.toISOString(), endsAt: seen.endsAt.toISOString() } : seen,
  }));
}

export function editsFromPayload(stored: StoredEdits): GoogleEdit[] {
  return stored.map(({ bookingId, seen }) => ({
    bookingId,
    seen:
      seen.kind === "timed"
        ? { kind: "timed", eventId: seen.eventId, startsAt: new Date(seen.startsAt ?? ""), endsAt: new Date(seen.endsAt ?? "") }
        : { kind: seen.kind, eventId: seen.eventId },
  }));
}

/** Job key of the safety-net job that holds a sync run's edits until they are applied. */
export const applyEditsJobKey = (runId: string) => `calendar-edits:${runId}`;

/** The `calendar.apply-edits` job: applies stored edits; any that failed make the job fail, to be retried. */
export async function applyStoredGoogleEdits({ db, payload, now }: { db: Database; payload: JobPayloads["calendar.apply-edits"]; now: Date }): Promise<GoogleEditOutcome[]> {
  const outcomes = await applyGoogleEdits({ db, edits: editsFromPayload(payload.edits), now });
  const failed = outcomes.filter((outcome) => outcome === "failed").length;
  if (failed > 0) throw new AppError("INTEGRATION_UNAVAILABLE", `${failed} Google Calendar edit(s) could not be applied yet.`, { retryable: true });
  return outcomes;
}

export async function applyGoogleEdits({ db, edits, now }: ApplyGoogleEditsOptions): Promise<GoogleEditOutcome[]> {
  const outcomes: GoogleEditOutcome[] = [];
  for (const edit of edits) outcomes.push(await applyGoogleEdit(db, edit, now).catch((): GoogleEditOutcome => "failed"));
  return outcomes;
}

async function applyGoogleEdit(db: Database, edit: GoogleEdit, now: Date): Promise<GoogleEditOutcome> {
  const booking = await findBookingForEdit(db, edit.bookingId);
  const event = booking?.event;
  if (!booking || !event || event.state !== "ACTIVE" || booking.status !== "CONFIRMED" || booking.startsAt <= now) return "ignored";
  const { seen } = edit;
  const flag = async (kind: "deleted_in_google" | "moved_onto_busy_time" | "unsupported_change", times?: { startsAt: Date; endsAt: Date }) =>
    (await flagConflict(db, { bookingId: booking.id, kind, startsAt: times?.startsAt ?? null, endsAt: times?.endsAt ?? null, at: now })) ? "flagged" : "ignored";

  if (seen.kind === "cancelled") {
    if (booking.onEventDeleted === "FLAG") return flag("deleted_in_google");
    return cancelForDeletion(db, booking, now);
  }
  if (seen.kind === "unsupported") return flag("unsupported_change");
  if (same(seen, booking)) {
    if (!same(event, booking) || event.conflict !== null) await recordEventTimes(db, booking.id, booking);
    return "in_step";
  }
  if (same(seen, event)) return "ignored";
  if (seen.startsAt <= now) return flag("unsupported_change");
  try {
    await rescheduleBookingAsProvider({
      db,
      provider: { id: booking.providerId },
      actorUserId: booking.providerUserId,
      bookingId: booking.id,
      startsAt: seen.startsAt,
      endsAt: seen.endsAt,
      now,
      ifStillAt: booking,
      alsoInTransaction: (tx) => recordEventTimes(tx, booking.id, seen),
    });
    return "rescheduled";
  } catch (error) {
    if (error instanceof AppError && error.code === "SLOT_TAKEN") return flag("moved_onto_busy_time", seen);
    // The booking changed or ended meanwhile: what it is now wins, and its export follows.
    if (error instanceof AppError && (error.code === "CONFLICT" || error.code === "PRECONDITION_FAILED" || error.code === "NOT_FOUND")) return "ignored";
    throw error;
  }
}

async function cancelForDeletion(db: Database, booking: BookingForEdit, now: Date): Promise<GoogleEditOutcome> {
  try {
    await cancelBookingAsProvider({ db, provider: { id: booking.providerId }, actorUserId: booking.providerUserId, bookingId: booking.id, reason: DELETED_IN_GOOGLE_REASON, now });
  } catch (error) {
    // Cancelled, completed or started meanwhile: nothing left to cancel.
    if (error instanceof AppError && (error.code === "PRECONDITION_FAILED" || error.code === "NOT_FOUND")) return "ignored";
    throw error;
  }
  // After the booking's own transaction: should this write be lost, the export of the
  // cancellation finds the event already gone and records the same.
  await markEventCancelled(db, booking.id);
  return "cancelled";
}
