"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { readFormError } from "@/lib/errors/read-form-error";
import { useAcceptInvitation, useInvitationByToken } from "../hooks/use-invitations";
import type { AcceptedInvitationDto, InvitationByTokenDto } from "../invitation-types";
import { formatInvitationTime } from "./invitation-labels";
import { ROLE_LABEL } from "./organization-labels";

const STATE_TEXT: Record<Exclude<InvitationByTokenDto["status"], "OPEN">, string> = {
  EXPIRED: "This invitation has expired. Ask the person who invited you to send a new one: the new email has a new link.",
  ACCEPTED: "This invitation has already been used. If you accepted it, the organization is under your organizations.",
  REVOKED: "This invitation was withdrawn by the organization. Ask the person who invited you if you should still join.",
};

/** /invitations/[token] for a signed-in person: what the invitation is, and accepting it. */
export function AcceptInvitation({ token }: { token: string }) {
  const invitation = useInvitationByToken(token);
  const accept = useAcceptInvitation();
  const [accepted, setAccepted] = useState<AcceptedInvitationDto | null>(null);
  const [error, setError] = useState("");
  const resultRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (accepted) resultRef.current?.focus();
  }, [accepted]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (invitation.isPending) return <p role="status">Loading the invitation…</p>;
  if (invitation.isError) {
    return (
      <p role="alert" className="text-red-700">
        {invitation.error.message}
      </p>
    );
  }
  const data = invitation.data;
  const signInAgainUrl = `/sign-in?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`;

  if (accepted) {
    return (
      <Card className="mx-auto max-w-xl space-y-3">
        <h1 ref={resultRef} tabIndex={-1} className="text-2xl font-semibold">
          You joined {accepted.organizationName}
        </h1>
        <p role="status">Your role there is {ROLE_LABEL[accepted.role]}.</p>
        <p>
          <Link href={`/organizations/${accepted.organizationId}`} className="text-brand-700 underline">
            Open {accepted.organizationName}
          </Link>
        </p>
      </Card>
    );
  }

  const onAccept = () => {
    setError("");
    accept.mutate(
      { token },
      {
        onSuccess: (result) => setAccepted(result),
        onError: (refused) => setError(readFormError(refused).message),
      },
    );
  };

  return (
    <Card className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Invitation to join {data.organizationName}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Organization</dt>
        <dd data-testid="invitation-organization">{data.organizationName}</dd>
        <dt className="font-medium">Role</dt>
        <dd data-testid="invitation-role">{ROLE_LABEL[data.role]}</dd>
        <dt className="font-medium">Sent to</dt>
        <dd>{data.email}</dd>
        {data.invitedByName ? (
          <>
            <dt className="font-medium">Invited by</dt>
            <dd>{data.invitedByName}</dd>
          </>
        ) : null}
        {data.status === "OPEN" || data.status === "EXPIRED" ? (
          <>
            <dt className="font-medium">{data.status === "OPEN" ? "Valid until" : "Expired at"}</dt>
            <dd>{formatInvitationTime(data.expiresAt)}</dd>
          </>
        ) : null}
      </dl>
      {error ? (
        <p ref={errorRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {data.status !== "OPEN" ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="invitation-state">
          {STATE_TEXT[data.status]}
        </p>
      ) : data.viewer?.isMember ? (
        <p role="status" className="text-sm">
          You are already a member of {data.organizationName}.{" "}
          <Link href="/organizations" className="text-brand-700 underline">
            See your organizations
          </Link>
        </p>
      ) : data.viewer && !data.viewer.isInvitee ? (
        <div className="space-y-3">
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            This invitation was sent to {data.email}, and you are signed in with another account. Sign out, then sign in with the account for that
            address to accept it.
          </p>
          <Button variant="secondary" onClick={() => void signOut({ callbackUrl: signInAgainUrl })}>
            Sign out and sign in with another account
          </Button>
        </div>
      ) : (
        <Button onClick={onAccept} disabled={accept.isPending}>
          {accept.isPending ? "Joining…" : `Accept and join ${data.organizationName}`}
        </Button>
      )}
    </Card>
  );
}
