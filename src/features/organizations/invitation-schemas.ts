import { z } from "zod";
import { organizationRoleSchema } from "./schemas";

/**
 * An invitation link's token: 43 URL-safe characters (an HMAC-SHA256 in base64url). Anything else
 * cannot be a token we made, so it is refused before the database is asked.
 */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Trimmed and lower-cased: one person's address is one address however it was typed. */
export const invitationEmailSchema = z
  .string({ error: "email must be text" })
  .trim()
  .toLowerCase()
  .min(1, "email is required: type the address to send the invitation to")
  .max(254, "email must be at most 254 characters")
  .pipe(z.email("email must be an email address, like name@example.com"));

export const inviteMemberInput = z.object({ email: invitationEmailSchema, role: organizationRoleSchema });
export type InviteMemberInput = z.input<typeof inviteMemberInput>;

export const invitationIdInput = z.object({ invitationId: z.uuid("invitationId must be an invitation's id") });

export const invitationTokenInput = z.object({
  token: z.string({ error: "token must be text" }).regex(INVITATION_TOKEN_PATTERN, "token must be the code from an invitation link"),
});
