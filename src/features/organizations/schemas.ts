import { z } from "zod";

export const MEMBERSHIP_ROLES = ["OWNER", "ADMIN", "MANAGER", "STAFF"] as const;
export type OrganizationRole = (typeof MEMBERSHIP_ROLES)[number];

export const organizationRoleSchema = z.enum(MEMBERSHIP_ROLES, { error: "role must be OWNER, ADMIN, MANAGER or STAFF" });

const noNul = (value: string) => !value.includes("\u0000");
const nulMessage = (label: string) => `${label} contains a null character (U+0000), which cannot be saved. Remove it and try again.`;

const organizationName = z
  .string({ error: "name must be text" })
  .trim()
  .min(2, "name must be at least 2 characters")
  .max(120, "name must be at most 120 characters")
  .refine(noNul, nulMessage("name"));

const organizationDescription = z
  .string({ error: "description must be text" })
  .trim()
  .max(2000, "description must be at most 2,000 characters")
  .refine(noNul, nulMessage("description"));

export const createOrganizationInput = z.object({
  name: organizationName,
  description: organizationDescription.default(""),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

export const updateOrganizationInput = z
  .object({ name: organizationName.optional(), description: organizationDescription.optional() })
  .refine((value) => value.name !== undefined || value.description !== undefined, {
    message: "Give a new name or description.",
    path: ["name"],
  });

const memberUserId = z.uuid("userId must be a member's user id");

export const changeMemberRoleInput = z.object({ userId: memberUserId, role: organizationRoleSchema });
export const removeMemberInput = z.object({ userId: memberUserId });

export const reviewOrganizationInput = z.object({
  organizationId: z.uuid("organizationId must be a valid id"),
  decision: z.enum(["APPROVE", "REJECT"], { error: "decision must be APPROVE or REJECT" }),
});
