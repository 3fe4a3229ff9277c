import type { InvitationStatus } from "../invitation-rules";

export const INVITATION_STATUS_LABEL: Record<InvitationStatus, string> = {
  OPEN: "Waiting for an answer",
  EXPIRED: "Expired",
  ACCEPTED: "Accepted",
  REVOKED: "Revoked",
};

/**
 * "8 Mar 2027, 10:00 UTC": the admin's own zone is not known to the server-rendered page and an
 * invitee's never is, so invitation times are shown in UTC, named. Fields one by one: Intl
 * refuses timeZoneName together with dateStyle/timeStyle.
 */
const invitationTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
  timeZoneName: "short",
});

export function formatInvitationTime(date: Date): string {
  return invitationTimeFormat.format(date);
}
