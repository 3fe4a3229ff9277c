import { and, desc, eq, gte, isNull, like, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { auditLog, notifications, users } from "@/server/db/schema";
import type { ChannelValue, NotificationStatusValue } from "../../directory-types";
import { instantKeyText, notificationColumns, recipientUsers } from "../directory/directory-repository";
import { escapeLike } from "../directory/search-text";

export async function findUserIdByEmail(db: DbExecutor, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row?.id ?? null;
}

export interface AuditRowsFilter {
  /** Exact, or every action of a family when it ends with a dot (`organization.`). */
  action?: string;
  actorUserId?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
  after: { at: string; id: number } | null;
  limit: number;
}

/**
 * Newest first. Every filter is an index's prefix or a range on one: (subject_type, subject_id),
 * (actor_user_id, occurred_at) or occurred_at. The cursor condition is written as a range on
 * occurred_at plus a tie-break, so the planner can use the occurred_at index for it.
 */
export async function findAuditRows(db: DbExecutor, filter: AuditRowsFilter) {
  let actionCondition: SQL | undefined;
  if (filter.action?.endsWith(".")) actionCondition = like(auditLog.action, `${escapeLike(filter.action)}%`);
  else if (filter.action) actionCondition = eq(auditLog.action, filter.action);
  const afterAt = filter.after ? sql`${filter.after.at}::timestamptz` : null;
  return db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      occurredAtKey: instantKeyText(auditLog.occurredAt),
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
      actorErasedAt: users.erasedAt,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
      ipAddress: auditLog.ipAddress,
      userAgent: auditLog.userAgent,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        actionCondition,
        filter.actorUserId ? eq(auditLog.actorUserId, filter.actorUserId) : undefined,
        filter.subjectType ? eq(auditLog.subjectType, filter.subjectType) : undefined,
        filter.subjectId ? eq(auditLog.subjectId, filter.subjectId) : undefined,
        filter.from ? gte(auditLog.occurredAt, filter.from) : undefined,
        filter.to ? lt(auditLog.occurredAt, filter.to) : undefined,
        filter.after && afterAt
          ? and(lte(auditLog.occurredAt, afterAt), or(lt(auditLog.occurredAt, afterAt), lt(auditLog.id, filter.after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(filter.limit);
}

export interface NotificationRowsFilter {
  purpose?: string;
  channel?: ChannelValue;
  status?: NotificationStatusValue;
  bookingId?: string;
  address?: string;
  from?: Date;
  to?: Date;
  after: { at: string; id: string } | null;
  limit: number;
}

/** Every notification, newest first. */
export async function findNotificationRows(db: DbExecutor, filter: NotificationRowsFilter) {
  const afterAt = filter.after ? sql`${filter.after.at}::timestamptz` : null;
  return db
    .select({ ...notificationColumns, createdAtKey: instantKeyText(notifications.createdAt) })
    .from(notifications)
    .leftJoin(recipientUsers, eq(recipientUsers.id, notifications.recipientUserId))
    .where(
      and(
        filter.purpose ? eq(notifications.purpose, filter.purpose) : undefined,
        filter.channel ? eq(notifications.channel, filter.channel) : undefined,
        filter.status ? eq(notifications.status, filter.status) : undefined,
        filter.bookingId ? eq(notifications.bookingId, filter.bookingId) : undefined,
        // An erased person's address finds nothing, even typed in full.
        filter.address ? and(eq(notifications.address, filter.address), isNull(recipientUsers.erasedAt)) : undefined,
        filter.from ? gte(notifications.createdAt, filter.from) : undefined,
        filter.to ? lt(notifications.createdAt, filter.to) : undefined,
        filter.after && afterAt
          ? and(lte(notifications.createdAt, afterAt), or(lt(notifications.createdAt, afterAt), lt(notifications.id, filter.after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(filter.limit);
}
