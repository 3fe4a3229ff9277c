import { router } from "@/server/trpc";

/** Member invitations by email: invite, resend, revoke, list; accept by token. */
export const invitationsRouter = router({});
