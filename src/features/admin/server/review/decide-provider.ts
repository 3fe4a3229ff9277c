import type { z } from "zod";
import { cancelProviderFutureBookings, inProviderTransaction } from "@/features/bookings/server";
import { summarizeRequirements } from "@/features/onboarding";
import { listDocumentRequirements } from "@/features/onboarding/server";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database, DbExecutor } from "@/server/db/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import type { decideProviderInput, ProviderDecision } from "../../review-schemas";
import type { ProviderDecisionDto, ProviderStatus } from "../../review-types";
import { lockProviderUnderReview, setProviderStatus, type ProviderUnderReview } from "./review-repository";

export interface DecideProviderOptions {
  db: Database;
  actorUserId: string;
  origin: AuditOrigin;
  input: z.output<typeof decideProviderInput>;
  now: Date;
}

const NEXT_STATUS: Record<ProviderDecision, ProviderStatus> = { APPROVE: "APPROVED", REJECT: "REJECTED", SUSPEND: "SUSPENDED", REINSTATE: "APPROVED" };
const AUDIT_ACTION: Record<ProviderDecision, string> = {
  APPROVE: "provider.approved",
  REJECT: "provider.rejected",
  SUSPEND: "provider.suspended",
  REINSTATE: "provider.reinstated",
};
const STATE_WORDS: Record<ProviderStatus, string> = { PENDING: "waiting for verification", APPROVED: "approved", SUSPENDED: "suspended", REJECTED: "rejected" };

const conflict = (message: string, details?: Record<string, unknown>) => new AppError("CONFLICT", message, details);

/** Why this decision cannot be taken in the provider's state, and what can be done instead; null when it can. */
async function refusal(tx: DbExecutor, provider: ProviderUnderReview, decision: ProviderDecision): Promise<AppError | null> {
  const words = STATE_WORDS[provider.status];
  switch (decision) {
    case "APPROVE": {
      if (provider.status === "SUSPENDED") return conflict("This provider is suspended, not waiting for verification: reinstate them instead.");
      if (provider.status !== "PENDING") return conflict(`This provider is ${words}, so there is nothing to approve.${provider.status === "REJECTED" ? " A rejection is final." : ""}`);
      if (!provider.submittedAt) {
        return conflict(
          "This provider has not sent the profile for review, or a document was rejected after they sent it. It can be approved once they send it for review again.",
        );
      }
      const summary = summarizeRequirements(await listDocumentRequirements(tx, provider.id));
      if (!summary.allApproved) {
        const waiting = summary.total - summary.approved;
        return conflict(
          `${waiting} of the ${summary.total} required documents ${waiting === 1 ? "is" : "are"} not approved yet (${summary.submitted} to review, ${summary.rejected} rejected, ${summary.missing.length} missing). Approve each document before the profile.`,
          { waitingDocuments: waiting },
        );
      }
      return null;
    }
    case "REJECT":
      if (provider.status === "PENDING") return null;
      return conflict(`Only a profile waiting for verification can be rejected; this provider is ${words}.${provider.status === "APPROVED" ? " Suspend them instead." : ""}`);
    case "SUSPEND":
      return provider.status === "APPROVED" ? null : conflict(`Only an approved provider can be suspended; this provider is ${words}.`);
    case "REINSTATE":
      return provider.status === "SUSPENDED" ? null : conflict(`Only a suspended provider can be reinstated; this provider is ${words}.`);
  }
}

/**
 * A platform admin decides on a provider's profile:
 * - APPROVE: a profile waiting for verification that the provider sent for review, once every
 *   required document is approved. The provider becomes bookable.
 * - REJECT (final, with a reason): a profile waiting for verification.
 * - SUSPEND (with a reason): an approved provider.
 * - REINSTATE: a suspended provider becomes approved again.
 * Each sets the status, its reason (shown to the provider; cleared by approve and reinstate) and
 * when it changed, writes an audit row, and tells the provider by email (outbox event with ids,
 * the decision and its time only: the email reads the reason from the profile when it is sent).
 *
 * SUSPENSION RULE: suspending a provider cancels every booking of theirs that is PENDING or
 * CONFIRMED and starts after now, as a cancellation by SYSTEM with the reason "This provider is
 * no longer taking bookings on MedBookings": each patient is told through the usual
 * booking.cancelled message, the provider's calendar follows and reminders are withdrawn (the
 * outbox event of every cancellation). Holds that could still become bookings are released.
 * Bookings that have started are left as they are. Reinstating does not restore anything that
 * was cancelled.
 *
 * Concurrency: everything happens under the provider's booking lock (so no hold or confirmation
 * slips in beside a suspension) and then the provider row's lock, in one transaction: of two
 * admins deciding at once, the second waits, then sees the first's decision and is refused.
 */
export async function decideProvider({ db, actorUserId, origin, input, now }: DecideProviderOptions): Promise<ProviderDecisionDto> {
  return inProviderTransaction(db, input.providerId, async (tx) => {
    const provider = await lockProviderUnderReview(tx, input.providerId);
    if (!provider) throw new AppError("NOT_FOUND", "No provider has this id. Open the provider from the review queue.");
    const refused = await refusal(tx, provider, input.decision);
    if (refused) throw refused;

    const status = NEXT_STATUS[input.decision];
    const statusReason = input.decision === "REJECT" || input.decision === "SUSPEND" ? input.reason : null;
    await setProviderStatus(tx, provider.id, { status, statusReason, statusChangedAt: now });
    const ended =
      input.decision === "SUSPEND" ? await cancelProviderFutureBookings(tx, { actorUserId, providerId: provider.id, now }) : { cancelledBookingIds: [], releasedHolds: 0 };

    await recordAudit(tx, {
      actorUserId,
      action: AUDIT_ACTION[input.decision],
      subjectType: "provider",
      subjectId: provider.id,
      details: { from: provider.status, to: status, cancelledBookings: ended.cancelledBookingIds.length, releasedHolds: ended.releasedHolds },
      origin,
    });
    await enqueueDomainEvent(tx, {
      type: "provider.status_changed",
      aggregateType: "provider",
      aggregateId: provider.id,
      payload: { providerId: provider.id, decision: input.decision, status, statusChangedAt: now.toISOString() },
    });
    return {
      providerId: provider.id,
      status,
      statusReason,
      statusChangedAt: now,
      cancelledBookings: ended.cancelledBookingIds.length,
      releasedHolds: ended.releasedHolds,
    };
  });
}
