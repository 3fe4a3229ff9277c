export { bookingsRouter } from "./router";
export { getManagedBooking } from "./get-managed-booking";
export { verificationCode } from "./verification-code";
export { manageLinkToken } from "./tokens";
export { purgeLapsedHolds } from "./purge-lapsed-holds";
export { cancelBookingAsProvider } from "./provider-booking-actions";
export { rescheduleBookingAsProvider } from "./reschedule-booking-as-provider";
