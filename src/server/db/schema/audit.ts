import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { instant } from "./columns";
import { users } from "./auth";

/**
 * Who did what to which record. `details` must never carry patient data (names, contact
 * details, notes): ids and state changes only, so the log can be shared with auditors.
 * Rows outlive the actor: deleting a user keeps their history with a null actor.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    occurredAt: instant("occurred_at").notNull().defaultNow(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_subject_idx").on(t.subjectType, t.subjectId)],
);
