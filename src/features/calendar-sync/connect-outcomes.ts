/**
 * How a "Connect Google Calendar" round trip ended, carried back to the calendar page in its
 * query string (`?connect=<outcome>`). Only these words travel in the URL; the page shows the text.
 */
export const CONNECT_OUTCOMES = [
  "connected",
  "scopes-missing",
  "denied",
  "invalid-request",
  "expired",
  "wrong-account",
  "not-approved",
  "google-refused",
  "google-unavailable",
  "failed",
] as const;
export type ConnectOutcome = (typeof CONNECT_OUTCOMES)[number];

export const CONNECT_OUTCOME_QUERY = "connect";

export function isConnectOutcome(value: unknown): value is ConnectOutcome {
  return typeof value === "string" && (CONNECT_OUTCOMES as readonly string[]).includes(value);
}

/** What the person is told; every failure says that nothing was stored and what to do next. */
export const CONNECT_OUTCOME_MESSAGES: Record<ConnectOutcome, string> = {
  connected:
    "Google Calendar is connected. Check below which calendars block your availability and which one receives your bookings.",
  "scopes-missing":
    "Nothing was connected: MedBookings needs access to your calendars, and those boxes were unticked on Google's page. Choose Connect Google Calendar again and leave both calendar boxes ticked (view and edit events, and see your list of calendars).",
  denied: "Nothing was connected: you cancelled on Google's page. Choose Connect Google Calendar when you are ready.",
  "invalid-request":
    "Nothing was connected: this connection attempt could not be verified (it was not started from this browser, or was changed on the way). Choose Connect Google Calendar to start again.",
  expired: "Nothing was connected: the connection attempt took longer than 10 minutes. Choose Connect Google Calendar to start again.",
  "wrong-account":
    "Nothing was connected: the connection was started while signed in to a different MedBookings account, or your account no longer has this provider profile. Sign in again and start from this page.",
  "not-approved": "Nothing was connected: calendars can be connected once your provider profile is approved.",
  "google-refused":
    "Nothing was connected: Google did not accept the answer from its consent page (it may have been used already). Choose Connect Google Calendar to start again.",
  "google-unavailable": "Nothing was connected: Google could not be reached. Please try again in a few minutes.",
  failed: "Nothing was connected: something went wrong on our side. Please try again in a few minutes.",
};
