import type http from "node:http";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readBody, serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createSendGridEmulator, type SendGridEmulator } from "../../../../local-cloud/sendgrid";
import { createEmailClient } from "./client";
import {
  createSendGridEventVerifier,
  parseSendGridEvents,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
} from "./verify-webhook";

let sendgrid: RunningEmulator<SendGridEmulator>;
let receiver: RunningEmulator;
const posts: { rawBody: Buffer; headers: http.IncomingHttpHeaders }[] = [];

beforeEach(async () => {
  posts.length = 0;
  receiver = await serve({
    name: "webhook-route",
    async handle(req, res) {
      posts.push({ rawBody: await readBody(req), headers: req.headers });
      res.writeHead(204).end();
    },
  });
  sendgrid = await serve(createSendGridEmulator({ autoFlushMs: false, eventWebhookUrl: `${receiver.url}/events` }));
  const email = createEmailClient({ apiKey: "SG.test", apiUrl: sendgrid.url, fromEmail: "bookings@medbookings.local" });
  await email.sendEmail({
    to: "patient@example.com",
    subject: "s",
    html: "h",
    text: "t",
    tracking: { reference: "job_7" },
  });
  await sendgrid.emulator.flushEvents();
});

afterEach(async () => {
  await sendgrid.close();
  await receiver.close();
});

function signed() {
  const post = posts[0];
  if (post === undefined) throw new Error("no event batch was posted");
  return {
    rawBody: post.rawBody,
    signature: post.headers[SENDGRID_SIGNATURE_HEADER] as string,
    timestamp: post.headers[SENDGRID_TIMESTAMP_HEADER] as string,
  };
}

describe("SendGrid event verification", () => {
  it("accepts a batch signed by the emulator's key and parses its events", () => {
    const verify = createSendGridEventVerifier(sendgrid.emulator.publicKeyBase64Der);
    const { rawBody, signature, timestamp } = signed();

    expect(verify(rawBody, signature, timestamp)).toBe(true);
    expect(parseSendGridEvents(rawBody)).toEqual([
      expect.objectContaining({ event: "processed", reference: "job_7" }),
      expect.objectContaining({ event: "delivered", reference: "job_7" }),
    ]);
  });

  it("rejects a tampered body, another timestamp, another key and missing or garbage headers", () => {
    const verify = createSendGridEventVerifier(sendgrid.emulator.publicKeyBase64Der);
    const other = createSendGridEventVerifier(createSendGridEmulator().publicKeyBase64Der);
    const { rawBody, signature, timestamp } = signed();
    const tampered = Buffer.from(rawBody.toString("utf8").replace("job_7", "job_8"));

    expect(verify(tampered, signature, timestamp)).toBe(false);
    expect(verify(rawBody, signature, String(Number(timestamp) + 1))).toBe(false);
    expect(other(rawBody, signature, timestamp)).toBe(false);
    expect(verify(rawBody, undefined, timestamp)).toBe(false);
    expect(verify(rawBody, "not-a-signature", timestamp)).toBe(false);
  });
});
