import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { ProviderProfileDto } from "../types";
import { findApprovedProviderBySlug } from "./providers-repository";

/** The public page of an approved provider; pending or suspended ones are not found. */
export async function getProviderProfile({ db, slug }: { db: DbExecutor; slug: string }): Promise<ProviderProfileDto> {
  const profile = await findApprovedProviderBySlug(db, slug);
  if (!profile) throw new AppError("NOT_FOUND", "We could not find this provider.");
  return profile;
}
