import type { DbExecutor } from "@/server/db/client";
import { isDeferrable, patientDestinations } from "./fan-out-event";
import { loadBookingForMessages } from "./message-context-repository";
import { createNotification } from "./notification-repository";

export interface CreateReminderOptions {
  db: DbExecutor;
  bookingId: string;
  offsetMinutes: number;
  /** The start the reminder was scheduled for; a booking that moved since is reminded by its new jobs. */
  startsAt: Date | null;
  now: Date;
}

/**
 * Creates the patient's reminder for one offset if it is due: the booking is still confirmed at
 * that start, the provider still reminds at that offset, the appointment has not started, and it
 * was confirmed before the reminder's time. Idempotent through the dedupe key
 * `reminder:<booking>:<offset>:<start>` (a moved booking gets fresh reminders).
 */
export async function createReminder({ db, bookingId, offsetMinutes, startsAt, now }: CreateReminderOptions): Promise<number> {
  const loaded = await loadBookingForMessages(db, bookingId);
  if (!loaded || loaded.status !== "CONFIRMED") return 0;
  const { booking } = loaded;
  if (startsAt && booking.startsAt.getTime() !== startsAt.getTime()) return 0;
  if (!loaded.provider.settings.reminderOffsetsMinutes.includes(offsetMinutes)) return 0;
  const dueAt = new Date(booking.startsAt.getTime() - offsetMinutes * 60_000);
  if (now < dueAt || now >= booking.startsAt) return 0;
  if (!loaded.confirmedAt || loaded.confirmedAt > dueAt) return 0;
  const start = booking.startsAt.toISOString();
  const messageKey = `reminder:${booking.id}:${offsetMinutes}:${start}`;
  let created = 0;
  for (const destination of await patientDestinations(db, loaded)) {
    const id = await createNotification(db, {
      dedupeKey: `${messageKey}:${destination.channel}`,
      purpose: "booking.reminder",
      bookingId: booking.id,
      recipient: "PATIENT",
      recipientUserId: loaded.patient.userId,
      channel: destination.channel,
      address: destination.address,
      params: { messageKey, reminderOffsetMinutes: offsetMinutes, startsAt: start },
      deferrable: isDeferrable("booking.reminder", booking.startsAt, now),
    });
    if (id) created += 1;
  }
  return created;
}
