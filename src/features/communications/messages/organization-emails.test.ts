import { describe, expect, it } from "vitest";
import { renderEmail } from "./render-email";
import { buildContext, INVITATION_URL, NETWORK_URL } from "./test-fixtures";

describe("organization.invitation email", () => {
  it("says who invited whom to which organization as which role, links the invitation and gives the expiry in UTC, named", async () => {
    const email = await renderEmail(buildContext({ purpose: "organization.invitation" }));
    expect(email.subject).toBe("Join Harbour Health on MedBookings");
    expect(email.text).toContain("Priya Shah invited you to join Harbour Health on MedBookings as an admin.");
    expect(email.text).toContain("The link works until 08:15 on Sunday 8 March 2026 (UTC)");
    expect(email.text).toContain(INVITATION_URL);
    expect(email.html).toContain(`href="${INVITATION_URL}"`);
    expect(email.attachments).toEqual([]);
  });

  it("words each role and copes with an unknown inviter", async () => {
    const base = buildContext({ purpose: "organization.invitation" });
    const staff = await renderEmail({ ...base, memberInvitation: { ...base.memberInvitation!, role: "STAFF", invitedByName: null } });
    expect(staff.text).toContain("You have been invited to join Harbour Health on MedBookings as a member of staff.");
    const owner = await renderEmail({ ...base, memberInvitation: { ...base.memberInvitation!, role: "OWNER" } });
    expect(owner.text).toContain("as an owner.");
  });

  it("keeps a long or multi-line organization name to one short subject line", async () => {
    const base = buildContext({ purpose: "organization.invitation" });
    const email = await renderEmail({ ...base, memberInvitation: { ...base.memberInvitation!, organizationName: `Harbour\r\nBcc: x@y.z ${"Health ".repeat(20)}` } });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.length).toBeLessThanOrEqual(60);
    expect(email.subject).toMatch(/^Join Harbour Bcc: x@y.z Health/);
  });

  it("is only for an invitee, and refuses a link that is not http(s)", async () => {
    await expect(renderEmail(buildContext({ purpose: "organization.invitation", recipient: "PATIENT" }))).rejects.toThrow(/recipient must be INVITEE/);
    const base = buildContext({ purpose: "organization.invitation" });
    await expect(renderEmail({ ...base, memberInvitation: { ...base.memberInvitation!, acceptUrl: "javascript:alert(1)" } })).rejects.toThrow(/acceptUrl/);
    await expect(renderEmail({ ...base, memberInvitation: undefined })).rejects.toThrow(/ctx.memberInvitation is required/);
  });
});

describe("organization.provider_invitation email", () => {
  it("names the organization and the inviter and links the provider's organizations page", async () => {
    const email = await renderEmail(buildContext({ purpose: "organization.provider_invitation" }));
    expect(email.subject).toBe("Harbour Health invited you to its network");
    expect(email.text).toContain("Priya Shah invited you to join the provider network of Harbour Health on MedBookings.");
    expect(email.html).toContain(`href="${NETWORK_URL}"`);
    await expect(renderEmail(buildContext({ purpose: "organization.provider_invitation", recipient: "INVITEE" }))).rejects.toThrow(/recipient must be PROVIDER/);
  });
});
