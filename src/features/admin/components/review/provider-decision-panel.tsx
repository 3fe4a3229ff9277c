"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { decideProviderInput, DECISIONS_WITH_REASON, type ProviderDecision } from "../../review-schemas";
import type { ProviderForReviewDto } from "../../review-types";
import { ReasonField } from "./reason-field";
import { adminTime, futureBookingsPhrase } from "./review-labels";
import { useDecideProvider, useSuspensionImpact } from "./use-provider-review";

const START_LABEL: Record<ProviderDecision, string> = { APPROVE: "Approve profile…", REJECT: "Reject profile…", SUSPEND: "Suspend provider…", REINSTATE: "Reinstate provider…" };
const CONFIRM_LABEL: Record<ProviderDecision, string> = { APPROVE: "Yes, approve", REJECT: "Yes, reject for good", SUSPEND: "Yes, suspend", REINSTATE: "Yes, reinstate" };
const DONE: Record<ProviderDecision, string> = {
  APPROVE: "approved: the profile is live, and the provider was emailed",
  REJECT: "rejected: the provider was emailed the reason",
  SUSPEND: "suspended",
  REINSTATE: "reinstated: the provider is bookable again and was emailed",
};

/** The decisions the provider's state allows, in the order an admin would weigh them. */
function decisionsFor(status: ProviderForReviewDto["status"]): ProviderDecision[] {
  switch (status) {
    case "PENDING":
      return ["APPROVE", "REJECT"];
    case "APPROVED":
      return ["SUSPEND"];
    case "SUSPENDED":
      return ["REINSTATE"];
    case "REJECTED":
      return [];
  }
}

/** What the decision does, said before it is confirmed. */
function Consequences({ decision, name, futureBookings }: { decision: ProviderDecision; name: string; futureBookings: number | null }) {
  switch (decision) {
    case "APPROVE":
      return <p>{name} becomes visible in search and can be booked at once. They are emailed that their profile is live.</p>;
    case "REJECT":
      return <p>A rejection is final: {name} cannot send the profile again. They are emailed the reason.</p>;
    case "SUSPEND":
      return (
        <>
          <p>
            <strong>
              {futureBookings === null ? "Counting future bookings…" : `${futureBookingsPhrase(futureBookings)} will be cancelled and their patients told.`}
            </strong>
          </p>
          <p>
            Suspending takes {name} out of search and booking at once. Every pending or confirmed booking that starts after now is cancelled, with the
            reason &ldquo;This provider is no longer taking bookings on MedBookings&rdquo;: each patient gets the usual cancellation message and calendars are
            updated. Reservations in progress are released. Bookings that have started are not changed. Reinstating later does not restore cancelled
            bookings. {name} is emailed the reason.
          </p>
        </>
      );
    case "REINSTATE":
      return <p>{name} becomes visible in search and can be booked again. Bookings cancelled by the suspension stay cancelled. They are emailed.</p>;
  }
}

