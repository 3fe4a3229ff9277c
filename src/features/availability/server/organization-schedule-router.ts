import { router } from "@/server/trpc";

/** Managers edit a provider's schedule at the organization's locations, where the provider allows it. */
export const organizationScheduleRouter = router({});
