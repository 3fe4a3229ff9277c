import { describe, expect, it } from "vitest";
import { invitationStatus, maskEmail, mayInviteAs } from "./invitation-rules";
import { inviteMemberInput, invitationTokenInput } from "./invitation-schemas";

describe("maskEmail", () => {
  it("keeps the first letter and the domain", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j***@example.com");
    expect(maskEmail("j@example.com")).toBe("***@example.com");
    // The last @ separates the domain (a quoted local part may hold another).
    expect(maskEmail('"a@b"@example.com')).toBe('"***@example.com');
    expect(maskEmail("no-at-sign")).toBe("***");
  });
});

describe("invitationStatus", () => {
  const now = new Date("2027-03-01T10:00:00Z");
  const open = { acceptedAt: null, revokedAt: null, expiresAt: new Date("2027-03-08T10:00:00Z") };
  it("is open until the expiry instant, expired from it", () => {
    expect(invitationStatus(open, now)).toBe("OPEN");
    expect(invitationStatus(open, new Date("2027-03-08T09:59:59.999Z"))).toBe("OPEN");
    expect(invitationStatus(open, new Date("2027-03-08T10:00:00Z"))).toBe("EXPIRED");
  });
  it("accepted and revoked are final, whatever the expiry", () => {
    expect(invitationStatus({ ...open, acceptedAt: now }, new Date("2030-01-01T00:00:00Z"))).toBe("ACCEPTED");
    expect(invitationStatus({ ...open, revokedAt: now }, now)).toBe("REVOKED");
  });
});

describe("mayInviteAs", () => {
  it("lets only an owner invite an owner", () => {
    expect(mayInviteAs("OWNER", "OWNER")).toBe(true);
    expect(mayInviteAs("ADMIN", "OWNER")).toBe(false);
    expect(mayInviteAs("ADMIN", "ADMIN")).toBe(true);
    expect(mayInviteAs("ADMIN", "STAFF")).toBe(true);
  });
});

describe("inviteMemberInput", () => {
  it("trims and lower-cases the address", () => {
    expect(inviteMemberInput.parse({ email: "  Jane.Doe@Example.COM ", role: "STAFF" })).toEqual({ email: "jane.doe@example.com", role: "STAFF" });
  });
  it("names email for an address that is not one", () => {
    for (const email of ["", "   ", "jane", "jane@", "@example.com", 42]) {
      const result = inviteMemberInput.safeParse({ email, role: "STAFF" });
      expect(result.success, String(email)).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["email"]);
    }
  });
});

describe("invitationTokenInput", () => {
  it("takes only a 43-character URL-safe token", () => {
    expect(invitationTokenInput.safeParse({ token: "a".repeat(43) }).success).toBe(true);
    for (const token of ["a".repeat(42), "a".repeat(44), `${"a".repeat(42)}/`, `${"a".repeat(42)}=`]) {
      expect(invitationTokenInput.safeParse({ token }).success, token).toBe(false);
    }
  });
});
