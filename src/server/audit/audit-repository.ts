import type { DbExecutor } from "@/server/db/client";
import { auditLog } from "@/server/db/schema";

export interface AuditEntry {
  /** Null when a guest (no account) or the system acted. */
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Ids and state changes only: never names, contact details or notes. */
  details?: Record<string, unknown>;
}

/** Writes an audit row; call it inside the transaction of the change it records. */
export async function recordAudit(db: DbExecutor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}
