import type { z } from "zod";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { OnboardingStatusDto, saveOnboardingProfileInput } from "../../schemas";
import { getOnboardingStatus } from "./get-onboarding-status";
import { lockEditableDraft } from "./onboarding-guards";
import { updateDraftProfile } from "./onboarding-repository";

export interface SaveOnboardingProfileOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  input: z.output<typeof saveOnboardingProfileInput>;
  origin: AuditOrigin;
}

/** The profile step: display name, introduction, time zone and registration number. */
export async function saveOnboardingProfile({ db, provider, actorUserId, input, origin }: SaveOnboardingProfileOptions): Promise<OnboardingStatusDto> {
  await db.transaction(async (tx) => {
    const { state } = await lockEditableDraft(tx, provider.id);
    await updateDraftProfile(tx, provider.id, input);
    await recordAudit(tx, {
      actorUserId,
      action: "provider.onboarding_profile_saved",
      subjectType: "provider",
      subjectId: provider.id,
      details: { previousState: state, timeZone: input.timeZone },
      origin,
    });
  });
  return getOnboardingStatus({ db, userId: actorUserId });
}
