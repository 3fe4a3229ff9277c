import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database, DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import type { saveServiceInput } from "../schemas";
import type { ServiceDto } from "../types";
import { findServicesOfProvider, insertService, updateServiceOfProvider } from "./providers-repository";

export function listMyServices({ db, provider }: { db: DbExecutor; provider: { id: string } }): Promise<ServiceDto[]> {
  return findServicesOfProvider(db, provider.id);
}

export interface SaveServiceOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  input: z.output<typeof saveServiceInput>;
}

/**
 * Creates or updates one of the provider's services. Existing bookings keep the duration and
 * buffers they were made with; new values apply to slots offered from now on.
 */
export async function saveService({ db, ...options }: SaveServiceOptions): Promise<ServiceDto> {
  return db.transaction((tx) => saveServiceIn(tx, options));
}

/**
 * saveService's write inside the caller's transaction, for a caller that must check something
 * under the same transaction first (onboarding saves services only while the profile is a draft).
 */
export async function saveServiceIn(
  tx: DbExecutor,
  { provider, actorUserId, input, origin }: Omit<SaveServiceOptions, "db"> & { origin?: AuditOrigin },
): Promise<ServiceDto> {
  const saved = input.serviceId
    ? await updateServiceOfProvider(tx, provider.id, input.serviceId, input.service)
    : await insertService(tx, provider.id, input.service);
  if (!saved) throw new AppError("NOT_FOUND", "We could not find this service.");
  await recordAudit(tx, {
    actorUserId,
    action: input.serviceId ? "service.updated" : "service.created",
    subjectType: "service",
    subjectId: saved.id,
    details: { providerId: provider.id },
    origin,
  });
  return saved;
}

export async function setServiceActive(options: {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  serviceId: string;
  isActive: boolean;
}): Promise<ServiceDto> {
  return options.db.transaction(async (tx) => {
    const saved = await updateServiceOfProvider(tx, options.provider.id, options.serviceId, { isActive: options.isActive });
    if (!saved) throw new AppError("NOT_FOUND", "We could not find this service.");
    await recordAudit(tx, {
      actorUserId: options.actorUserId,
      action: options.isActive ? "service.activated" : "service.deactivated",
      subjectType: "service",
      subjectId: saved.id,
      details: { providerId: options.provider.id },
    });
    return saved;
  });
}
