import { describe, expect, it } from "vitest";
import { formatDateTime, formatTime, localDateOf, zoneLabel, zoneOffsetName } from "./format";

describe("time formatting with an explicit zone", () => {
  const instant = new Date("2027-03-28T01:30:00Z"); // London has just moved to BST

  it("shows the same instant in each zone's wall clock", () => {
    expect(formatTime(instant, "Europe/London")).toBe("02:30");
    expect(formatTime(instant, "Asia/Kolkata")).toBe("07:00");
    expect(formatTime(instant, "Asia/Kathmandu")).toBe("07:15");
    expect(formatDateTime(instant, "America/New_York")).toBe("Sat, 27 Mar 2027, 21:30");
  });

  it("names the zone with its offset at that instant", () => {
    expect(zoneOffsetName(instant, "Europe/London")).toBe("GMT+1");
    expect(zoneOffsetName(new Date("2027-01-10T12:00:00Z"), "Europe/London")).toBe("GMT");
    expect(zoneLabel(instant, "Asia/Kolkata")).toBe("Asia/Kolkata (GMT+5:30)");
  });

  it("gives the local date across the date line", () => {
    expect(localDateOf(new Date("2027-01-31T20:00:00Z"), "Pacific/Auckland")).toBe("2027-02-01");
    expect(localDateOf(new Date("2027-01-31T20:00:00Z"), "America/Los_Angeles")).toBe("2027-01-31");
  });
});
