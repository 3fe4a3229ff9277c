import { router } from "@/server/trpc";

/** Closures and public holidays of the organization's locations. */
export const closuresRouter = router({});
