"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/time";
import { usePendingOrganizations, useReviewOrganization } from "../hooks/use-organizations";
import { readFormError } from "@/lib/errors/read-form-error";
import { ActionMessages } from "./organization-labels";

/** Shown to platform admins in UTC, named, like the rest of the admin area. */
const ADMIN_TIME_ZONE = "UTC";

/** /admin: organizations awaiting review, each approved or rejected by a platform admin. */
export function PendingOrganizations() {
  const pending = usePendingOrganizations();
  const review = useReviewOrganization();
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");

  const decide = (organization: { id: string; name: string }, decision: "APPROVE" | "REJECT") => {
    setStatus("");
    setError("");
    review.mutate(
      { organizationId: organization.id, decision },
      {
        onSuccess: () => setStatus(`${organization.name} was ${decision === "APPROVE" ? "approved" : "rejected"}.`),
        onError: (refused) => setError(readFormError(refused).message),
      },
    );
  };

  return (
    <section aria-labelledby="pending-organizations-heading" className="space-y-3">
      <h2 id="pending-organizations-heading" className="text-xl font-semibold">
        Organizations awaiting review
      </h2>
      {pending.isError ? (
        <p role="alert" className="text-red-700">
          We could not load the organizations awaiting review: {pending.error.message}
        </p>
      ) : null}
      <ActionMessages error={error} status={status} />
      {pending.isPending ? <p>Loading…</p> : null}
      {pending.data?.length === 0 ? <p>None: every organization has been reviewed.</p> : null}
      <ul className="space-y-2">
        {pending.data?.map((organization) => (
          <li key={organization.id}>
            <Card className="space-y-2" data-testid="pending-organization">
              <h3 className="font-semibold">{organization.name}</h3>
              {organization.description ? <p className="whitespace-pre-line text-sm text-slate-800">{organization.description}</p> : null}
              <p className="text-sm text-slate-700">
                Owner{organization.owners.length === 1 ? "" : "s"}:{" "}
                {organization.owners.map((owner) => `${owner.name ?? "(no name)"} (${owner.email ?? "no email"})`).join(", ") || "none"}
              </p>
              <p className="text-sm text-slate-700">
                Created {formatDateTime(organization.createdAt, ADMIN_TIME_ZONE)} {ADMIN_TIME_ZONE}
              </p>
              <div className="flex flex-wrap gap-2">
                <Button disabled={review.isPending} onClick={() => decide(organization, "APPROVE")}>
                  Approve<span className="sr-only"> {organization.name}</span>
                </Button>
                <Button variant="secondary" disabled={review.isPending} onClick={() => decide(organization, "REJECT")}>
                  Reject<span className="sr-only"> {organization.name}</span>
                </Button>
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
