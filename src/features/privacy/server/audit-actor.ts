import type { AuditActorLabel } from "../types";

export interface AuditActorFacts {
  actorUserId: string | null;
  /** The role a booking transition records in its details (PATIENT, PROVIDER, STAFF, SYSTEM), if any. */
  actorRole: string | null;
  actorIsAdmin: boolean;
  actorIsProvider: boolean;
}

const BY_RECORDED_ROLE: Record<string, AuditActorLabel> = {
  PROVIDER: "provider",
  STAFF: "organization staff",
  SYSTEM: "system",
};

/**
 * Who acted, as the person whose data it is may be told: their own acts, or the other party's
 * role — never another person's identity. On the person's own bookings the recorded PATIENT is
 * them (also when they booked as a guest, with no account acting).
 */
export function describeAuditActor(facts: AuditActorFacts, personUserId: string): AuditActorLabel {
  if (facts.actorUserId === personUserId) return "you";
  if (facts.actorRole === "PATIENT") return "you";
  const recorded = facts.actorRole ? BY_RECORDED_ROLE[facts.actorRole] : undefined;
  if (recorded) return recorded;
  if (facts.actorUserId === null) return "system";
  if (facts.actorIsAdmin) return "platform administrator";
  if (facts.actorIsProvider) return "provider";
  return "another user";
}
