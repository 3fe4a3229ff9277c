import { z } from "zod";

const flag = (name: string) => z.boolean({ error: `${name} must be true or false` });
const calendarId = z.uuid({ error: "calendarId must be the id of one of your connected calendars" });

/** What a connected calendar is used for: its busy time blocks availability; bookings are written to it. */
export const updateConnectedCalendarInput = z.object({
  calendarId,
  blocksAvailability: flag("blocksAvailability"),
  receivesBookings: flag("receivesBookings"),
});
export type UpdateConnectedCalendarInput = z.infer<typeof updateConnectedCalendarInput>;

export const syncCalendarNowInput = z.object({ calendarId });
export type SyncCalendarNowInput = z.infer<typeof syncCalendarNowInput>;

export const disconnectCalendarConnectionInput = z.object({
  connectionId: z.uuid({ error: "connectionId must be the id of one of your Google connections" }),
});
export type DisconnectCalendarConnectionInput = z.infer<typeof disconnectCalendarConnectionInput>;

/** One of our events deleted in Google: cancel the booking (the patient is told) or flag it for the provider. */
export const CALENDAR_EVENT_DELETED_ACTIONS = ["CANCEL", "FLAG"] as const;
export type CalendarEventDeletedAction = (typeof CALENDAR_EVENT_DELETED_ACTIONS)[number];

export const updateCalendarSettingsInput = z.object({
  onEventDeleted: z.enum(CALENDAR_EVENT_DELETED_ACTIONS, { error: "onEventDeleted must be CANCEL or FLAG" }),
  invitePatient: flag("invitePatient"),
});
export type UpdateCalendarSettingsInput = z.infer<typeof updateCalendarSettingsInput>;
