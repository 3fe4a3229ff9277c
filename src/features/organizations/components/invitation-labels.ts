import type { InvitationStatus } from "../invitation-rules";

export const INVITATION_STATUS_LABEL: Record<InvitationStatus, string> = {
  OPEN: "Waiting for an answer",
  EXPIRED: "Expired",
  ACCEPTED: "Accepted",
  REVOKED: "Revoked",
};

/**
 * "8 Mar 2027, 10:00 UTC": the admin's own zone is not known to the server-rendered page and an
 * invitee's never is, so invitation times are shown in UTC, named.
 */
export function formatInvitationTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC", timeZoneName: "short" }).format(date);
}
