import { describe, expect, it } from "vitest";
import { choosePatientDestinations, fallbackDestinations } from "./choose-channels";
import type { ContactChannelRow } from "./notification-repository";

const at = new Date("2026-03-01T10:00:00Z");
function row(channel: ContactChannelRow["channel"], address: string, changes: Partial<ContactChannelRow>): ContactChannelRow {
  return { channel, address, badAt: null, badReason: null, optedInAt: null, optedOutAt: null, lastInboundAt: null, createdAt: at, updatedAt: at, ...changes };
}
const email = "pat@example.com";
const phone = "+447700900123";

describe("choosePatientDestinations", () => {
  it("sends a guest email only, unless they opted in to WhatsApp", () => {
    expect(choosePatientDestinations({ email, phone, preferences: null }, [])).toEqual([{ channel: "EMAIL", address: email }]);
    expect(choosePatientDestinations({ email, phone, preferences: null }, [row("WHATSAPP", phone, { optedInAt: at })])).toEqual([
      { channel: "EMAIL", address: email },
      { channel: "WHATSAPP", address: phone },
    ]);
  });

  it("follows a signed-in patient's preferences", () => {
    const preferences = { emailEnabled: false, whatsappEnabled: false, smsEnabled: true };
    expect(choosePatientDestinations({ email, phone, preferences }, [])).toEqual([{ channel: "SMS", address: phone }]);
  });

  it("never uses an address that bounced or opted out, and falls back to SMS when nothing is left", () => {
    const rows = [row("EMAIL", email, { badAt: at, badReason: "bounce" }), row("WHATSAPP", phone, { optedInAt: at, optedOutAt: at })];
    expect(choosePatientDestinations({ email, phone, preferences: null }, rows)).toEqual([{ channel: "SMS", address: phone }]);
    expect(choosePatientDestinations({ email, phone, preferences: null }, [...rows, row("SMS", phone, { optedOutAt: at })])).toEqual([]);
  });

  it("keeps email when a patient turned everything off, because a booking must reach them", () => {
    const preferences = { emailEnabled: false, whatsappEnabled: false, smsEnabled: false };
    expect(choosePatientDestinations({ email, phone, preferences }, [])).toEqual([{ channel: "EMAIL", address: email }]);
  });
});

describe("fallbackDestinations", () => {
  it("tries SMS after WhatsApp fails, then email", () => {
    expect(fallbackDestinations("WHATSAPP", "PATIENT", { email, phone, whatsappOptedIn: true }, [])).toEqual([
      { channel: "SMS", address: phone },
      { channel: "EMAIL", address: email },
    ]);
  });

  it("skips WhatsApp without an opt-in and skips bad addresses", () => {
    expect(fallbackDestinations("EMAIL", "PATIENT", { email, phone, whatsappOptedIn: false }, [row("SMS", phone, { badAt: at })])).toEqual([]);
  });

  it("lets a provider's email and WhatsApp stand in for each other", () => {
    expect(fallbackDestinations("EMAIL", "PROVIDER", { email, phone, whatsappOptedIn: true }, [])).toEqual([{ channel: "WHATSAPP", address: phone }]);
  });
});
