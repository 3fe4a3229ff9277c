import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { formatDate, MS_PER_DAY } from "@/lib/time";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import { REINVITE_AFTER_DECLINE_DAYS, type networkProviderInput } from "../network-schemas";
import type { ProviderLinkDto } from "../network-types";
import { findOrganization } from "./organization-repository";
import { findProviderStatus, insertInvitedLink, lockProviderLink, updateProviderLink } from "./network-repository";

export interface InviteProviderOptions {
  db: Database;
  /** The caller's membership (ADMIN or OWNER, checked by organizationProcedure). */
  membership: { organizationId: string; userId: string };
  input: z.output<typeof networkProviderInput>;
  now: Date;
}

/**
 * Invites an approved provider into the organization's network. A provider who ended their
 * link, or whose link the organization ended, may be invited again at once (they still have to
 * accept). One who declined may be invited again only REINVITE_AFTER_DECLINE_DAYS after that,
 * so a "no" is not answered by a stream of the same email. The provider hears of it by email:
 * the event is written in the same transaction.
 */
export async function inviteProvider({ db, membership, input, now }: InviteProviderOptions): Promise<ProviderLinkDto> {
  const { organizationId, userId } = membership;
  const organization = await findOrganization(db, organizationId);
  if (!organization) throw new AppError("NOT_FOUND", "Organization not found.");
  if (organization.status !== "APPROVED") {
    throw new AppError(
      "PRECONDITION_FAILED",
      "This organization is not approved, so it cannot invite providers yet. Providers can be invited once the platform team has approved it.",
    );
  }
  const provider = await findProviderStatus(db, input.providerId);
  // Unapproved providers are not offered to organizations, so they are as unknown as a made-up id.
  if (!provider || provider.status !== "APPROVED") {
    throw new AppError("NOT_FOUND", "No approved provider has this id. Search for the provider by name and choose them from the results.", {
      fieldErrors: { providerId: ["Choose an approved provider from the search results."] },
    });
  }

  return db.transaction(async (tx) => {
    const link = await lockProviderLink(tx, organizationId, provider.id);
    if (link?.status === "ACTIVE") throw new AppError("CONFLICT", "This provider is already in your organization's network.");
    if (link?.status === "INVITED") throw new AppError("CONFLICT", "This provider has already been invited and has not answered yet.");
    if (link?.status === "DECLINED" && link.respondedAt) {
      const allowedFrom = new Date(link.respondedAt.getTime() + REINVITE_AFTER_DECLINE_DAYS * MS_PER_DAY);
      if (now < allowedFrom) {
        throw new AppError(
          "CONFLICT",
          `This provider declined your invitation on ${formatDate(link.respondedAt, "UTC")} (UTC). You can invite them again from ${formatDate(allowedFrom, "UTC")} (UTC).`,
        );
      }
    }
    if (link) {
      // A new invitation starts afresh: no earlier permission to edit the schedule carries over.
      await updateProviderLink(tx, organizationId, provider.id, {
        status: "INVITED",
        invitedByUserId: userId,
        joinedAt: null,
        respondedAt: null,
        endedAt: null,
        allowsScheduleEdits: false,
        now,
      });
    } else {
      const inserted = await insertInvitedLink(tx, { organizationId, providerId: provider.id, invitedByUserId: userId, now });
      if (!inserted) throw new AppError("CONFLICT", "This provider was invited a moment ago by someone else in your organization.");
    }
    await enqueueDomainEvent(tx, {
      type: "organization.provider_invited",
      aggregateType: "organization",
      aggregateId: organizationId,
      payload: { organizationId, providerId: provider.id },
    });
    await recordAudit(tx, {
      actorUserId: userId,
      action: "organization.provider_invited",
      subjectType: "organization",
      subjectId: organizationId,
      details: { providerId: provider.id, previousStatus: link?.status ?? null },
    });
    return { providerId: provider.id, organizationId, status: "INVITED", allowsScheduleEdits: false };
  });
}
