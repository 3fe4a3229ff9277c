import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors/app-error";

import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createTwilioEmulator, type TwilioEmulator } from "../../../../local-cloud/twilio";
import { createMessagingClient, type MessagingClient, type TwilioConfig } from "./client";

const ACCOUNT_SID = "AC" + "a".repeat(32);
const AUTH_TOKEN = "token";
const SERVICE_SID = "MG" + "b".repeat(32);
const TEMPLATE_SID = "HX" + "c".repeat(32);
const SMS_FROM = "+15550001000";
const WHATSAPP_FROM = "+15550002000";
const PATIENT = "+27820000001";

let twilio: RunningEmulator<TwilioEmulator>;
let messaging: MessagingClient;

function client(overrides: Partial<TwilioConfig> = {}) {
  return createMessagingClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiUrl: twilio.url,
    messagingServiceSid: SERVICE_SID,
    smsFrom: SMS_FROM,
    whatsappFrom: WHATSAPP_FROM,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  twilio = await serve(
    createTwilioEmulator({
      accounts: [{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }],
      messagingServices: [{ sid: SERVICE_SID, from: [SMS_FROM, `whatsapp:${WHATSAPP_FROM}`] }],
      senders: [SMS_FROM, `whatsapp:${WHATSAPP_FROM}`],
      contentTemplates: [{ sid: TEMPLATE_SID, body: "Reminder for {{1}}: {{2}}" }],
      callbackDelays: false,
      outsideWindow: "reject",
    }),
  );
  messaging = client();
});

afterEach(() => twilio.close());

describe("sendSms", () => {
  it("sends from the configured number and returns sid and status", async () => {
    const sent = await messaging.sendSms({ to: PATIENT, body: "See you tomorrow" });

    expect(sent).toEqual({ sid: expect.stringMatching(/^SM/), status: "queued" });
    expect(twilio.emulator.snapshot().messages[0]).toMatchObject({ from: SMS_FROM, to: PATIENT, body: "See you tomorrow" });
  });

  it("falls back to the Messaging Service and asks for status callbacks", async () => {
    const sent = await client({ smsFrom: undefined, statusCallbackUrl: "https://medbookings.local/api/webhooks/twilio/status" }).sendSms({
      to: PATIENT,
      body: "Hi",
    });

    expect(sent.status).toBe("accepted");
    expect(twilio.emulator.snapshot().messages[0]).toMatchObject({
      messagingServiceSid: SERVICE_SID,
      statusCallback: "https://medbookings.local/api/webhooks/twilio/status",
    });
  });

  it("maps an invalid number to VALIDATION and an opted-out patient to a non-retryable reason", async () => {
    const invalid = await failure(messaging.sendSms({ to: "0820000001", body: "Hi" }));
    expect(invalid.code).toBe("VALIDATION");
    expect(invalid.details).toMatchObject({ reason: "invalid-recipient", twilioCode: 21211, retryable: false });
    expect(JSON.stringify(invalid.details)).not.toContain("0820000001");

    await twilio.emulator.inbound({ from: PATIENT, to: SMS_FROM, body: "STOP" });
    const optedOut = await failure(messaging.sendSms({ to: PATIENT, body: "Hi" }));
    expect(optedOut.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(optedOut.details).toMatchObject({ reason: "recipient-opted-out", retryable: false });
  });

  it("maps bad credentials to non-retryable and an unreachable API to retryable", async () => {
    const badCredentials = await failure(client({ authToken: "wrong" }).sendSms({ to: PATIENT, body: "Hi" }));
    expect(badCredentials.details).toMatchObject({ reason: "misconfigured", retryable: false });

    const stopped = await serve(createTwilioEmulator({ accounts: [{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }] }));
    await stopped.close();
    const offline = await failure(client({ apiUrl: stopped.url }).sendSms({ to: PATIENT, body: "Hi" }));
    expect(offline.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(offline.isRetryable).toBe(true);
  });

  it("says what is missing when no sender is configured", async () => {
    const error = await failure(client({ smsFrom: undefined, messagingServiceSid: undefined }).sendSms({ to: PATIENT, body: "Hi" }));
    expect(error.message).toContain("TWILIO_SMS_FROM");
  });
});

describe("sendWhatsApp", () => {
  it("sends free-form inside the 24-hour window from the WhatsApp sender", async () => {
    await twilio.emulator.inbound({ from: `whatsapp:${PATIENT}`, to: `whatsapp:${WHATSAPP_FROM}`, body: "Hi" });

    const sent = await messaging.sendWhatsApp({ to: PATIENT, body: "How can we help?", mediaUrls: ["https://x.test/a.png"] });

    expect(sent.status).toBe("queued");
    expect(twilio.emulator.snapshot().messages[1]).toMatchObject({
      from: `whatsapp:${WHATSAPP_FROM}`,
      to: `whatsapp:${PATIENT}`,
      mediaUrls: ["https://x.test/a.png"],
    });
  });

  it("sends a template through the Messaging Service outside the window", async () => {
    const sent = await messaging.sendWhatsApp({ to: PATIENT, contentSid: TEMPLATE_SID, variables: { 1: "Monday", 2: "10:00" } });

    expect(sent.status).toBe("accepted");
    expect(twilio.emulator.snapshot().messages[0]).toMatchObject({
      messagingServiceSid: SERVICE_SID,
      body: "Reminder for Monday: 10:00",
    });
  });

  it("turns 63016 into a non-retryable error that asks for a template", async () => {
    const error = await failure(messaging.sendWhatsApp({ to: PATIENT, body: "Free-form" }));

    expect(error.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(error.details).toMatchObject({ twilioCode: 63016, reason: "whatsapp-template-required", retryable: false });
    expect(error.message).toContain("template");
  });
});
