import { AppError } from "@/lib/errors/app-error";
import type { OrganizationRole } from "../schemas";

type Member = { userId: string; role: OrganizationRole };

/** The member a change is about, from the locked memberships; NOT_FOUND when not a member. */
export function memberOf(members: readonly Member[], userId: string): Member {
  const member = members.find((m) => m.userId === userId);
  if (!member) {
    throw new AppError("NOT_FOUND", "This person is not a member of the organization.", { fieldErrors: { userId: ["Not a member of this organization."] } });
  }
  return member;
}

/**
 * Ownership rules: only an owner may make someone an owner or change or remove an owner, and
 * nobody changes their own role (an owner steps down by making another owner, then leaving).
 */
export function assertMayChange(actor: Member, target: Member, newRole?: OrganizationRole): void {
  if (target.userId === actor.userId) {
    throw new AppError("FORBIDDEN", "You cannot change your own role. Ask another owner or admin, or leave the organization.");
  }
  if (target.role === "OWNER" && actor.role !== "OWNER") {
    throw new AppError("FORBIDDEN", "Only an owner can change or remove another owner.");
  }
  if (newRole === "OWNER" && actor.role !== "OWNER") {
    throw new AppError("FORBIDDEN", "Only an owner can make someone an owner.", { fieldErrors: { role: ["Only an owner can grant OWNER."] } });
  }
}

/** The organization keeps at least one owner after `userId` stops being one. */
export function assertOwnerRemains(members: readonly Member[], userId: string, message: string): void {
  const otherOwners = members.filter((m) => m.role === "OWNER" && m.userId !== userId);
  if (otherOwners.length === 0) throw new AppError("CONFLICT", message);
}
