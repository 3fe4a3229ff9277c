import { router } from "@/server/trpc";

/** The audit trail and the notification log, filterable. */
export const adminAuditRouter = router({});
