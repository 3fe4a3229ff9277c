"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { useInvitations, useInviteMember, useResendInvitation, useRevokeInvitation } from "../hooks/use-invitations";
import { inviteMemberInput } from "../invitation-schemas";
import { mayInviteAs } from "../invitation-rules";
import type { InvitationDto } from "../invitation-types";
import { MEMBERSHIP_ROLES, type OrganizationRole } from "../schemas";
import { formatInvitationTime, INVITATION_STATUS_LABEL } from "./invitation-labels";
import { ActionMessages, ROLE_LABEL } from "./organization-labels";

/** Invite people by email and follow up on invitations: for the organization's admins and owners. */
export function InvitationsSection({ organizationId, myRole }: { organizationId: string; myRole: OrganizationRole }) {
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onDone = (message: string, options: { moveFocus?: boolean } = {}) => {
    setError("");
    setStatus(message);
    // A revoked row loses its buttons: focus goes to the section instead of being dropped.
    if (options.moveFocus) headingRef.current?.focus();
  };
  const onRefused = (message: string) => {
    setStatus("");
    setError(message);
  };
  return (
    <section aria-labelledby="invitations-heading" className="space-y-4">
      <h2 id="invitations-heading" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
        Invitations
      </h2>
      <InviteForm organizationId={organizationId} myRole={myRole} onDone={onDone} />
      <ActionMessages error={error} status={status} />
      <InvitationList organizationId={organizationId} myRole={myRole} onDone={onDone} onRefused={onRefused} />
    </section>
  );
}

function InviteForm({ organizationId, myRole, onDone }: { organizationId: string; myRole: OrganizationRole; onDone: (message: string) => void }) {
  const id = useId();
  const invite = useInviteMember();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<OrganizationRole>("STAFF");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState("");
  const emailRef = useRef<HTMLInputElement>(null);
  const roles = MEMBERSHIP_ROLES.filter((option) => mayInviteAs(myRole, option));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError("");
    const parsed = inviteMemberInput.safeParse({ email, role });
    if (!parsed.success) {
      setFieldErrors(issuesByField(parsed.error.issues));
      emailRef.current?.focus();
      return;
    }
    setFieldErrors({});
    invite.mutate(
      { organizationId, ...parsed.data },
      {
        onSuccess: (invited) => {
          setEmail("");
          onDone(`Invitation sent to ${invited.email} as ${ROLE_LABEL[invited.role]}. The link works until ${formatInvitationTime(invited.expiresAt)}.`);
          emailRef.current?.focus();
        },
        onError: (refused) => {
          const read = readFormError(refused);
          setFieldErrors(read.fieldErrors);
          setFormError(read.message);
          emailRef.current?.focus();
        },
      },
    );
  };

  const emailErrors = fieldErrors.email;
  const roleErrors = fieldErrors.role;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`} className="max-w-xl space-y-3 rounded-md border border-slate-200 p-4">
      <h3 id={`${id}-heading`} className="font-semibold">
        Invite someone by email
      </h3>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        They get an email with a link that works for 7 days. They accept it signed in with this address; a first sign-in creates their account.
      </p>
      {formError ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={`${id}-email`} className="block text-sm font-medium">
          Email address
        </label>
        <Input
          ref={emailRef}
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={emailErrors?.length ? true : undefined}
          aria-describedby={describedBy(`${id}-hint`, emailErrors?.length && `${id}-email-error`)}
        />
        <FieldErrorText id={`${id}-email-error`} messages={emailErrors} />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-role`} className="block text-sm font-medium">
          Role
        </label>
        <Select
          id={`${id}-role`}
          value={role}
          onChange={(event) => setRole(event.target.value as OrganizationRole)}
          className="w-40"
          aria-invalid={roleErrors?.length ? true : undefined}
          aria-describedby={describedBy(roleErrors?.length && `${id}-role-error`)}
        >
          {roles.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABEL[option]}
            </option>
          ))}
        </Select>
        <FieldErrorText id={`${id}-role-error`} messages={roleErrors} />
      </div>
      <Button type="submit" disabled={invite.isPending}>
        {invite.isPending ? "Sending…" : "Send invitation"}
      </Button>
    </form>
  );
}

interface RowActions {
  organizationId: string;
  myRole: OrganizationRole;
  onDone: (message: string, options?: { moveFocus?: boolean }) => void;
  onRefused: (message: string) => void;
}

