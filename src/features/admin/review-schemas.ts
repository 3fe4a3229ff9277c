import { z } from "zod";
import { storedText } from "@/lib/input-schemas";

/** Inputs of the platform's review of providers, shared by the review page's forms and the procedures. */

export const REVIEW_QUEUE_PAGE_SIZE = 25;
export const REASON_MIN = 5;
export const REASON_MAX = 500;

const providerId = z.uuid("providerId must be a provider id");

export const reviewQueueInput = z.object({
  offset: z.number().int("offset must be a whole number").min(0, "offset must be 0 or more").default(0),
  limit: z
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(100, "limit can be at most 100")
    .default(REVIEW_QUEUE_PAGE_SIZE),
});
export type ReviewQueueInput = z.input<typeof reviewQueueInput>;

export const providerReviewIdInput = z.object({ providerId });

/**
 * The reason shown to the provider: required for a rejection (of a document or of the profile) and
 * a suspension; the other decisions tell the provider no reason, so one sent with them is not kept.
 */
const reason = storedText("The reason").trim().max(REASON_MAX, `reason can be at most ${REASON_MAX} characters`).default("");

const reasonNeeded = `Give the provider a reason of at least ${REASON_MIN} characters: they will read it in an email.`;

export const DOCUMENT_DECISIONS = ["APPROVE", "REJECT"] as const;

export const reviewDocumentInput = z
  .object({
    documentId: z.uuid("documentId must be a document id"),
    decision: z.enum(DOCUMENT_DECISIONS, { error: "decision must be APPROVE or REJECT" }),
    reason,
  })
  .superRefine((value, ctx) => {
    if (value.decision === "REJECT" && value.reason.length < REASON_MIN) ctx.addIssue({ code: "custom", path: ["reason"], message: reasonNeeded });
  });
export type ReviewDocumentInput = z.input<typeof reviewDocumentInput>;

export const PROVIDER_DECISIONS = ["APPROVE", "REJECT", "SUSPEND", "REINSTATE"] as const;
export type ProviderDecision = (typeof PROVIDER_DECISIONS)[number];
/** Decisions the provider is told the reason for (it is saved as the profile's status reason). */
export const DECISIONS_WITH_REASON: readonly ProviderDecision[] = ["REJECT", "SUSPEND"];

export const decideProviderInput = z
  .object({
    providerId,
    decision: z.enum(PROVIDER_DECISIONS, { error: "decision must be APPROVE, REJECT, SUSPEND or REINSTATE" }),
    reason,
  })
  .superRefine((value, ctx) => {
    if (DECISIONS_WITH_REASON.includes(value.decision) && value.reason.length < REASON_MIN) ctx.addIssue({ code: "custom", path: ["reason"], message: reasonNeeded });
  });
export type DecideProviderInput = z.input<typeof decideProviderInput>;
