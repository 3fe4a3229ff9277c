import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readBody, serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createTwilioEmulator, type TwilioEmulator } from "../../../../local-cloud/twilio";
import { createMessagingClient } from "./client";
import { describeTwilioError } from "./errors";
import {
  createTwilioRequestVerifier,
  isStatusAdvance,
  parseInboundMessage,
  parseStatusCallback,
  TWILIO_SIGNATURE_HEADER,
  type TwilioParams,
} from "./verify-webhook";

const ACCOUNT_SID = "AC" + "a".repeat(32);
const AUTH_TOKEN = "token";
const WHATSAPP_FROM = "whatsapp:+15550002000";
const PATIENT = "whatsapp:+27820000001";

interface Post {
  url: string;
  params: TwilioParams;
  signature: string;
}

const posts: Post[] = [];
let receiver: RunningEmulator;
let twilio: RunningEmulator<TwilioEmulator>;

beforeEach(async () => {
  posts.length = 0;
  receiver = await serve({
    name: "webhook-route",
    async handle(req, res, url) {
      const params = Object.fromEntries(new URLSearchParams((await readBody(req)).toString("utf8")));
      posts.push({ url: url.href, params, signature: String(req.headers[TWILIO_SIGNATURE_HEADER]) });
      res.writeHead(204).end();
    },
  });
  twilio = await serve(
    createTwilioEmulator({
      accounts: [{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }],
      inboundWebhookUrl: `${receiver.url}/api/webhooks/twilio/inbound`,
      callbackDelays: false,
    }),
  );
});

afterEach(async () => {
  await twilio.close();
  await receiver.close();
});

describe("Twilio webhook verification and parsing", () => {
  it("verifies and parses an inbound quick reply, and rejects a forged one", async () => {
    await twilio.emulator.inbound({ from: PATIENT, to: WHATSAPP_FROM, buttonPayload: "cancel:bk_1", buttonText: "Cancel" });
    const verify = createTwilioRequestVerifier(AUTH_TOKEN);
    const post = posts[0] as Post;

    expect(verify(post.url, post.params, post.signature)).toBe(true);
    expect(verify(post.url, { ...post.params, ButtonPayload: "confirm:bk_1" }, post.signature)).toBe(false);
    expect(verify(post.url, post.params, undefined)).toBe(false);
    expect(createTwilioRequestVerifier("other")(post.url, post.params, post.signature)).toBe(false);
    expect(parseInboundMessage(post.params)).toEqual({
      messageSid: expect.stringMatching(/^SM/),
      channel: "whatsapp",
      from: "+27820000001",
      to: "+15550002000",
      body: "Cancel",
      buttonPayload: "cancel:bk_1",
      optOut: null,
    });
  });

  it("verifies status callbacks, parses failures and orders statuses", async () => {
    const messaging = createMessagingClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      apiUrl: twilio.url,
      whatsappFrom: WHATSAPP_FROM,
      statusCallbackUrl: `${receiver.url}/api/webhooks/twilio/status`,
    });
    const { sid } = await messaging.sendWhatsApp({ to: PATIENT, body: "Outside the window" });
    await twilio.emulator.flushCallbacks();
    const post = posts[0] as Post;

    expect(createTwilioRequestVerifier(AUTH_TOKEN)(post.url, post.params, post.signature)).toBe(true);
    const event = parseStatusCallback(post.params);
    expect(event).toEqual({ messageSid: sid, status: "failed", channel: "whatsapp", errorCode: 63016 });
    expect(describeTwilioError(event.errorCode)).toEqual({ reason: "whatsapp-template-required", retryable: false });

    expect(isStatusAdvance("sent", "delivered")).toBe(true);
    expect(isStatusAdvance("delivered", "sent")).toBe(false);
    expect(isStatusAdvance("failed", "delivered")).toBe(false);
    expect(isStatusAdvance("delivered", "undelivered")).toBe(true);
  });
});
