import { countProviderFutureBookings } from "@/features/bookings/server";
import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { SuspensionImpactDto } from "../../review-types";
import { findProviderStatus } from "./review-repository";

export interface GetSuspensionImpactOptions {
  db: DbExecutor;
  providerId: string;
  now: Date;
}

/** What suspending the provider now would cancel (see decideProvider's suspension rule). */
export async function getSuspensionImpact({ db, providerId, now }: GetSuspensionImpactOptions): Promise<SuspensionImpactDto> {
  const provider = await findProviderStatus(db, providerId);
  if (!provider) throw new AppError("NOT_FOUND", "No provider has this id. Open the provider from the review queue.");
  const futureBookings = await countProviderFutureBookings({ db, providerId, now });
  return { providerId, status: provider.status, futureBookings };
}
