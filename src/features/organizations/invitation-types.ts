import type { InvitationStatus } from "./invitation-rules";
import type { OrganizationRole } from "./schemas";

/** An invitation as the organization's admins see it. */
export interface InvitationDto {
  id: string;
  email: string;
  role: OrganizationRole;
  status: InvitationStatus;
  expiresAt: Date;
  sentCount: number;
  lastSentAt: Date;
  invitedByName: string | null;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What the accept page shows to whoever holds the link. */
export interface InvitationByTokenDto {
  organizationName: string;
  role: OrganizationRole;
  status: InvitationStatus;
  /** Plain to the invited person signed in with that address; masked (j***@example.com) to anyone else. */
  email: string;
  expiresAt: Date;
  invitedByName: string | null;
  /** Null when nobody is signed in. */
  viewer: { isInvitee: boolean; isMember: boolean } | null;
}

export interface AcceptedInvitationDto {
  organizationId: string;
  organizationName: string;
  role: OrganizationRole;
}
