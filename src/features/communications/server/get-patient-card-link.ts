import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { BlobClient } from "@/server/integrations/blob/client";
import { ensurePatientCard, patientCardLink } from "./contact-cards";
import { findBookingProviderUserId } from "./notification-access-repository";

export interface GetPatientCardLinkOptions {
  db: Database;
  bookingId: string;
  providerUserId: string;
  blob: BlobClient;
  now: Date;
}

/** Stores (or refreshes) the patient's card privately and hands the booking's provider a 15-minute link to it. */
export async function getPatientCardLink({ db, bookingId, providerUserId, blob, now }: GetPatientCardLinkOptions): Promise<{ url: string; expiresAt: Date }> {
  if ((await findBookingProviderUserId(db, bookingId)) !== providerUserId) throw new AppError("NOT_FOUND", "We could not find this booking.");
  await ensurePatientCard({ db, bookingId, blob, now });
  const url = patientCardLink({ bookingId, now });
  return { url, expiresAt: new Date(Number(new URL(url).searchParams.get("expires")) * 1000) };
}
