export { syncCalendar, type SyncCalendarResult } from "./sync-calendar";
export { busySource } from "./calendar-sync-repository";
export { accessTokenFor, storeConnectionTokens } from "./connection-tokens";
export { exportBooking, type ExportBookingResult } from "./export-booking";
export { pollMeetLink, type PollMeetLinkResult } from "./poll-meet-link";
export { requeueBookingExports } from "./requeue-booking-exports";
export { exportJob, EXPORT_MAX_ATTEMPTS } from "./export-repository";
