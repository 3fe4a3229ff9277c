/** DTOs of the audit trail view. */

export type AuditActor =
  | { kind: "USER"; userId: string; name: string | null; email: string }
  | { kind: "ERASED"; userId: string }
  | { kind: "SYSTEM" };

export interface AuditEntryRow {
  id: number;
  occurredAt: Date;
  actor: AuditActor;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Ids and state changes only (recordAudit's rule). */
  details: Record<string, unknown>;
  ipAddress: string | null;
  userAgent: string | null;
}
