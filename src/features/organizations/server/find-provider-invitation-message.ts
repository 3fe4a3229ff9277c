import type { DbExecutor } from "@/server/db/client";
import { findProviderLinkForMessage } from "./invitation-repository";

export type ProviderInvitationMessage =
  | { kind: "skip"; reason: string }
  | { kind: "send"; providerUserId: string; email: string; organizationName: string; invitedByName: string | null };

export interface FindProviderInvitationMessageOptions {
  db: DbExecutor;
  organizationId: string;
  providerId: string;
}

/**
 * What the email telling a provider that an organization invited them to its network says; an
 * invitation the provider already answered, or that was withdrawn, is not sent. Null when there
 * is no such link.
 */
export async function findProviderInvitationMessage({ db, organizationId, providerId }: FindProviderInvitationMessageOptions): Promise<ProviderInvitationMessage | null> {
  const link = await findProviderLinkForMessage(db, organizationId, providerId);
  if (!link) return null;
  if (link.status !== "INVITED") return { kind: "skip", reason: `the provider's link to the organization is now ${link.status.toLowerCase()}` };
  return { kind: "send", providerUserId: link.providerUserId, email: link.providerEmail, organizationName: link.organizationName, invitedByName: link.invitedByName };
}
