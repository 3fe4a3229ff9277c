import type { DbExecutor } from "@/server/db/client";
import { auditLog } from "@/server/db/schema";

/** Where an action came from: the request's client address and user agent. */
export interface AuditOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  /** Null when a guest (no account) or the system acted. */
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Ids and state changes only: never names, contact details or notes. */
  details?: Record<string, unknown>;
  /** The request's origin (ctx.request); omitted for system actions. */
  origin?: AuditOrigin;
}

// A user agent is free text from the client: keep it bounded.
const MAX_USER_AGENT = 512;

/**
 * Writes an audit row; call it inside the transaction of the change it records (a read is
 * recorded before its data is returned). The table is append-only (migration 0012).
 */
export async function recordAudit(db: DbExecutor, entry: AuditEntry): Promise<void> {
  const { origin, ...rest } = entry;
  await db.insert(auditLog).values({
    ...rest,
    details: entry.details ?? {},
    ipAddress: origin?.ipAddress ?? null,
    userAgent: origin?.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
  });
}
