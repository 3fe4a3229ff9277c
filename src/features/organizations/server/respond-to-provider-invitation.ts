import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { respondToProviderInvitationInput } from "../network-schemas";
import type { ProviderLinkDto } from "../network-types";
import { lockProviderLink, updateProviderLink } from "./network-repository";

export interface RespondToProviderInvitationOptions {
  db: Database;
  /** The caller's own provider profile (providerProcedure). */
  provider: { id: string; status: string };
  actorUserId: string;
  input: z.output<typeof respondToProviderInvitationInput>;
  now: Date;
}

/** The invited provider accepts (the link becomes ACTIVE) or declines an organization's invitation. */
export async function respondToProviderInvitation({ db, provider, actorUserId, input, now }: RespondToProviderInvitationOptions): Promise<ProviderLinkDto> {
  if (input.decision === "ACCEPT" && provider.status !== "APPROVED") {
    throw new AppError("FORBIDDEN", "Your provider profile is not approved, so you cannot join an organization yet. You can decline the invitation.");
  }
  return db.transaction(async (tx) => {
    const link = await lockProviderLink(tx, input.organizationId, provider.id);
    // Only the invited provider's own link is found: another provider's, or none, is the same answer.
    if (!link) throw new AppError("NOT_FOUND", "You have no invitation from this organization.");
    if (link.status !== "INVITED") {
      const message =
        link.status === "ACTIVE"
          ? "You already work with this organization."
          : "This invitation is no longer open: it was answered or withdrawn. The organization can invite you again.";
      throw new AppError("CONFLICT", message);
    }
    const updated =
      input.decision === "ACCEPT"
        ? await updateProviderLink(tx, input.organizationId, provider.id, { status: "ACTIVE", joinedAt: now, respondedAt: now, now })
        : await updateProviderLink(tx, input.organizationId, provider.id, { status: "DECLINED", respondedAt: now, now });
    await recordAudit(tx, {
      actorUserId,
      action: input.decision === "ACCEPT" ? "organization.provider_joined" : "organization.provider_declined",
      subjectType: "organization",
      subjectId: input.organizationId,
      details: { providerId: provider.id },
    });
    return { providerId: provider.id, organizationId: input.organizationId, status: updated.status, allowsScheduleEdits: updated.allowsScheduleEdits };
  });
}