/** Approve, reject, suspend or reinstate the provider: each with a confirmation that says what follows. */
export function ProviderDecisionPanel({ provider, allDocumentsApproved }: { provider: ProviderForReviewDto; allDocumentsApproved: boolean | undefined }) {
  const id = useId();
  const decide = useDecideProvider();
  const [choice, setChoice] = useState<ProviderDecision | null>(null);
  const [reason, setReason] = useState("");
  const [reasonErrors, setReasonErrors] = useState<string[] | undefined>(undefined);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const impact = useSuspensionImpact(provider.id, choice === "SUSPEND");
  const confirmRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const startRefs = useRef<Partial<Record<ProviderDecision, HTMLButtonElement | null>>>({});
  const lastChoice = useRef<ProviderDecision | null>(null);
  const isDone = useRef(false);
  const name = provider.displayName;
  const decisions = decisionsFor(provider.status);
  const canApprove = provider.submittedAt !== null && allDocumentsApproved === true;
  const approveHintId = `${id}-approve-hint`;

  // The confirmation takes focus when it opens (its reason first, when one is needed); a cancel
  // gives focus back to the button that opened it, and a decision moves it to the outcome.
  useEffect(() => {
    if (choice) {
      lastChoice.current = choice;
      if (DECISIONS_WITH_REASON.includes(choice)) reasonRef.current?.focus();
      else confirmRef.current?.focus();
    } else if (isDone.current) {
      isDone.current = false;
      statusRef.current?.focus();
    } else if (lastChoice.current) {
      startRefs.current[lastChoice.current]?.focus();
    }
  }, [choice]);

  const open = (decision: ProviderDecision) => {
    setStatus("");
    setError("");
    setReason("");
    setReasonErrors(undefined);
    setChoice(decision);
  };

  const confirm = () => {
    if (!choice) return;
    const parsed = decideProviderInput.safeParse({ providerId: provider.id, decision: choice, reason: DECISIONS_WITH_REASON.includes(choice) ? reason : "" });
    if (!parsed.success) {
      setReasonErrors(issuesByField(parsed.error.issues).reason);
      reasonRef.current?.focus();
      return;
    }
    setReasonErrors(undefined);
    decide.mutate(parsed.data, {
      onSuccess: (result) => {
        const cancelled =
          result.status === "SUSPENDED"
            ? `: ${futureBookingsPhrase(result.cancelledBookings)} cancelled and their patients told, and the provider was emailed the reason`
            : "";
        isDone.current = true;
        setStatus(`${name} ${DONE[choice]}${cancelled}.`);
        setChoice(null);
      },
      onError: (refused) => {
        const problem = readFormError(refused);
        if (problem.fieldErrors.reason) setReasonErrors(problem.fieldErrors.reason);
        else setError(problem.message);
      },
    });
  };

  return (
    <section aria-labelledby="review-decision-heading" className="space-y-3">
      <h2 id="review-decision-heading" className="text-xl font-semibold">
        Decision
      </h2>
      {provider.status === "REJECTED" ? (
        <p>
          This profile was rejected{provider.statusChangedAt ? ` on ${adminTime(provider.statusChangedAt)}` : ""}. A rejection is final.
        </p>
      ) : null}
      {provider.status === "PENDING" && provider.submittedAt === null ? (
        <p>The provider has not sent this profile for review (or a document was rejected since). It can be approved once they send it again.</p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <p ref={statusRef} tabIndex={-1} role="status" className="text-sm text-green-800">
        {status}
      </p>
      {choice === null ? (
        <div className="flex flex-wrap gap-2">
          {decisions.map((decision) => (
            <Button
              key={decision}
              ref={(element) => {
                startRefs.current[decision] = element;
              }}
              variant={decision === "APPROVE" || decision === "REINSTATE" ? "primary" : "secondary"}
              disabled={decision === "APPROVE" && !canApprove}
              aria-describedby={decision === "APPROVE" && !canApprove ? approveHintId : undefined}
              onClick={() => open(decision)}
            >
              {START_LABEL[decision]}
            </Button>
          ))}
        </div>
      ) : (
        <div className="max-w-2xl space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-slate-900" data-testid="decision-confirm">
          <Consequences decision={choice} name={name} futureBookings={choice === "SUSPEND" ? (impact.data?.futureBookings ?? null) : null} />
          {impact.isError ? (
            <p role="alert" className="text-red-800">
              We could not count the future bookings: {impact.error.message}
            </p>
          ) : null}
          {DECISIONS_WITH_REASON.includes(choice) ? (
            <ReasonField
              ref={reasonRef}
              id={`${id}-reason`}
              label={choice === "REJECT" ? `Why is ${name}'s profile rejected?` : `Why is ${name} suspended?`}
              value={reason}
              onChange={setReason}
              errors={reasonErrors}
              disabled={decide.isPending}
            />
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button
              ref={confirmRef}
              disabled={decide.isPending || (choice === "SUSPEND" && impact.data === undefined)}
              className={choice === "REJECT" || choice === "SUSPEND" ? "bg-red-700 hover:bg-red-800" : undefined}
              onClick={confirm}
            >
              {decide.isPending ? "Saving…" : CONFIRM_LABEL[choice]}
            </Button>
            <Button variant="secondary" onClick={() => setChoice(null)} disabled={decide.isPending}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {provider.status === "PENDING" && !canApprove && choice === null ? (
        <p id={approveHintId} className="text-sm text-slate-700">
          {provider.submittedAt === null
            ? "Approval waits until the provider sends the profile for review."
            : "Approval waits until every required document is approved."}
        </p>
      ) : null}
    </section>
  );
}
