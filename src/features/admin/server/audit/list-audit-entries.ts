import { z } from "zod";
import type { DbExecutor } from "@/server/db/client";
import type { auditListInput } from "../../audit-schemas";
import type { AuditActor, AuditEntryRow } from "../../audit-types";
import type { Page } from "../../directory-types";
import { decodeCursor, encodeCursor, instantKey } from "../directory/page-cursor";
import { findAuditRows, findUserIdByEmail } from "./audit-trail-repository";

export interface ListAuditEntriesOptions {
  db: DbExecutor;
  input: z.output<typeof auditListInput>;
}

const auditCursor = z.object({ at: instantKey, id: z.number().int().positive() });

function actorOf(row: { actorUserId: string | null; actorName: string | null; actorEmail: string | null; actorErasedAt: Date | null }): AuditActor {
  if (row.actorUserId === null) return { kind: "SYSTEM" };
  if (row.actorErasedAt !== null || row.actorEmail === null) return { kind: "ERASED", userId: row.actorUserId };
  return { kind: "USER", userId: row.actorUserId, name: row.actorName, email: row.actorEmail };
}

/**
 * The audit trail, newest first, filtered by action, actor (id or email), subject and time.
 * Looking is not itself recorded: the trail holds no patient data to disclose.
 */
export async function listAuditEntries({ db, input }: ListAuditEntriesOptions): Promise<Page<AuditEntryRow>> {
  const after = decodeCursor(input.cursor, auditCursor);
  let actorUserId = input.actorUserId;
  if (input.actorEmail) {
    const byEmail = await findUserIdByEmail(db, input.actorEmail);
    // No such person, or an email that names someone else than the id given: nothing matches.
    if (byEmail === null || (actorUserId !== undefined && actorUserId !== byEmail)) return { items: [], nextCursor: null };
    actorUserId = byEmail;
  }
  const rows = await findAuditRows(db, {
    action: input.action,
    actorUserId,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    from: input.from,
    to: input.to,
    after,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      occurredAt: row.occurredAt,
      actor: actorOf(row),
      action: row.action,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      details: row.details,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.occurredAtKey, id: last.id }) : null,
  };
}
