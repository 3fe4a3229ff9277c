import type { z } from "zod";
import { saveServiceIn, type saveServiceInput, type ServiceDto } from "@/features/providers/server";
import type { AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { lockEditableDraft } from "./onboarding-guards";
import { updateDraftProfile } from "./onboarding-repository";

export interface SaveOnboardingServiceOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  input: z.output<typeof saveServiceInput>;
  origin: AuditOrigin;
}

/**
 * Adds or edits a service while the profile is a draft, with the providers feature's own
 * validation and write (providers.saveService itself stays for approved providers only).
 */
export async function saveOnboardingService({ db, provider, actorUserId, input, origin }: SaveOnboardingServiceOptions): Promise<ServiceDto> {
  return db.transaction(async (tx) => {
    await lockEditableDraft(tx, provider.id);
    const saved = await saveServiceIn(tx, { provider, actorUserId, input, origin });
    await updateDraftProfile(tx, provider.id, {});
    return saved;
  });
}
