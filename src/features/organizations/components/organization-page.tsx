"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { ROLE_RANK } from "../permissions";
import { MEMBERSHIP_ROLES, updateOrganizationInput, type OrganizationRole } from "../schemas";
import type { OrganizationDto, OrganizationMemberDto, OrganizationStatus } from "../types";
import { useChangeMemberRole, useLeaveOrganization, useOrganization, useRemoveMember, useUpdateOrganization } from "../hooks/use-organizations";
import { readFormError } from "@/lib/errors/read-form-error";
import { OrganizationDetailsForm } from "./organization-details-form";
import { OrganizationNav } from "./organization-nav";
import { InvitationsSection } from "./invitations-section";
import { ActionMessages, OrganizationStatusBadge, ROLE_LABEL } from "./organization-labels";
import { RoleTable } from "./role-table";
import { useConfirmFocus } from "../hooks/use-confirm-focus";

const STATUS_EXPLANATION: Record<OrganizationStatus, string | null> = {
  PENDING:
    "This organization is awaiting review by the MedBookings platform team. You can already see and manage its members; it goes live once the team approves it.",
  APPROVED: null,
  REJECTED: "The platform team did not approve this organization. Please contact support if you think this is a mistake.",
  SUSPENDED: "The platform team has suspended this organization. Please contact support.",
};

const canManage = (role: OrganizationRole) => ROLE_RANK[role] >= ROLE_RANK.ADMIN;

/**
 * What the role table lets `myRole` do to `member`: nobody acts on their own row, and only an
 * owner acts on an owner. The server checks the same rules and its refusal is always shown.
 */
function mayActOn(myRole: OrganizationRole, myUserId: string, member: OrganizationMemberDto): boolean {
  if (member.userId === myUserId || !canManage(myRole)) return false;
  return member.role !== "OWNER" || myRole === "OWNER";
}

/** /organizations/[id] for a member: details, members, what their role lets them change, leaving. */
export function OrganizationPage({ organizationId, viewerUserId }: { organizationId: string; viewerUserId: string }) {
  const organization = useOrganization(organizationId);
  if (organization.isPending) return <p role="status">Loading the organization…</p>;
  if (organization.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load this organization: {organization.error.message}
      </p>
    );
  }
  const data = organization.data;
  const explanation = STATUS_EXPLANATION[data.status];
  return (
    <div className="space-y-10">
      <OrganizationNav organizationId={data.id} />
      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{data.name}</h1>
          <OrganizationStatusBadge status={data.status} />
        </div>
        {explanation ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="organization-status-explanation">
            {explanation}
          </p>
        ) : null}
        {data.description ? <p className="whitespace-pre-line text-slate-800">{data.description}</p> : <p className="text-slate-600">No description yet.</p>}
        <p className="text-sm text-slate-700">
          Your role: <strong data-testid="my-organization-role">{ROLE_LABEL[data.myRole]}</strong>
        </p>
      </header>
      <Members organization={data} viewerUserId={viewerUserId} />
      {canManage(data.myRole) ? <InvitationsSection organizationId={data.id} myRole={data.myRole} /> : null}
      {canManage(data.myRole) ? <EditDetails organization={data} /> : null}
      <LeaveOrganization organization={data} />
      <RoleTable />
    </div>
  );
}

