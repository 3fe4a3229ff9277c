import { z } from "zod";
import { storedText } from "@/lib/input-schemas";
import { checkWindow, pageCursor, pageLimit, timeWindow } from "./directory-schemas";

/** Inputs of the audit trail and the notification log, shared by their filter forms and the procedures. */

export const AUDIT_PAGE_SIZE = 50;

export const NOTIFICATION_CHANNELS = ["EMAIL", "WHATSAPP", "SMS"] as const;
export const NOTIFICATION_STATUSES = ["PENDING", "SENDING", "SENT", "DELIVERED", "READ", "FAILED", "DEAD", "SKIPPED"] as const;

const optionalText = (name: string, max: number) =>
  storedText(name)
    .trim()
    .max(max, `${name} is too long (${max} characters at most)`)
    .optional()
    .transform((value) => (value ? value : undefined));

export const auditListInput = z
  .object({
    /** An exact action (`booking.record_read`), or a family ending in a dot (`organization.`). */
    action: optionalText("action", 100),
    actorUserId: z.uuid("actorUserId must be a user id").optional(),
    actorEmail: optionalText("actorEmail", 254).pipe(z.email("actorEmail must be an email address, like name@example.com").optional()),
    subjectType: optionalText("subjectType", 50),
    subjectId: optionalText("subjectId", 100),
    ...timeWindow,
    cursor: pageCursor.optional(),
    limit: pageLimit(AUDIT_PAGE_SIZE),
  })
  .superRefine(checkWindow)
  .superRefine((value, ctx) => {
    // The subject index is (subject_type, subject_id): an id alone would scan the whole trail.
    if (value.subjectId && !value.subjectType) {
      ctx.addIssue({ code: "custom", path: ["subjectType"], message: "Choose the subject type to look up a subject id (for example booking or user)" });
    }
  });
export type AuditListInput = z.input<typeof auditListInput>;

export const notificationLogInput = z
  .object({
    purpose: optionalText("purpose", 100),
    channel: z.enum(NOTIFICATION_CHANNELS, { error: `channel must be one of ${NOTIFICATION_CHANNELS.join(", ")}` }).optional(),
    status: z.enum(NOTIFICATION_STATUSES, { error: `status must be one of ${NOTIFICATION_STATUSES.join(", ")}` }).optional(),
    bookingId: z.uuid("bookingId must be a booking id").optional(),
    /** The whole address, as sent to: an email address or a phone number with its country code. */
    recipientAddress: optionalText("recipientAddress", 254),
    ...timeWindow,
    cursor: pageCursor.optional(),
    limit: pageLimit(AUDIT_PAGE_SIZE),
  })
  .superRefine(checkWindow);
export type NotificationLogInput = z.input<typeof notificationLogInput>;
