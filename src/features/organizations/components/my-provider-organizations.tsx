"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { readFormError } from "@/lib/errors/read-form-error";
import { useConfirmFocus } from "../hooks/use-confirm-focus";
import { useLeaveProviderNetwork, useMyProviderLinks, useRespondToProviderInvitation, useSetScheduleEdits } from "../hooks/use-provider-network";
import type { EndedProviderLinkDto, MyProviderLinkDto } from "../network-types";
import { ActionMessages } from "./organization-labels";
import { bookingsPhrase, formatLinkDate } from "./network-labels";

type Report = (outcome: { status?: string; error?: string }) => void;

/** /provider/organizations: invitations to answer, and the organizations the provider works with. */
export function MyProviderOrganizations() {
  const links = useMyProviderLinks();
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const outcomeRef = useRef<HTMLDivElement>(null);

  // Answering or leaving moves the card to another list or removes it: focus follows the outcome.
  const report: Report = (outcome) => {
    setStatus(outcome.status ?? "");
    setError(outcome.error ?? "");
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };

  if (links.isPending) return <p role="status">Loading your organizations…</p>;
  if (links.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load your organizations: {links.error.message} Reload the page to try again.
      </p>
    );
  }
  const invitations = links.data.filter((link) => link.status === "INVITED");
  const active = links.data.filter((link) => link.status === "ACTIVE");
  return (
    <div className="space-y-8">
      <p className="text-slate-700">
        You offer in-person appointments at the locations of the organizations you work with. An organization invites you; you choose whether to join, and you can leave at any time.
      </p>
      <div ref={outcomeRef} tabIndex={-1} className="outline-none" data-testid="my-organizations-outcome">
        <ActionMessages error={error} status={status} />
      </div>
      <section aria-labelledby="invitations-heading" className="space-y-3">
        <h2 id="invitations-heading" className="text-xl font-semibold">
          Invitations
        </h2>
        {invitations.length === 0 ? (
          <p className="text-slate-700">No invitations waiting for an answer.</p>
        ) : (
          <ul className="space-y-3">
            {invitations.map((link) => (
              <li key={link.organizationId}>
                <Invitation link={link} report={report} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="working-with-heading" className="space-y-3">
        <h2 id="working-with-heading" className="text-xl font-semibold">
          Organizations you work with
        </h2>
        {active.length === 0 ? (
          <p className="text-slate-700">You do not work with any organization yet, so you can offer online appointments only. Accept an invitation to add its locations to your schedule.</p>
        ) : (
          <ul className="space-y-3">
            {active.map((link) => (
              <li key={link.organizationId}>
                <ActiveOrganization link={link} report={report} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const locationNames = (link: MyProviderLinkDto) =>
  link.locations.length > 0 ? link.locations.map((location) => location.name).join(", ") : "No locations yet";

function Invitation({ link, report }: { link: MyProviderLinkDto; report: Report }) {
  const id = useId();
  const respond = useRespondToProviderInvitation();
  const name = link.organizationName;
  const onRespond = (decision: "ACCEPT" | "DECLINE") => {
    respond.mutate(
      { organizationId: link.organizationId, decision },
      {
        onSuccess: () =>
          report({
            status:
              decision === "ACCEPT"
                ? `You joined ${name}. Its locations are now in your schedule's choices; add your hours there from Schedule.`
                : `You declined ${name}'s invitation. They can invite you again after 30 days.`,
          }),
        onError: (error) => report({ error: readFormError(error).message }),
      },
    );
  };
  return (
    <Card className="space-y-3" aria-labelledby={`${id}-name`} role="group" data-testid="provider-invitation">
      <h3 id={`${id}-name`} className="text-lg font-semibold">
        {name}
      </h3>
      <p className="text-sm text-slate-700">
        Invited {link.invitedByName ? `by ${link.invitedByName} ` : ""}on {formatLinkDate(link.since)}. Locations: {locationNames(link)}.
      </p>
      {link.organizationStatus !== "APPROVED" ? (
        <p className="text-sm text-amber-900">This organization is not approved by the platform team at the moment.</p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button disabled={respond.isPending} onClick={() => onRespond("ACCEPT")}>
          Accept<span className="sr-only"> the invitation from {name}</span>
        </Button>
        <Button variant="secondary" disabled={respond.isPending} onClick={() => onRespond("DECLINE")}>
          Decline<span className="sr-only"> the invitation from {name}</span>
        </Button>
      </div>
    </Card>
  );
}

function leftMessage(name: string, result: EndedProviderLinkDto): string {
  const removed = "Your hours at its locations were removed.";
  if (result.upcomingBookingCount === 0) return `You left ${name}. ${removed}`;
  return `You left ${name}. ${removed} Your ${bookingsPhrase(result.upcomingBookingCount)} there stay booked: cancel them from Bookings if you will not see those patients.`;
}

function ActiveOrganization({ link, report }: { link: MyProviderLinkDto; report: Report }) {
  const id = useId();
  const name = link.organizationName;
  const setScheduleEdits = useSetScheduleEdits();
  const leave = useLeaveProviderNetwork();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  useConfirmFocus(isConfirming, confirmRef, startRef, isDone);

  const onToggle = (allowsScheduleEdits: boolean) => {
    setScheduleEdits.mutate(
      { organizationId: link.organizationId, allowsScheduleEdits },
      {
        onSuccess: () =>
          report({
            status: allowsScheduleEdits
              ? `Managers of ${name} can now edit your schedule at its locations.`
              : `Managers of ${name} can no longer edit your schedule.`,
          }),
        onError: (error) => report({ error: readFormError(error).message }),
      },
    );
  };

  const onLeave = () => {
    leave.mutate(
      { organizationId: link.organizationId },
      {
        onSuccess: (result) => {
          setIsDone(true);
          setIsConfirming(false);
          report({ status: leftMessage(name, result) });
        },
        onError: (error) => {
          setIsConfirming(false);
          report({ error: readFormError(error).message });
        },
      },
    );
  };

  return (
    <Card className="space-y-3" aria-labelledby={`${id}-name`} role="group" data-testid="provider-organization">
      <h3 id={`${id}-name`} className="text-lg font-semibold">
        {name}
      </h3>
      <p className="text-sm text-slate-700">
        Since {formatLinkDate(link.since)}. Locations: {locationNames(link)}. {link.upcomingBookingCount === 0 ? "No upcoming bookings there." : `${bookingsPhrase(link.upcomingBookingCount)} there.`}
      </p>
      <div className="flex items-start gap-2">
        <input
          id={`${id}-edits`}
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={link.allowsScheduleEdits}
          disabled={setScheduleEdits.isPending}
          onChange={(event) => onToggle(event.target.checked)}
          aria-describedby={`${id}-edits-hint`}
        />
        <div>
          <label htmlFor={`${id}-edits`} className="text-sm font-medium">
            Let this organization&apos;s managers edit my schedule at its locations
          </label>
          <p id={`${id}-edits-hint`} className="text-xs text-slate-600">
            Managers and above at {name} can then change your hours at {name}&apos;s locations only; your other hours stay yours alone. You can withdraw this at any time.
          </p>
        </div>
      </div>
      {isConfirming ? (
        <div className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3" data-testid="leave-network-confirm">
          <p className="text-sm text-red-900">
            Leave {name}? Your hours at its locations are removed at once, so patients can no longer book you there.{" "}
            {link.upcomingBookingCount === 0
              ? "You have no upcoming bookings there."
              : `Your ${bookingsPhrase(link.upcomingBookingCount)} there stay booked unless you cancel them.`}{" "}
            To work with {name} again you need a new invitation.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button ref={confirmRef} disabled={leave.isPending} className="bg-red-700 hover:bg-red-800" onClick={onLeave}>
              {leave.isPending ? "Leaving…" : "Yes, leave"}
              <span className="sr-only"> {name}</span>
            </Button>
            <Button variant="secondary" onClick={() => setIsConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button ref={startRef} variant="secondary" onClick={() => setIsConfirming(true)}>
          Leave<span className="sr-only"> {name}</span>
        </Button>
      )}
    </Card>
  );
}