function InvitationList({ organizationId, ...actions }: RowActions) {
  const invitations = useInvitations(organizationId);
  if (invitations.isPending) return <p role="status">Loading invitations…</p>;
  if (invitations.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load the invitations: {invitations.error.message}
      </p>
    );
  }
  if (invitations.data.length === 0) return <p className="text-sm text-slate-700">No invitations yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="sr-only">Invitations, open ones first. Times are in UTC.</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-2 pr-4 font-semibold">
              Email
            </th>
            <th scope="col" className="py-2 pr-4 font-semibold">
              Role
            </th>
            <th scope="col" className="py-2 pr-4 font-semibold">
              Status
            </th>
            <th scope="col" className="py-2 pr-4 font-semibold">
              Link valid until
            </th>
            <th scope="col" className="py-2 font-semibold">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.data.map((invitation) => (
            <tr key={invitation.id} className="border-b border-slate-200 align-top" data-testid="organization-invitation">
              <th scope="row" className="py-2 pr-4 text-left font-medium">
                {invitation.email}
                <span className="block text-xs font-normal text-slate-600">
                  Sent {invitation.sentCount === 1 ? "once" : `${invitation.sentCount} times`}
                  {invitation.invitedByName ? ` · invited by ${invitation.invitedByName}` : ""}
                </span>
              </th>
              <td className="py-2 pr-4">{ROLE_LABEL[invitation.role]}</td>
              <td className="py-2 pr-4" data-testid="invitation-status">
                {INVITATION_STATUS_LABEL[invitation.status]}
                {invitation.acceptedAt ? <span className="block text-xs text-slate-600">{formatInvitationTime(invitation.acceptedAt)}</span> : null}
                {invitation.revokedAt ? <span className="block text-xs text-slate-600">{formatInvitationTime(invitation.revokedAt)}</span> : null}
              </td>
              <td className="py-2 pr-4">{invitation.status === "OPEN" || invitation.status === "EXPIRED" ? formatInvitationTime(invitation.expiresAt) : "—"}</td>
              <td className="py-2">
                <InvitationControls organizationId={organizationId} invitation={invitation} {...actions} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvitationControls({ organizationId, invitation, myRole, onDone, onRefused }: RowActions & { invitation: InvitationDto }) {
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const [isConfirming, setIsConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const hasOpened = useRef(false);
  useEffect(() => {
    if (isConfirming) {
      hasOpened.current = true;
      confirmRef.current?.focus();
    } else if (hasOpened.current) {
      startRef.current?.focus();
    }
  }, [isConfirming]);

  const isUnanswered = invitation.status === "OPEN" || invitation.status === "EXPIRED";
  if (!isUnanswered || !mayInviteAs(myRole, invitation.role)) return null;
  const who = invitation.email;

  const onResend = () => {
    resend.mutate(
      { organizationId, invitationId: invitation.id },
      {
        onSuccess: (sent) => onDone(`Invitation sent again to ${who}. The new link works until ${formatInvitationTime(sent.expiresAt)}; the previous link no longer works.`),
        onError: (refused) => onRefused(readFormError(refused).message),
      },
    );
  };
  const onRevoke = () => {
    revoke.mutate(
      { organizationId, invitationId: invitation.id },
      {
        onSuccess: () => onDone(`The invitation to ${who} was revoked; its link no longer works.`, { moveFocus: true }),
        onError: (refused) => onRefused(readFormError(refused).message),
        onSettled: () => setIsConfirming(false),
      },
    );
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" disabled={resend.isPending} onClick={onResend}>
        {resend.isPending ? "Sending…" : "Resend"}
        <span className="sr-only"> the invitation to {who}</span>
      </Button>
      {isConfirming ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 p-2">
          <p className="text-sm text-red-900">Revoke the invitation to {who}? Its link stops working.</p>
          <Button ref={confirmRef} disabled={revoke.isPending} className="bg-red-700 hover:bg-red-800" onClick={onRevoke}>
            Yes, revoke<span className="sr-only"> the invitation to {who}</span>
          </Button>
          <Button variant="secondary" onClick={() => setIsConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button ref={startRef} variant="secondary" onClick={() => setIsConfirming(true)}>
          Revoke<span className="sr-only"> the invitation to {who}</span>
        </Button>
      )}
    </div>
  );
}
