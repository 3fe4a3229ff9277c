import { sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";

export interface DueReminder {
  bookingId: string;
  offsetMinutes: number;
}

/**
 * Confirmed bookings with a reminder due now and not yet created: the reminder's time has come,
 * the appointment has not started, and the booking was confirmed before the reminder's time (a
 * booking made 3 hours ahead gets its 2-hour reminder but not a 24-hour one).
 */
export async function listDueReminders(db: DbExecutor, now: Date, limit: number): Promise<DueReminder[]> {
  const at = now.toISOString();
  const result = await db.execute<{ booking_id: string; offset_minutes: number }>(sql`
    SELECT b.id AS booking_id, o.offset_minutes
    FROM bookings b
    LEFT JOIN provider_notification_settings s ON s.provider_id = b.provider_id
    CROSS JOIN LATERAL unnest(coalesce(s.reminder_offsets_minutes, '{1440,120}'::integer[])) AS o(offset_minutes)
    WHERE b.status = 'CONFIRMED'
      AND b.starts_at > ${at}::timestamptz
      AND b.starts_at <= ${at}::timestamptz + interval '14 days'
      AND b.starts_at - make_interval(mins => o.offset_minutes) <= ${at}::timestamptz
      AND b.confirmed_at <= b.starts_at - make_interval(mins => o.offset_minutes)
      AND NOT EXISTS (
        SELECT 1 FROM notifications n
        WHERE n.booking_id = b.id AND n.purpose = 'booking.reminder'
          AND n.params ->> 'reminderOffsetMinutes' = o.offset_minutes::text
          AND n.params ->> 'startsAt' = to_char(b.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      )
    ORDER BY b.starts_at
    LIMIT ${limit}`);
  return result.rows.map((row) => ({ bookingId: row.booking_id, offsetMinutes: row.offset_minutes }));
}
