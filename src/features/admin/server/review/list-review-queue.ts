import type { z } from "zod";
import type { DbExecutor } from "@/server/db/client";
import type { reviewQueueInput } from "../../review-schemas";
import type { ReviewQueueDto } from "../../review-types";
import { findReviewQueue } from "./review-repository";

export interface ListReviewQueueOptions {
  db: DbExecutor;
  input: z.output<typeof reviewQueueInput>;
}

/** Providers who sent their profile for review and wait for a decision, oldest submission first, a page at a time. */
export async function listReviewQueue({ db, input }: ListReviewQueueOptions): Promise<ReviewQueueDto> {
  const { items, total } = await findReviewQueue(db, input);
  const next = input.offset + items.length;
  return { items, total, nextOffset: items.length === input.limit && next < total ? next : null };
}
