import { describe, expect, it } from "vitest";
import { countryForTimeZone, isPhoneCountry, normalizePhone, phoneFormatHint } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["+44 7700 900123", "US", "+447700900123"],
    ["07700 900123", "GB", "+447700900123"],
    ["0044 7700 900123", "GB", "+447700900123"],
    ["+1 (212) 555-0100", "GB", "+12125550100"],
    ["(212) 555-0100", "US", "+12125550100"],
    ["+447700900123", null, "+447700900123"],
    ["  +91 98765 43210 ", "GB", "+919876543210"],
    ["0412 345 678", "AU", "+61412345678"],
  ] as const)("reads %j in %s as %s", (input, country, e164) => {
    expect(normalizePhone(input, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["07700 900123", null],
    ["12345", "GB"],
    ["+1 212 555 01001", "US"],
    ["not a number", "GB"],
    ["", "GB"],
    ["+44 7700 900123 ext. 5\u0000", "GB"],
  ] as const)("refuses %j in %s", (input, country) => {
    expect(normalizePhone(input, country)).toEqual({ ok: false });
  });

  it("ignores a default region the metadata does not know instead of throwing", () => {
    expect(normalizePhone("+447700900123", "AQ" as never)).toEqual({ ok: true, e164: "+447700900123" });
  });
});

describe("countryForTimeZone", () => {
  it.each([
    ["Europe/London", "GB"],
    ["America/New_York", "US"],
    ["Asia/Kolkata", "IN"],
    ["Asia/Calcutta", "IN"],
    ["Australia/Adelaide", "AU"],
    ["Europe/Kiev", "UA"],
    ["Europe/Berlin", "DE"],
    ["Europe/Oslo", "NO"],
    ["Europe/Amsterdam", "NL"],
    ["UTC", null],
    ["Antarctica/Troll", null],
    ["Not/A_Zone", null],
  ])("%s is %s", (zone, country) => {
    expect(countryForTimeZone(zone)).toBe(country);
  });
});

describe("phone hints", () => {
  it("shows the national and international form for a country, an international one without", () => {
    expect(phoneFormatHint("GB")).toMatch(/^07\d{3} \d{6} or \+44 7\d{3} \d{6}$/);
    expect(phoneFormatHint(null)).toBe("+44 7700 900123");
  });

  it("knows which region codes are usable", () => {
    expect(isPhoneCountry("GB")).toBe(true);
    expect(isPhoneCountry("gb")).toBe(false);
    expect(isPhoneCountry("ZZ")).toBe(false);
  });
});
