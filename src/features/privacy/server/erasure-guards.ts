import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { findProviderProfile, listOwnedOrganizations, listUpcomingBookings, type UserRow } from "./person-data-repository";
import type { ErasureFacts } from "./erasure-rules";

/** Erasure happens once: the pseudonymised row has nothing left to erase. */
export function assertNotErased(user: UserRow): void {
  if (user.erasedAt) {
    throw new AppError("CONFLICT", `This account's personal data was already erased (${user.erasedAt.toISOString().slice(0, 10)}, UTC). There is nothing left to erase.`);
  }
}

export function accountNotFound(): AppError {
  return new AppError("NOT_FOUND", "We could not find your account. Please sign in again.");
}

/** The facts erasureBlockers judges, read in the caller's transaction. */
export async function loadErasureFacts(db: DbExecutor, user: UserRow, verifiedEmail: string | null, now: Date): Promise<ErasureFacts> {
  const provider = await findProviderProfile(db, user.id);
  const ownedOrganizations = await listOwnedOrganizations(db, user.id);
  const upcomingBookings = await listUpcomingBookings(db, { userId: user.id, verifiedEmail }, now);
  return { isPlatformAdmin: user.role === "ADMIN", providerName: provider?.displayName ?? null, ownedOrganizations, upcomingBookings };
}