function Members({ organization, viewerUserId }: { organization: OrganizationDto; viewerUserId: string }) {
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const onDone = (message: string) => {
    setError("");
    setStatus(message);
  };
  const onRefused = (message: string) => {
    setStatus("");
    setError(message);
  };
  const hasControls = organization.members.some((member) => mayActOn(organization.myRole, viewerUserId, member));
  return (
    <section aria-labelledby="members-heading" className="space-y-3">
      <h2 id="members-heading" className="text-xl font-semibold">
        Members
      </h2>
      <ActionMessages error={error} status={status} />
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">Members of {organization.name}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-2 pr-4 font-semibold">
                Name
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Email
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Role
              </th>
              {hasControls ? (
                <th scope="col" className="py-2 font-semibold">
                  Changes
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {organization.members.map((member) => (
              <tr key={member.userId} className="border-b border-slate-200 align-top" data-testid="organization-member">
                <th scope="row" className="py-2 pr-4 text-left font-medium">
                  {member.name ?? "(no name)"}
                  {member.userId === viewerUserId ? <span className="font-normal text-slate-600"> (you)</span> : null}
                </th>
                <td className="py-2 pr-4">{member.email ?? "—"}</td>
                <td className="py-2 pr-4" data-testid="member-role">
                  {ROLE_LABEL[member.role]}
                </td>
                {hasControls ? (
                  <td className="py-2">
                    {mayActOn(organization.myRole, viewerUserId, member) ? (
                      <MemberControls organization={organization} member={member} onDone={onDone} onRefused={onRefused} />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MemberControls({
  organization,
  member,
  onDone,
  onRefused,
}: {
  organization: OrganizationDto;
  member: OrganizationMemberDto;
  onDone: (message: string) => void;
  onRefused: (message: string) => void;
}) {
  const id = useId();
  const who = member.name ?? member.email ?? "this member";
  const [role, setRole] = useState<OrganizationRole>(member.role);
  const [isConfirming, setIsConfirming] = useState(false);
  const changeRole = useChangeMemberRole();
  const remove = useRemoveMember();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const roles = MEMBERSHIP_ROLES.filter((option) => option !== "OWNER" || organization.myRole === "OWNER");

  useConfirmFocus(isConfirming, confirmRef, startRef);

  const onChangeRole = (event: FormEvent) => {
    event.preventDefault();
    changeRole.mutate(
      { organizationId: organization.id, userId: member.userId, role },
      {
        onSuccess: () => onDone(`${who} is now ${ROLE_LABEL[role]}.`),
        onError: (error) => onRefused(readFormError(error).message),
      },
    );
  };

  const onRemove = () => {
    remove.mutate(
      { organizationId: organization.id, userId: member.userId },
      {
        onSuccess: () => onDone(`${who} was removed from ${organization.name}.`),
        onError: (error) => {
          setIsConfirming(false);
          onRefused(readFormError(error).message);
        },
      },
    );
  };

  return (
    <div className="flex flex-wrap items-end gap-2">
      <form onSubmit={onChangeRole} className="flex items-end gap-2" aria-label={`Role of ${who}`}>
        <div>
          <label htmlFor={`${id}-role`} className="sr-only">
            Role for {who}
          </label>
          <Select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as OrganizationRole)} className="w-32">
            {roles.map((option) => (
              <option key={option} value={option}>
                {ROLE_LABEL[option]}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary" disabled={changeRole.isPending || role === member.role}>
          Change role<span className="sr-only"> of {who}</span>
        </Button>
      </form>
      {isConfirming ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 p-2">
          <p className="text-sm text-red-900">Remove {who} from {organization.name}?</p>
          <Button ref={confirmRef} disabled={remove.isPending} className="bg-red-700 hover:bg-red-800" onClick={onRemove}>
            Yes, remove<span className="sr-only"> {who}</span>
          </Button>
          <Button
            variant="secondary"
            onClick={() => setIsConfirming(false)}
          >
            Cancel
          </Button>
        </div>
      ) : (
        <Button ref={startRef} variant="secondary" onClick={() => setIsConfirming(true)}>
          Remove<span className="sr-only"> {who}</span>
        </Button>
      )}
    </div>
  );
}

function EditDetails({ organization }: { organization: OrganizationDto }) {
  const update = useUpdateOrganization();
  return (
    <section aria-labelledby="edit-organization-heading" className="max-w-xl space-y-3">
      <h2 id="edit-organization-heading" className="text-xl font-semibold">
        Edit details
      </h2>
      <OrganizationDetailsForm
        labelledBy="edit-organization-heading"
        initial={{ name: organization.name, description: organization.description }}
        schema={updateOrganizationInput}
        save={async (values) => {
          await update.mutateAsync({ organizationId: organization.id, ...values });
          return "Details saved.";
        }}
        isPending={update.isPending}
        submitLabel="Save details"
        pendingLabel="Saving…"
        notSavedText="The details were not saved. Please check the highlighted fields."
        descriptionHint="Up to 2,000 characters."
      />
    </section>
  );
}

function LeaveOrganization({ organization }: { organization: OrganizationDto }) {
  const router = useRouter();
  const leave = useLeaveOrganization();
  const [isConfirming, setIsConfirming] = useState(false);
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  useConfirmFocus(isConfirming, confirmRef, startRef);

  const onLeave = () => {
    setError("");
    leave.mutate(
      { organizationId: organization.id },
      {
        onSuccess: () => {
          setStatus(`You left ${organization.name}.`);
          router.push("/organizations");
        },
        onError: (refused) => {
          setIsConfirming(false);
          setError(readFormError(refused).message);
        },
      },
    );
  };

  return (
    <section aria-labelledby="leave-organization-heading" className="space-y-3">
      <h2 id="leave-organization-heading" className="text-xl font-semibold">
        Leave organization
      </h2>
      <ActionMessages error={error} status={status} />
      {isConfirming ? (
        <Card className="space-y-3 border-red-300">
          <p className="text-sm">
            Leave {organization.name}? You lose access to it at once, and only its admins or owners can add you back.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button ref={confirmRef} disabled={leave.isPending} className="bg-red-700 hover:bg-red-800" onClick={onLeave}>
              {leave.isPending ? "Leaving…" : "Yes, leave"}
            </Button>
            <Button
              variant="secondary"
              onClick={() => setIsConfirming(false)}
            >
              Cancel
            </Button>
          </div>
        </Card>
      ) : (
        <Button ref={startRef} variant="secondary" onClick={() => setIsConfirming(true)}>
          Leave organization
        </Button>
      )}
    </section>
  );
}
