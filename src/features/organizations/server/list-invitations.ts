import type { DbExecutor } from "@/server/db/client";
import { invitationStatus } from "../invitation-rules";
import type { InvitationDto } from "../invitation-types";
import { findInvitations } from "./invitation-repository";

export interface ListInvitationsOptions {
  db: DbExecutor;
  organizationId: string;
  now: Date;
}

/** The organization's invitations with their status at `now`: open ones first, then expired, then answered (at most 200). */
export async function listInvitations({ db, organizationId, now }: ListInvitationsOptions): Promise<InvitationDto[]> {
  const rows = await findInvitations(db, organizationId, now);
  return rows.map((row) => ({ ...row, status: invitationStatus(row, now) }));
}
