import { adminProcedure, router } from "@/server/trpc";
import { auditListInput, notificationLogInput } from "../audit-schemas";
import { listAuditEntries } from "./audit/list-audit-entries";
import { listNotificationLog } from "./audit/list-notification-log";

/** The audit trail and the notification log, filterable. */
export const adminAuditRouter = router({
  list: adminProcedure.input(auditListInput).query(({ ctx, input }) => listAuditEntries({ db: ctx.db, input })),
  notifications: adminProcedure.input(notificationLogInput).query(({ ctx, input }) => listNotificationLog({ db: ctx.db, input })),
});
