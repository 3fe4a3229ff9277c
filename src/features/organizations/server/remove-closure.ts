import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { ClosureDto } from "../closure-types";
import { deleteOrganizationClosure } from "./closure-repository";

export interface RemoveClosureOptions {
  db: Database;
  organizationId: string;
  actorUserId: string;
  closureId: string;
}

/**
 * Removes a closure: the location opens again on those dates. A holiday's decision removed this
 * way is offered again as pending.
 */
export async function removeClosure({ db, organizationId, actorUserId, closureId }: RemoveClosureOptions): Promise<ClosureDto> {
  return db.transaction(async (tx) => {
    const removed = await deleteOrganizationClosure(tx, organizationId, closureId);
    if (!removed) throw new AppError("NOT_FOUND", "We could not find this closure in your organization.");
    await recordAudit(tx, {
      actorUserId,
      action: "organization.closure_removed",
      subjectType: "location",
      subjectId: removed.locationId,
      details: { closureId, startDate: removed.startDate, endDate: removed.endDate, source: removed.source },
    });
    return removed;
  });
}
