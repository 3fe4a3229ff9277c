export { syncCalendar, type SyncCalendarResult } from "./sync-calendar";
export { busySource } from "./calendar-sync-repository";
export { accessTokenFor, storeConnectionTokens } from "./connection-tokens";
