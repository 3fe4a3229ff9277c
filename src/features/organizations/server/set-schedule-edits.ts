import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { setScheduleEditsInput } from "../network-schemas";
import type { ProviderLinkDto } from "../network-types";
import { lockProviderLink, updateProviderLink } from "./network-repository";

export interface SetScheduleEditsOptions {
  db: Database;
  /** The caller's own provider profile (providerProcedure). */
  provider: { id: string; status: string };
  actorUserId: string;
  input: z.output<typeof setScheduleEditsInput>;
  now: Date;
}

/**
 * The provider lets an organization's managers edit their schedule at its locations, or stops
 * them. Withdrawing is always allowed; granting needs an approved profile, like any change to
 * the provider's schedule.
 */
export async function setScheduleEdits({ db, provider, actorUserId, input, now }: SetScheduleEditsOptions): Promise<ProviderLinkDto> {
  if (input.allowsScheduleEdits && provider.status !== "APPROVED") {
    throw new AppError("FORBIDDEN", "Your provider profile is not approved, so you cannot let others edit your schedule yet.");
  }
  return db.transaction(async (tx) => {
    const link = await lockProviderLink(tx, input.organizationId, provider.id);
    if (!link) throw new AppError("NOT_FOUND", "You do not work with this organization.");
    if (link.status !== "ACTIVE") {
      throw new AppError("CONFLICT", "You can choose this only for an organization you work with: accept its invitation first.");
    }
    if (link.allowsScheduleEdits === input.allowsScheduleEdits) {
      return { providerId: provider.id, organizationId: input.organizationId, status: link.status, allowsScheduleEdits: link.allowsScheduleEdits };
    }
    await updateProviderLink(tx, input.organizationId, provider.id, { allowsScheduleEdits: input.allowsScheduleEdits, now });
    await recordAudit(tx, {
      actorUserId,
      action: input.allowsScheduleEdits ? "organization.schedule_edits_allowed" : "organization.schedule_edits_withdrawn",
      subjectType: "organization",
      subjectId: input.organizationId,
      details: { providerId: provider.id },
    });
    return { providerId: provider.id, organizationId: input.organizationId, status: "ACTIVE", allowsScheduleEdits: input.allowsScheduleEdits };
  });
}
