import { describe, expect, it } from "vitest";
import { describeAuditActor, type AuditActorFacts } from "./audit-actor";

const ME = "11111111-1111-4111-8111-111111111111";
const SOMEONE = "22222222-2222-4222-8222-222222222222";
const facts = (overrides: Partial<AuditActorFacts>): AuditActorFacts => ({ actorUserId: SOMEONE, actorRole: null, actorIsAdmin: false, actorIsProvider: false, ...overrides });

describe("describeAuditActor", () => {
  it("names the person's own acts, signed in or as the guest patient of their booking", () => {
    expect(describeAuditActor(facts({ actorUserId: ME }), ME)).toBe("you");
    expect(describeAuditActor(facts({ actorUserId: null, actorRole: "PATIENT" }), ME)).toBe("you");
  });

  it("prefers the role the booking transition recorded", () => {
    expect(describeAuditActor(facts({ actorRole: "PROVIDER" }), ME)).toBe("provider");
    expect(describeAuditActor(facts({ actorRole: "STAFF", actorIsProvider: true }), ME)).toBe("organization staff");
    expect(describeAuditActor(facts({ actorUserId: null, actorRole: "SYSTEM" }), ME)).toBe("system");
  });

  it("falls back to the actor's platform role, then to the system for no actor", () => {
    expect(describeAuditActor(facts({ actorIsAdmin: true, actorIsProvider: true }), ME)).toBe("platform administrator");
    expect(describeAuditActor(facts({ actorIsProvider: true }), ME)).toBe("provider");
    expect(describeAuditActor(facts({ actorUserId: null }), ME)).toBe("system");
    expect(describeAuditActor(facts({}), ME)).toBe("another user");
  });

  it("ignores a recorded role it does not know", () => {
    expect(describeAuditActor(facts({ actorRole: "ROBOT", actorIsAdmin: true }), ME)).toBe("platform administrator");
  });
});
