import { router } from "@/server/trpc";

/** The provider network: the organization invites providers and ends links; providers accept or decline. */
export const networkRouter = router({});
