export { notificationPreferencesRouter } from "./preferences-router";
