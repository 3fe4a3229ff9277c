import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { leaveProviderNetworkInput } from "../network-schemas";
import type { EndedProviderLinkDto } from "../network-types";
import { closeProviderLink } from "./close-provider-link";
import { lockProviderLink } from "./network-repository";

export interface LeaveProviderNetworkOptions {
  db: Database;
  /** The caller's own provider profile (providerProcedure). */
  provider: { id: string; timeZone: string };
  actorUserId: string;
  input: z.output<typeof leaveProviderNetworkInput>;
  now: Date;
}

/**
 * The provider stops working with an organization: the same effects as the organization ending
 * the link (closeProviderLink). Any provider may leave, approved or not.
 */
export async function leaveProviderNetwork({ db, provider, actorUserId, input, now }: LeaveProviderNetworkOptions): Promise<EndedProviderLinkDto> {
  return db.transaction(async (tx) => {
    const link = await lockProviderLink(tx, input.organizationId, provider.id);
    if (!link) throw new AppError("NOT_FOUND", "You do not work with this organization.");
    if (link.status === "INVITED") throw new AppError("CONFLICT", "You have not joined this organization: decline its invitation instead.");
    if (link.status !== "ACTIVE") throw new AppError("CONFLICT", "You no longer work with this organization.");
    const ended = await closeProviderLink(tx, { organizationId: input.organizationId, provider, now });
    await recordAudit(tx, {
      actorUserId,
      action: "organization.provider_left",
      subjectType: "organization",
      subjectId: input.organizationId,
      details: { providerId: provider.id, upcomingBookings: ended.upcomingBookingCount },
    });
    return ended;
  });
}
