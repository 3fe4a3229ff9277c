import { router } from "@/server/trpc";

/** Verification documents: the requirements, the provider's files, short-lived viewing links. */
export const providerDocumentsRouter = router({});
