import { describe, expect, it } from "vitest";
import { MESSAGE_PURPOSES } from "../messages/types";
import { formatLogTime, purposeLabel } from "./notification-labels";

describe("purposeLabel", () => {
  it("words every message purpose, the platform's review decisions included", () => {
    for (const purpose of MESSAGE_PURPOSES.filter((p) => p !== "verification.code")) expect(purposeLabel(purpose), purpose).not.toBe(purpose);
    expect(purposeLabel("provider_review.suspended")).toBe("Profile suspended (to you)");
  });
});

describe("formatLogTime", () => {
  it("shows the time in the viewer's zone with the zone named, across a DST change", () => {
    expect(formatLogTime(new Date("2026-03-28T12:00:00Z"), "Europe/London")).toBe("28 Mar 2026, 12:00 GMT");
    expect(formatLogTime(new Date("2026-03-29T12:00:00Z"), "Europe/London")).toBe("29 Mar 2026, 13:00 BST");
  });

  it("keeps a half-hour zone's minutes", () => {
    expect(formatLogTime(new Date("2026-06-01T04:00:00Z"), "Asia/Kolkata")).toBe("1 Jun 2026, 09:30 GMT+5:30");
  });
});
