export { bookingsRouter } from "./router";
export { getManagedBooking } from "./get-managed-booking";
