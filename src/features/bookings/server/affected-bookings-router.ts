import { router } from "@/server/trpc";

/** Bookings that a closure or time off covers: list them, cancel and tell the patients, or keep them. */
export const affectedBookingsRouter = router({});
