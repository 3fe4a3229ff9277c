import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { lockEditableDraft } from "./onboarding-guards";
import {
  countBookingsOfService,
  deactivateServiceOfProvider,
  deleteServiceOfProvider,
  findServiceIdOfProvider,
  updateDraftProfile,
} from "./onboarding-repository";

export interface RemoveOnboardingServiceOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  serviceId: string;
  origin: AuditOrigin;
}

/**
 * Removes a service from a draft profile. A draft is unpublished, so its services normally have
 * no bookings and are deleted; one that has bookings (a profile sent back after it was live) is
 * kept for their history and made inactive instead.
 */
export async function removeOnboardingService({
  db,
  provider,
  actorUserId,
  serviceId,
  origin,
}: RemoveOnboardingServiceOptions): Promise<{ serviceId: string; outcome: "DELETED" | "DEACTIVATED" }> {
  return db.transaction(async (tx) => {
    await lockEditableDraft(tx, provider.id);
    if (!(await findServiceIdOfProvider(tx, provider.id, serviceId))) throw new AppError("NOT_FOUND", "We could not find this service.");
    const hasBookings = (await countBookingsOfService(tx, serviceId)) > 0;
    if (hasBookings) await deactivateServiceOfProvider(tx, provider.id, serviceId);
    else await deleteServiceOfProvider(tx, provider.id, serviceId);
    await updateDraftProfile(tx, provider.id, {});
    await recordAudit(tx, {
      actorUserId,
      action: hasBookings ? "service.deactivated" : "service.deleted",
      subjectType: "service",
      subjectId: serviceId,
      details: { providerId: provider.id, during: "onboarding" },
      origin,
    });
    return { serviceId, outcome: hasBookings ? "DEACTIVATED" : "DELETED" };
  });
}
