import { AppError } from "@/lib/errors/app-error";
import { mayInviteAs } from "../invitation-rules";
import type { OrganizationRole } from "../schemas";
import type { InvitationRow } from "./invitation-repository";

/** The caller as they are now (the memberships were just locked): they may have been demoted or removed meanwhile. */
export function currentRole(members: readonly { userId: string; role: OrganizationRole }[], userId: string): OrganizationRole {
  const me = members.find((m) => m.userId === userId);
  if (!me) throw new AppError("NOT_FOUND", "Organization not found.");
  if (me.role !== "OWNER" && me.role !== "ADMIN") throw new AppError("FORBIDDEN", "This needs the ADMIN role or higher in this organization.");
  return me.role;
}

/** Inviting as OWNER, or resending or revoking an OWNER invitation, is for owners only. */
export function assertMayHandleRole(actorRole: OrganizationRole, role: OrganizationRole, field?: "role"): void {
  if (mayInviteAs(actorRole, role)) return;
  throw new AppError("FORBIDDEN", "Only an owner can invite someone as an owner, or resend or revoke such an invitation.", {
    ...(field ? { fieldErrors: { role: ["Only an owner can grant OWNER."] } } : {}),
  });
}

/** The invitation of this organization, or NOT_FOUND (an id of another organization's invitation too). */
export function requireInvitation(row: InvitationRow | null): InvitationRow {
  if (!row) throw new AppError("NOT_FOUND", "Invitation not found. It may belong to another organization; reload the list.", { fieldErrors: { invitationId: ["No such invitation in this organization."] } });
  return row;
}

/**
 * A rejected or suspended organization takes nobody new: its invitations can be neither sent nor
 * accepted until the platform team reinstates it. One awaiting review may build its team.
 */
export function assertTakesMembers(organization: { name: string; status: string }): void {
  if (organization.status !== "REJECTED" && organization.status !== "SUSPENDED") return;
  const why = organization.status === "REJECTED" ? "was not approved by the MedBookings platform team" : "is suspended by the MedBookings platform team";
  throw new AppError("PRECONDITION_FAILED", `${organization.name} ${why}, so nobody can join it through an invitation now. Contact the organization or MedBookings support.`, {
    reason: "ORGANIZATION_INACTIVE",
  });
}
