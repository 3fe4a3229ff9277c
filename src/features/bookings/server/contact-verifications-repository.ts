import { desc, eq, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { bookings, contactVerifications } from "@/server/db/schema";
import type { BookingRow } from "./bookings-repository";

export type ContactVerificationRow = typeof contactVerifications.$inferSelect;
export type NewContactVerificationRow = typeof contactVerifications.$inferInsert;

/**
 * Every verification of a hold, newest first: the first is the current one (a new address or
 * channel starts a new row), the others still count towards the hold's sends and may prove an
 * address the patient went back to. Rows of one hold are inserted one at a time, under the hold's
 * row lock, each stamped with the database's clock at that moment (see insertVerification).
 */
export async function listVerificationsOfBooking(db: DbExecutor, bookingId: string): Promise<ContactVerificationRow[]> {
  return db
    .select()
    .from(contactVerifications)
    .where(eq(contactVerifications.bookingId, bookingId))
    .orderBy(desc(contactVerifications.createdAt), desc(contactVerifications.id));
}

/** The current verification of a hold, locked so concurrent tries of one code are counted one by one. */
export async function lockCurrentVerification(db: DbExecutor, bookingId: string): Promise<ContactVerificationRow | null> {
  const [row] = await db
    .select()
    .from(contactVerifications)
    .where(eq(contactVerifications.bookingId, bookingId))
    .orderBy(desc(contactVerifications.createdAt), desc(contactVerifications.id))
    .limit(1)
    .for("update");
  return row ?? null;
}

/**
 * created_at is clock_timestamp(), not now(): now() is when the transaction began, which may be
 * before an earlier row's transaction, still holding the lock, committed.
 */
export async function insertVerification(db: DbExecutor, row: Omit<NewContactVerificationRow, "createdAt">): Promise<ContactVerificationRow> {
  const [inserted] = await db
    .insert(contactVerifications)
    .values({ ...row, createdAt: sql`clock_timestamp()` })
    .returning();
  return inserted!;
}

export async function updateVerification(db: DbExecutor, id: string, patch: Partial<NewContactVerificationRow>): Promise<ContactVerificationRow> {
  const [row] = await db.update(contactVerifications).set(patch).where(eq(contactVerifications.id, id)).returning();
  return row!;
}

/**
 * A booking read without a lock, for checking a code: the code lives on its own row, so checking
 * it needs neither the provider's lock nor the booking's.
 */
export async function findBookingForCodeCheck(db: DbExecutor, id: string): Promise<BookingRow | null> {
  const [row] = await db.select().from(bookings).where(eq(bookings.id, id));
  return row ?? null;
}
