import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { networkProviderInput } from "../network-schemas";
import type { EndedProviderLinkDto } from "../network-types";
import { closeProviderLink } from "./close-provider-link";
import { findProviderStatus, lockProviderLink } from "./network-repository";

export interface EndProviderLinkOptions {
  db: Database;
  /** The caller's membership (ADMIN or OWNER, checked by organizationProcedure). */
  membership: { organizationId: string; userId: string };
  input: z.output<typeof networkProviderInput>;
  now: Date;
}

/**
 * The organization ends a provider's link, or withdraws an invitation not yet answered. See
 * closeProviderLink for what goes with it; bookings are not cancelled here.
 */
export async function endProviderLink({ db, membership, input, now }: EndProviderLinkOptions): Promise<EndedProviderLinkDto> {
  const { organizationId, userId } = membership;
  return db.transaction(async (tx) => {
    const link = await lockProviderLink(tx, organizationId, input.providerId);
    const provider = link ? await findProviderStatus(tx, input.providerId) : null;
    // A provider of another organization, or none at all, is not this organization's to end.
    if (!link || !provider) {
      throw new AppError("NOT_FOUND", "This provider is not in your organization's network.", {
        fieldErrors: { providerId: ["Not a provider of this organization."] },
      });
    }
    if (link.status !== "ACTIVE" && link.status !== "INVITED") {
      const what = link.status === "ENDED" ? "has already ended" : "was declined by the provider";
      throw new AppError("CONFLICT", `This provider's link with your organization ${what}; there is nothing to end.`);
    }
    const ended = await closeProviderLink(tx, { organizationId, provider, now });
    await recordAudit(tx, {
      actorUserId: userId,
      action: "organization.provider_link_ended",
      subjectType: "organization",
      subjectId: organizationId,
      details: { providerId: provider.id, previousStatus: link.status, upcomingBookings: ended.upcomingBookingCount },
    });
    return ended;
  });
}
