import { describe, expect, it } from "vitest";
import { assertMessageContext, oneLine, reminderLeadWords } from "./message-context";
import { buildContext } from "./test-fixtures";
import type { MessageContext } from "./types";

describe("reminderLeadWords", () => {
  it.each([
    [1440, "in 24 hours"],
    [120, "in 2 hours"],
    [60, "in 1 hour"],
    [2880, "in 48 hours"],
    [4320, "in 3 days"],
    [30, "in 30 minutes"],
    [90, "in 90 minutes"],
    [1, "in 1 minute"],
  ])("%i minutes reads %s", (minutes, words) => {
    expect(reminderLeadWords(buildContext({ purpose: "booking.reminder", reminderOffsetMinutes: minutes }))).toBe(words);
  });

  it("refuses a missing, zero or fractional offset", () => {
    for (const reminderOffsetMinutes of [undefined, 0, -60, 1.5]) {
      expect(() => reminderLeadWords({ ...buildContext({ purpose: "booking.reminder" }), reminderOffsetMinutes })).toThrow(
        "Message booking.reminder: ctx.reminderOffsetMinutes must be a whole number of minutes above 0.",
      );
    }
  });
});

describe("assertMessageContext", () => {
  it("accepts the fixtures for every recipient", () => {
    expect(() => assertMessageContext(buildContext({ purpose: "booking.confirmed" }))).not.toThrow();
    expect(() => assertMessageContext(buildContext({ purpose: "provider.booking_confirmed" }))).not.toThrow();
  });

  it("names the field that is wrong", () => {
    expect(() => assertMessageContext(buildContext({ purpose: "nope" as MessageContext["purpose"] }))).toThrow(/ctx.purpose is not one of the message purposes/);
    expect(() => assertMessageContext(buildContext({ purpose: "booking.confirmed", recipient: "PROVIDER" }))).toThrow(
      "Message booking.confirmed: ctx.recipient must be PATIENT for this purpose.",
    );
    expect(() => assertMessageContext(buildContext({ purpose: "provider.booking_requested", recipient: "PATIENT" }))).toThrow(/ctx.recipient must be PROVIDER/);
    expect(() => assertMessageContext(buildContext({ timeZone: "Mars/Olympus" }))).toThrow(/ctx.timeZone must be an IANA time zone/);
    expect(() => assertMessageContext(buildContext({ timeZone: "EST" }))).toThrow(/ctx.timeZone/);
    expect(() => assertMessageContext(buildContext({ appUrl: "medbookings.example" }))).toThrow(/ctx.appUrl must be an absolute URL/);
    expect(() => assertMessageContext(buildContext({ now: new Date("nope") }))).toThrow(/ctx.now must be a valid Date/);
  });
});

describe("oneLine", () => {
  it("folds every run of whitespace, newlines included, into one space", () => {
    expect(oneLine("  Dr.\r\nAmelia\t\tHart  ")).toBe("Dr. Amelia Hart");
  });
});
