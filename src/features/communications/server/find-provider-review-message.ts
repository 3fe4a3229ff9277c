import type { DbExecutor } from "@/server/db/client";
import type { ProviderReviewPurpose } from "../messages/message-context";
import { findDocumentForReviewMessage, findProviderForReviewMessage } from "./provider-review-message-repository";

/** The platform's decisions on a profile, the message each sends, and the status it leaves. */
const DECISIONS = {
  APPROVE: { purpose: "provider_review.approved", status: "APPROVED" },
  REJECT: { purpose: "provider_review.rejected", status: "REJECTED" },
  SUSPEND: { purpose: "provider_review.suspended", status: "SUSPENDED" },
  REINSTATE: { purpose: "provider_review.reinstated", status: "APPROVED" },
} as const satisfies Record<string, { purpose: ProviderReviewPurpose; status: string }>;

type Decision = keyof typeof DECISIONS;

/**
 * What the outbox event (and then the notification) carries: ids, the decision and when it took
 * effect, never the reason or a name; the message reads those when it is sent.
 */
export type ProviderReviewParams =
  | { kind: "document"; providerId: string; documentId: string }
  | { kind: "decision"; providerId: string; decision: Decision; statusChangedAt: string };

export type ProviderReviewMessage =
  | { kind: "skip"; reason: string }
  | {
      kind: "send";
      purpose: ProviderReviewPurpose;
      providerUserId: string;
      email: string;
      providerName: string;
      reason: string | null;
      documentName: string | null;
      /** Where the provider acts next, on the app's origin. */
      actionPath: "/provider/onboarding" | "/provider";
    };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The review facts in an event's payload or a notification's params; null when they are not there. */
export function providerReviewParams(source: Record<string, unknown>): ProviderReviewParams | null {
  const providerId = typeof source.providerId === "string" && UUID.test(source.providerId) ? source.providerId : null;
  if (!providerId) return null;
  if (typeof source.documentId === "string") return UUID.test(source.documentId) ? { kind: "document", providerId, documentId: source.documentId } : null;
  const decision = typeof source.decision === "string" && Object.hasOwn(DECISIONS, source.decision) ? (source.decision as Decision) : null;
  const statusChangedAt = typeof source.statusChangedAt === "string" && !Number.isNaN(Date.parse(source.statusChangedAt)) ? source.statusChangedAt : null;
  return decision && statusChangedAt ? { kind: "decision", providerId, decision, statusChangedAt } : null;
}

/**
 * The email telling a provider of a review decision, read as things are now: a decision a newer
 * one has overtaken, or a rejected file the provider has already replaced, is not sent (what
 * counts now is the newer state). Null when the provider or document no longer exists.
 */
export async function findProviderReviewMessage({ db, params }: { db: DbExecutor; params: ProviderReviewParams }): Promise<ProviderReviewMessage | null> {
  if (params.kind === "document") {
    const row = await findDocumentForReviewMessage(db, params.providerId, params.documentId);
    if (!row) return null;
    if (row.erasedAt) return { kind: "skip", reason: "the provider's account was erased" };
    if (row.documentStatus !== "REJECTED" || !row.reviewReason) return { kind: "skip", reason: "the document is not rejected" };
    if (row.supersededAt) return { kind: "skip", reason: "the provider has already replaced the file" };
    return {
      kind: "send",
      purpose: "provider_review.document_rejected",
      providerUserId: row.userId,
      email: row.email,
      providerName: row.displayName,
      reason: row.reviewReason,
      documentName: row.documentName,
      actionPath: "/provider/onboarding",
    };
  }
  const row = await findProviderForReviewMessage(db, params.providerId);
  if (!row) return null;
  if (row.erasedAt) return { kind: "skip", reason: "the provider's account was erased" };
  const { purpose, status } = DECISIONS[params.decision];
  if (row.status !== status || row.statusChangedAt?.getTime() !== Date.parse(params.statusChangedAt)) {
    return { kind: "skip", reason: `a newer decision was made: the provider is now ${row.status.toLowerCase()}` };
  }
  return {
    kind: "send",
    purpose,
    providerUserId: row.userId,
    email: row.email,
    providerName: row.displayName,
    reason: status === "REJECTED" || status === "SUSPENDED" ? row.statusReason : null,
    documentName: null,
    actionPath: "/provider",
  };
}
