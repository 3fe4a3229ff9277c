import { router } from "@/server/trpc";

/** The organization's locations: create and edit (stable ids), place details, time zone. */
export const locationsRouter = router({});
