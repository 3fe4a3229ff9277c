import { router } from "@/server/trpc";

/** Staff book for a patient on the phone through the same rules as online bookings. */
export const phoneBookingsRouter = router({});
