export { NotificationPreferencesForm } from "./components/notification-preferences-form";
export { ProviderNotificationSettingsForm } from "./components/provider-notification-settings-form";
export { reminderOffsetLabel } from "./components/reminder-offsets";
export { clockTimeToMinute, isQuietMinute, minuteToClockTime, nextAllowedSendTime, type QuietHours } from "./quiet-hours";
export {
  DEFAULT_REMINDER_OFFSETS_MINUTES,
  PROVIDER_NOTICES,
  REMINDER_OFFSET_MAX_MINUTES,
  REMINDER_OFFSET_MIN_MINUTES,
  REMINDER_OFFSETS_MAX_COUNT,
  updateNotificationPreferencesInput,
  updateProviderNotificationSettingsInput,
  type ProviderNotice,
  type UpdateNotificationPreferencesInput,
  type UpdateProviderNotificationSettingsInput,
} from "./schemas";
export type { NotificationPreferencesDto, ProviderNotificationSettingsDto } from "./types";
export { BookingMessages, SavePatientCard } from "./components/booking-messages";
export { DeadLetters } from "./components/dead-letters";
export { CHANNEL_LABEL, STATUS_LABEL, formatLogTime, purposeLabel } from "./components/notification-labels";
