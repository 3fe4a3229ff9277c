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
