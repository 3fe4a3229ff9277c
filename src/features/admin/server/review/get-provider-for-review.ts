import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { ProviderForReviewDto } from "../../review-types";
import { findProviderProfileForReview, findReviewHistory } from "./review-repository";

export interface GetProviderForReviewOptions {
  db: DbExecutor;
  providerId: string;
}

const HISTORY_LIMIT = 100;

/** A provider's profile as the platform reviews it, with the decisions taken on it so far. */
export async function getProviderForReview({ db, providerId }: GetProviderForReviewOptions): Promise<ProviderForReviewDto> {
  const [profile, history] = await Promise.all([findProviderProfileForReview(db, providerId), findReviewHistory(db, providerId, HISTORY_LIMIT)]);
  if (!profile) throw new AppError("NOT_FOUND", "No provider has this id. Open the provider from the review queue.");
  return { ...profile, history };
}
