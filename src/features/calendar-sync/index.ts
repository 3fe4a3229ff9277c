export {
  CALENDAR_EVENT_DELETED_ACTIONS,
  disconnectCalendarConnectionInput,
  syncCalendarNowInput,
  updateCalendarSettingsInput,
  updateConnectedCalendarInput,
  type CalendarEventDeletedAction,
  type DisconnectCalendarConnectionInput,
  type SyncCalendarNowInput,
  type UpdateCalendarSettingsInput,
  type UpdateConnectedCalendarInput,
} from "./schemas";
export type {
  CalendarConnectionDto,
  CalendarSettingsDto,
  CalendarSyncOverviewDto,
  CalendarSyncRunDto,
  ConnectedCalendarDto,
  DisconnectResultDto,
  SyncNowResultDto,
} from "./types";
export { CONNECT_OUTCOME_MESSAGES, CONNECT_OUTCOME_QUERY, CONNECT_OUTCOMES, isConnectOutcome, type ConnectOutcome } from "./connect-outcomes";
export { CalendarConnections, ConnectOutcomeNotice } from "./components/calendar-connections";
export { CalendarSettingsForm } from "./components/calendar-settings-form";
export { CalendarReconnectBanner } from "./components/calendar-reconnect-banner";
export { CalendarConflicts } from "./components/calendar-conflicts";
export { GOOGLE_CONFLICT_ACTIONS, resolveGoogleConflictInput, type GoogleConflictAction, type ResolveGoogleConflictInput } from "./google-edits-schemas";
export type { GoogleConflictDto, GoogleConflictKind, ResolveGoogleConflictResult } from "./google-edits-types";
