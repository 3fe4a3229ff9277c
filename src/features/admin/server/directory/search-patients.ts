import { z } from "zod";
import type { DbExecutor } from "@/server/db/client";
import type { searchPatientsInput } from "../../directory-schemas";
import type { Page, PatientSearchRow } from "../../directory-types";
import { findGuestBookings, searchGuestContactRows, searchPatientAccountRows } from "./directory-repository";
import { maskEmail, maskPhone } from "./mask-contact";
import { decodeCursor, encodeCursor } from "./page-cursor";

export interface SearchPatientsOptions {
  db: DbExecutor;
  input: z.output<typeof searchPatientsInput>;
}

/** Guest rows link to their latest few bookings (each an audited record read). */
const GUEST_RECENT_BOOKINGS = 5;

/** Accounts first (by email), then guests (by email); the key of the last row shown. */
const patientCursor = z.discriminatedUnion("phase", [
  z.object({ phase: z.literal("accounts"), after: z.string().max(1000) }),
  z.object({ phase: z.literal("guests"), after: z.string().max(1000).nullable() }),
]);

/**
 * Patients matching a name, email, phone number or user id: signed-in patients (an account with
 * a patient profile or bookings) and then guests, who have no account and are grouped by the
 * email they booked with. Contact details are masked; an erased account shows no personal data.
 */
export async function searchPatients({ db, input }: SearchPatientsOptions): Promise<Page<PatientSearchRow>> {
  const cursor = decodeCursor(input.cursor, patientCursor);
  const items: PatientSearchRow[] = [];

  if (cursor === null || cursor.phase === "accounts") {
    const accounts = await searchPatientAccountRows(db, { query: input.query, afterEmail: cursor?.after ?? null, limit: input.limit + 1 });
    for (const row of accounts.slice(0, input.limit)) {
      items.push(
        row.erasedAt !== null
          ? { kind: "ERASED", userId: row.userId, bookingCount: row.bookingCount }
          : {
              kind: "ACCOUNT",
              userId: row.userId,
              name: row.profileName ?? row.name ?? "Patient",
              maskedEmail: maskEmail(row.email),
              maskedPhone: row.profilePhone ? maskPhone(row.profilePhone) : null,
              bookingCount: row.bookingCount,
            },
      );
    }
    if (accounts.length > input.limit) {
      return { items, nextCursor: encodeCursor({ phase: "accounts", after: accounts[input.limit - 1]!.emailKey }) };
    }
  }

  const room = input.limit - items.length;
  const guestsAfter = cursor?.phase === "guests" ? cursor.after : null;
  // One more than there is room for tells whether another page follows (with no room, whether any guest matches).
  const guests = await searchGuestContactRows(db, { query: input.query, afterEmail: guestsAfter, limit: room + 1 });
  const shown = guests.slice(0, room);
  const recent = await Promise.all(shown.map((guest) => findGuestBookings(db, guest.emailKey, GUEST_RECENT_BOOKINGS)));
  shown.forEach((guest, index) => {
    items.push({
      kind: "GUEST",
      name: guest.name,
      maskedEmail: maskEmail(guest.emailKey),
      maskedPhone: guest.phone ? maskPhone(guest.phone) : null,
      bookingCount: guest.bookingCount,
      recentBookings: recent[index]!,
    });
  });
  const nextCursor = guests.length > room ? encodeCursor({ phase: "guests", after: shown.at(-1)?.emailKey ?? guestsAfter }) : null;
  return { items, nextCursor };
}
