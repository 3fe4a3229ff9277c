import { describe, expect, it } from "vitest";
import { formatInvitationTime } from "./invitation-labels";

describe("formatInvitationTime", () => {
  it("names the day, the 24-hour time and UTC", () => {
    expect(formatInvitationTime(new Date("2027-03-08T10:00:00Z"))).toBe("8 Mar 2027, 10:00 UTC");
  });

  it("shows midnight as 00:00 of the new day", () => {
    expect(formatInvitationTime(new Date("2026-12-31T23:59:00Z"))).toBe("31 Dec 2026, 23:59 UTC");
    expect(formatInvitationTime(new Date("2027-01-01T00:00:00Z"))).toBe("1 Jan 2027, 00:00 UTC");
  });
});
