import { router } from "@/server/trpc";

/** A location's opening hours seed a provider's weekly schedule there. */
export const openingHoursRouter = router({});
