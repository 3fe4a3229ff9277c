import { desc, eq } from "drizzle-orm";
import { verificationCode } from "@/features/bookings/server";
import type { DbExecutor } from "@/server/db/client";
import { contactVerifications } from "@/server/db/schema";
import type { callerFor } from "./trpc";

type Caller = ReturnType<typeof callerFor>;
type Hold = { holdId: string; holdToken: string };
type Contact = { name: string; email: string; phone: string; phoneCountry?: string };

/**
 * The code of a hold's current verification, derived as the notification sender derives it (the
 * code itself is stored nowhere). Null when no code was asked for.
 */
export async function currentContactCode(db: DbExecutor, holdId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: contactVerifications.id, sendCount: contactVerifications.sendCount })
    .from(contactVerifications)
    .where(eq(contactVerifications.bookingId, holdId))
    .orderBy(desc(contactVerifications.createdAt), desc(contactVerifications.id))
    .limit(1);
  return row ? verificationCode(row.id, row.sendCount) : null;
}

/**
 * What a guest does before confirming: ask for a code by `channel` and enter it. `contact` is the
 * one the confirm will carry (omit it for a signed-in patient using the account's details).
 */
export async function verifyGuestContact(
  caller: Caller,
  db: DbExecutor,
  hold: Hold,
  contact?: Contact,
  channel: "EMAIL" | "SMS" = "EMAIL",
): Promise<void> {
  await caller.bookings.requestContactCode({ holdId: hold.holdId, holdToken: hold.holdToken, channel, contact });
  const code = await currentContactCode(db, hold.holdId);
  if (!code) throw new Error(`No contact verification was created for hold ${hold.holdId}`);
  await caller.bookings.verifyContactCode({ holdId: hold.holdId, holdToken: hold.holdToken, code });
}
