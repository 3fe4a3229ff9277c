import { router } from "@/server/trpc";

/** A person's data rights: export, erasure, consent records. */
export const privacyRouter = router({});
