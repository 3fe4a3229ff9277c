import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { OnboardingStatusDto, saveOnboardingSpecialtiesInput } from "../../schemas";
import { getOnboardingStatus } from "./get-onboarding-status";
import { lockEditableDraft } from "./onboarding-guards";
import { findProviderTypesBySlugs, replaceProviderSpecialties, updateDraftProfile } from "./onboarding-repository";

export interface SaveOnboardingSpecialtiesOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  input: z.output<typeof saveOnboardingSpecialtiesInput>;
  origin: AuditOrigin;
}

/**
 * The specialties (provider types, by slug) and languages step. Specialties decide which extra
 * documents are required (provider_type_document_requirements), so the documents step follows.
 */
export async function saveOnboardingSpecialties({ db, provider, actorUserId, input, origin }: SaveOnboardingSpecialtiesOptions): Promise<OnboardingStatusDto> {
  const types = await findProviderTypesBySlugs(db, input.specialties);
  if (types.length !== input.specialties.length) {
    // The typed value is not repeated: it may be anything a client sent.
    throw new AppError("VALIDATION", "One of the chosen specialties is not one we list.", {
      fieldErrors: { specialties: ["One of the chosen specialties is not one we list. Choose from the list."] },
    });
  }
  await db.transaction(async (tx) => {
    const { state } = await lockEditableDraft(tx, provider.id);
    await replaceProviderSpecialties(tx, provider.id, types.map((type) => type.id));
    await updateDraftProfile(tx, provider.id, { languages: input.languages });
    await recordAudit(tx, {
      actorUserId,
      action: "provider.onboarding_specialties_saved",
      subjectType: "provider",
      subjectId: provider.id,
      details: { previousState: state, providerTypeIds: types.map((type) => type.id), languages: input.languages },
      origin,
    });
  });
  return getOnboardingStatus({ db, userId: actorUserId });
}
