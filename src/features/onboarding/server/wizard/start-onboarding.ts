import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { ONBOARDING_PATH, type startOnboardingInput } from "../../schemas";
import { findProviderIdOfUser, findSlugsStartingWith, findUserName, insertDraftProvider } from "./onboarding-repository";
import { firstFreeSlug, providerSlugBase } from "./provider-slug";

export interface StartOnboardingOptions {
  db: Database;
  userId: string;
  input: z.output<typeof startOnboardingInput>;
  origin: AuditOrigin;
}

const ALREADY_STARTED = `You already have a provider profile. Continue with it at ${ONBOARDING_PATH}.`;

// Two providers taking the same free slug at once: the loser picks again.
const SLUG_ATTEMPTS = 5;

/**
 * Creates the signed-in user's provider profile as a PENDING draft (never sent, unpublished).
 * The display name defaults to the account's name; the public address (slug) is made from it,
 * with the lowest free "-2", "-3", … when it is taken.
 */
export async function startOnboarding({ db, userId, input, origin }: StartOnboardingOptions): Promise<{ providerId: string; slug: string }> {
  if (await findProviderIdOfUser(db, userId)) throw new AppError("CONFLICT", ALREADY_STARTED);
  const displayName = input.displayName ?? (await findUserName(db, userId))?.trim() ?? "";
  if (displayName.length < 2) {
    throw new AppError("VALIDATION", "Give the name patients will see.", {
      fieldErrors: { displayName: ["Give the name patients will see (2 characters or more)."] },
    });
  }
  const base = providerSlugBase(displayName);
  for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
    const created = await db.transaction(async (tx) => {
      const slug = firstFreeSlug(base, await findSlugsStartingWith(tx, base));
      const provider = await insertDraftProvider(tx, { userId, slug, displayName: displayName.slice(0, 120), timeZone: input.timeZone });
      if (!provider) return null;
      await recordAudit(tx, {
        actorUserId: userId,
        action: "provider.onboarding_started",
        subjectType: "provider",
        subjectId: provider.id,
        details: { status: "PENDING" },
        origin,
      });
      return provider;
    });
    if (created) return { providerId: created.id, slug: created.slug };
    // The insert conflicted: either this user's profile now exists (a second tab), or the slug was just taken.
    if (await findProviderIdOfUser(db, userId)) throw new AppError("CONFLICT", ALREADY_STARTED);
  }
  throw new AppError("CONFLICT", "We could not make a web address for this name just now. Please try again.");
}
