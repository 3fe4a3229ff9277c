import type { DbExecutor } from "@/server/db/client";
import { findPatientProfile, listPersonBookings, type PersonBookingRow, type PersonScope, type UserRow } from "./person-data-repository";

export interface LoadedPerson {
  scope: PersonScope;
  /** The account's address when verified (guest bookings made with it are theirs, as in My bookings). */
  verifiedEmail: string | null;
  profile: Awaited<ReturnType<typeof findPatientProfile>>;
  bookings: PersonBookingRow[];
}

/**
 * Where one person's data lies: their bookings, and their addresses — the account's email, the
 * profile's phone, and the contact details given on their bookings — lower-cased as stored.
 */
export async function loadPerson(db: DbExecutor, user: UserRow): Promise<LoadedPerson> {
  const verifiedEmail = user.emailVerified && !user.erasedAt ? user.email : null;
  const profile = await findPatientProfile(db, user.id);
  const bookings = await listPersonBookings(db, { userId: user.id, verifiedEmail });
  const addresses = new Set<string>();
  const add = (address: string | null | undefined) => {
    if (address) addresses.add(address.trim().toLowerCase());
  };
  if (!user.erasedAt) add(user.email);
  add(profile?.phone);
  for (const booking of bookings) {
    add(booking.guestEmail);
    add(booking.guestPhone);
  }
  return { scope: { userId: user.id, bookingIds: bookings.map((booking) => booking.id), addresses: [...addresses] }, verifiedEmail, profile, bookings };
}
