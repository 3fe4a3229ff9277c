export { AdminOverview } from "./components/admin-overview";
export type { PlatformOverview } from "./types";
export { AdminFind } from "./components/directory/admin-find";
export { AdminBookingRecord } from "./components/directory/admin-booking-record";
export { AdminPatientRecord } from "./components/directory/admin-patient-record";
export { AuditTrail } from "./components/audit/audit-trail";
export { NotificationLog } from "./components/audit/notification-log";
