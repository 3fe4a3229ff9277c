import { router } from "@/server/trpc";

/** The organization's week view across its providers and locations. */
export const organizationCalendarRouter = router({});
