import { describe, expect, it } from "vitest";
import { CONSENT_VERSIONS } from "@/server/consent/consent-versions";
import { CONSENT_SUBJECTS, consentAnswerLabel, consentSourceLabel, versionDateLabel } from "./privacy-labels";

describe("privacy labels", () => {
  it("words every consent subject the database knows", () => {
    expect(Object.keys(CONSENT_SUBJECTS).sort()).toEqual(Object.keys(CONSENT_VERSIONS).sort());
  });

  it("answers documents with agreed/withdrawn and channels with allowed/turned off", () => {
    expect(consentAnswerLabel("TERMS", true)).toBe("Agreed");
    expect(consentAnswerLabel("PRIVACY_NOTICE", false)).toBe("Withdrawn");
    expect(consentAnswerLabel("WHATSAPP", true)).toBe("Allowed");
    expect(consentAnswerLabel("EMAIL", false)).toBe("Turned off");
  });

  it("names known sources and shows others as recorded", () => {
    expect(consentSourceLabel("booking")).toBe("Booking form");
    expect(consentSourceLabel("phone-booking")).toMatch(/phone/);
    expect(consentSourceLabel("kiosk")).toBe("kiosk");
  });

  it("shows a version date as a calendar date, whatever the runtime's zone", () => {
    expect(versionDateLabel("2026-12-03")).toBe("3 December 2026");
    expect(versionDateLabel("2027-01-01")).toBe("1 January 2027");
    expect(versionDateLabel("v2")).toBe("v2");
  });
});
