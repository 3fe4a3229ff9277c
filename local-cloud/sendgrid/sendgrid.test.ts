import crypto from "node:crypto";
import type http from "node:http";

import { Client } from "@sendgrid/client";
import { EventWebhook } from "@sendgrid/eventwebhook";
import { MailService, type ResponseError } from "@sendgrid/mail";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readBody, serve, type RunningEmulator } from "../lib/http";
import {
  createSendGridEmulator,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type SendGridEmulator,
  type SendGridEmulatorOptions,
  type SendGridWebhookEvent,
} from "./index";

interface ReceivedPost {
  rawBody: string;
  headers: http.IncomingHttpHeaders;
}

/** A stand-in for our webhook route: records every post and answers with the next queued status. */
async function startReceiver() {
  const posts: ReceivedPost[] = [];
  const statuses: number[] = [];
  const running = await serve({
    name: "receiver",
    async handle(req, res) {
      posts.push({ rawBody: (await readBody(req)).toString("utf8"), headers: req.headers });
      res.writeHead(statuses.shift() ?? 200).end();
    },
  });
  return { posts, statuses, url: `${running.url}/api/webhooks/sendgrid`, close: () => running.close() };
}

const API_KEY = "SG.local-test-key";
let clock = Date.parse("2026-03-02T09:00:00Z");
let sendgrid: RunningEmulator<SendGridEmulator>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

async function start(options: SendGridEmulatorOptions = {}) {
  sendgrid = await serve(
    createSendGridEmulator({
      eventWebhookUrl: receiver.url,
      autoFlushMs: false,
      retry: { maxAttempts: 3, initialDelayMs: 60_000 },
      now: () => clock,
      ...options,
    }),
  );
}

async function restart(options: SendGridEmulatorOptions) {
  await sendgrid.close();
  await start(options);
}

function mailer(apiKey = API_KEY) {
  const client = new Client();
  client.setApiKey(apiKey);
  client.setDefaultRequest("baseUrl", sendgrid.url);
  const mail = new MailService();
  mail.setClient(client);
  return { mail, client };
}

async function rejection(promise: Promise<unknown>): Promise<ResponseError> {
  try {
    await promise;
  } catch (error) {
    return error as ResponseError;
  }
  throw new Error("expected the request to fail");
}

function postRaw(body: unknown) {
  return mailer().client.request({ method: "POST", url: "/v3/mail/send", body: body as object });
}

const validBody = {
  personalizations: [{ to: [{ email: "patient@example.com" }] }],
  from: { email: "bookings@medbookings.local" },
  subject: "Your booking",
  content: [{ type: "text/plain", value: "See you soon" }],
};

beforeEach(async () => {
  clock = Date.parse("2026-03-02T09:00:00Z");
  receiver = await startReceiver();
  await start();
});

afterEach(async () => {
  await sendgrid.close();
  await receiver.close();
});

describe("POST /v3/mail/send with @sendgrid/mail", () => {
  it("accepts a message with 202, an X-Message-Id and rate-limit headers", async () => {
    const [response] = await mailer().mail.send({
      to: "patient@example.com",
      from: { email: "bookings@medbookings.local", name: "MedBookings" },
      subject: "Your booking",
      text: "See you on Monday",
      html: "<p>See you on <b>Monday</b></p>",
      categories: ["booking-confirmation"],
      customArgs: { ref: "job_123" },
    });

    expect(response.statusCode).toBe(202);
    const messageId = response.headers["x-message-id"] as string;
    expect(messageId).toMatch(/^[\w-]{22}$/);
    expect(response.headers["x-ratelimit-limit"]).toBe("10000");
    expect(response.headers["x-ratelimit-remaining"]).toBe("9999");

    const [message] = sendgrid.emulator.snapshot().messages;
    expect(message).toMatchObject({
      messageId,
      acceptedAt: "2026-03-02T09:00:00.000Z",
      from: { email: "bookings@medbookings.local", name: "MedBookings" },
      categories: ["booking-confirmation"],
      customArgs: { ref: "job_123" },
      personalizations: [
        { subject: "Your booking", text: "See you on Monday", html: "<p>See you on <b>Monday</b></p>" },
      ],
      recipients: [{ email: "patient@example.com", events: ["processed", "delivered"] }],
    });
  });

  it("renders a registered dynamic template with the personalization's data", async () => {
    sendgrid.emulator.registerTemplate("d-confirm", {
      subject: "Booking with {{provider.name}}",
      html: "<p>Hello {{firstName}}, see you at {{time}}</p>",
    });

    await mailer().mail.send({
      to: "patient@example.com",
      from: "bookings@medbookings.local",
      templateId: "d-confirm",
      dynamicTemplateData: { firstName: "Ana <3", provider: { name: "Dr Lee" }, time: "10:00" },
    });

    expect(sendgrid.emulator.snapshot().messages[0]?.personalizations[0]).toMatchObject({
      subject: "Booking with Dr Lee",
      html: "<p>Hello Ana &lt;3, see you at 10:00</p>",
      text: "Hello Ana <3, see you at 10:00",
      dynamicTemplateData: { firstName: "Ana <3" },
    });
  });

  it("answers 401 with SendGrid's error shape without a valid key", async () => {
    await restart({ apiKeys: ["SG.the-only-key"] });
    const error = await rejection(mailer("SG.another-key").mail.send({ ...validMailData() }));

    expect(error.code).toBe(401);
    expect(error.response.body).toEqual({
      errors: [{ message: "The provided authorization grant is invalid, expired, or revoked", field: null, help: null }],
    });

    const response = await fetch(`${sendgrid.url}/v3/mail/send`, { method: "POST", body: "{}" });
    expect(response.status).toBe(401);
  });

  it.each([
    ["missing personalizations", { ...validBody, personalizations: undefined }, "personalizations"],
    ["a personalization without to", { ...validBody, personalizations: [{}] }, "personalizations.0.to"],
    ["an invalid recipient", { ...validBody, personalizations: [{ to: [{ email: "nope" }] }] }, "personalizations.0.to.0.email"],
    ["missing from", { ...validBody, from: undefined }, "from.email"],
    ["an invalid from", { ...validBody, from: { email: "bookings at example" } }, "from.email"],
    ["missing subject", { ...validBody, subject: undefined }, "subject"],
    ["missing content", { ...validBody, content: undefined }, "content"],
    ["an empty content value", { ...validBody, content: [{ type: "text/plain", value: "" }] }, "content.0.value"],
  ])("rejects %s with 400 and a field error", async (_case, body, field) => {
    const error = await rejection(postRaw(body));

    expect(error.code).toBe(400);
    const errors = (error.response.body as unknown as { errors: { field: string; message: string; help: unknown }[] }).errors;
    expect(errors).toContainEqual(expect.objectContaining({ field, message: expect.any(String) }));
    expect(errors.every((entry) => "help" in entry)).toBe(true);
    expect(sendgrid.emulator.snapshot().messages).toHaveLength(0);
  });

  it("rejects more than 1000 recipients and more than 1000 personalizations", async () => {
    const many = Array.from({ length: 1001 }, (_, index) => ({ email: `p${index}@example.com` }));
    const recipients = await rejection(postRaw({ ...validBody, personalizations: [{ to: many }] }));
    const personalizations = await rejection(
      postRaw({ ...validBody, personalizations: many.map((address) => ({ to: [address] })) }),
    );

    expect(recipients.code).toBe(400);
    expect(JSON.stringify(recipients.response.body)).toContain("recipients");
    expect(personalizations.code).toBe(400);
    expect(JSON.stringify(personalizations.response.body)).toContain("more than 1000 personalizations");
  });

  it("needs neither subject nor content with a template id", async () => {
    const [response] = await postRaw({
      personalizations: [{ to: [{ email: "patient@example.com" }], dynamic_template_data: { a: 1 } }],
      from: { email: "bookings@medbookings.local" },
      template_id: "d-unregistered",
    });
    expect(response.statusCode).toBe(202);
  });

  it("answers 429 past the limit until the window resets", async () => {
    await restart({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const { mail } = mailer();
    await mail.send(validMailData());
    await mail.send(validMailData());

    const error = await rejection(mail.send(validMailData()));
    expect(error.code).toBe(429);
    expect(error.response.headers["x-ratelimit-remaining"]).toBe("0");
    expect(Number(error.response.headers["x-ratelimit-reset"])).toBe(Math.ceil((clock + 60_000) / 1000));

    clock += 60_000;
    const [response] = await mail.send(validMailData());
    expect(response.statusCode).toBe(202);
  });
});

describe("signed Event Webhook", () => {
  async function sendAndFlush() {
    const [response] = await mailer().mail.send({
      ...validMailData(),
      categories: ["booking-confirmation"],
      customArgs: { ref: "job_123" },
    });
    await sendgrid.emulator.flushEvents();
    return response.headers["x-message-id"] as string;
  }

  function eventsOf(post: ReceivedPost | undefined): SendGridWebhookEvent[] {
    return JSON.parse(post?.rawBody ?? "[]") as SendGridWebhookEvent[];
  }

  it("posts processed then delivered as one signed JSON batch", async () => {
    const messageId = await sendAndFlush();

    expect(receiver.posts).toHaveLength(1);
    const events = eventsOf(receiver.posts[0]);
    expect(events.map((event) => event.event)).toEqual(["processed", "delivered"]);
    for (const event of events) {
      expect(event).toMatchObject({
        email: "patient@example.com",
        timestamp: clock / 1000,
        category: ["booking-confirmation"],
        ref: "job_123",
      });
      expect(event.sg_message_id.startsWith(`${messageId}.filter`)).toBe(true);
    }
    expect(new Set(events.map((event) => event.sg_event_id)).size).toBe(2);
  });

  it("signs batches so @sendgrid/eventwebhook and Node crypto verify them, and not a tampered body", async () => {
    await sendAndFlush();
    const post = receiver.posts[0] as ReceivedPost;
    const signature = post.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    const timestamp = post.headers[TIMESTAMP_HEADER.toLowerCase()] as string;
    expect(timestamp).toBe(String(clock / 1000));

    const verifier = new EventWebhook();
    const key = verifier.convertPublicKeyToECDSA(sendgrid.emulator.publicKeyBase64Der);
    expect(verifier.verifySignature(key, post.rawBody, signature, timestamp)).toBe(true);
    const tampered = post.rawBody.replace("delivered", "bounce");
    expect(verifier.verifySignature(key, tampered, signature, timestamp)).toBe(false);

    const nodeVerify = (body: string) =>
      crypto.verify(
        "sha256",
        Buffer.from(timestamp + body),
        { key: Buffer.from(sendgrid.emulator.publicKeyBase64Der, "base64"), format: "der", type: "spki" },
        Buffer.from(signature, "base64"),
      );
    expect(nodeVerify(post.rawBody)).toBe(true);
    expect(nodeVerify(tampered)).toBe(false);
  });

  it("emits bounce, open, click, dropped, deferred and spamreport on demand", async () => {
    const messageId = await sendAndFlush();
    const { emulator } = sendgrid;
    emulator.bounce(messageId);
    emulator.open(messageId);
    emulator.click(messageId, { url: "https://medbookings.local/manage" });
    emulator.drop(messageId);
    emulator.defer(messageId);
    emulator.spamReport(messageId);
    await emulator.flushEvents();

    const events = eventsOf(receiver.posts[1]);
    expect(events.map((event) => event.event)).toEqual(["bounce", "open", "click", "dropped", "deferred", "spamreport"]);
    expect(events[0]).toMatchObject({ type: "bounce", status: "5.1.1", reason: expect.any(String) });
    expect(events[2]).toMatchObject({ url: "https://medbookings.local/manage" });
    expect(emulator.snapshot().messages[0]?.recipients[0]?.events).toHaveLength(8);
  });

  it("retries a batch after a non-2xx reply and gives up after the bounded attempts", async () => {
    receiver.statuses.push(500, 503, 500);
    await sendAndFlush();
    const [retrying] = sendgrid.emulator.snapshot().batches;
    expect(retrying).toMatchObject({ status: "retrying", attempts: 1, lastStatusCode: 500 });

    await sendgrid.emulator.flushEvents();
    await sendgrid.emulator.flushEvents();
    expect(sendgrid.emulator.snapshot().batches[0]).toMatchObject({ status: "failed", attempts: 3 });
    expect(new Set(receiver.posts.map((post) => post.rawBody)).size).toBe(1);
  });

  it("delivers on a retry once the receiver recovers", async () => {
    receiver.statuses.push(500);
    await sendAndFlush();
    await sendgrid.emulator.flushEvents();

    expect(receiver.posts).toHaveLength(2);
    expect(sendgrid.emulator.snapshot().batches[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("redelivers the last batch with the same sg_event_ids", async () => {
    await sendAndFlush();
    await sendgrid.emulator.redeliverLastBatch();

    expect(receiver.posts).toHaveLength(2);
    const ids = receiver.posts.map((post) => eventsOf(post).map((event) => event.sg_event_id));
    expect(ids[1]).toEqual(ids[0]);
  });

  it("posts automatically after the configured delay", async () => {
    await restart({ autoFlushMs: 1 });
    await mailer().mail.send(validMailData());
    await expect.poll(() => receiver.posts.length, { interval: 5 }).toBe(1);
  });
});

describe("HTTP controls", () => {
  async function control(action: string, body: unknown = {}) {
    const response = await fetch(`${sendgrid.url}/__control/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it("registers templates, emits events, flushes and serves the snapshot", async () => {
    expect((await control("templates", { id: "d-x", subject: "Hi {{name}}", html: "<p>{{name}}</p>" })).status).toBe(200);
    const [response] = await postRaw({
      personalizations: [{ to: [{ email: "patient@example.com" }], dynamic_template_data: { name: "Ana" } }],
      from: { email: "bookings@medbookings.local" },
      template_id: "d-x",
    });
    const messageId = response.headers["x-message-id"] as string;

    expect((await control("bounce", { messageId })).status).toBe(200);
    expect((await control("flush")).status).toBe(200);
    expect((await control("bounce", { messageId: "unknown" })).status).toBe(400);
    expect((await control("nope")).status).toBe(404);

    const snapshot = (await (await fetch(`${sendgrid.url}/__control/snapshot`)).json()) as {
      messages: { personalizations: { subject: string }[]; recipients: { events: string[] }[] }[];
    };
    expect(snapshot.messages[0]?.personalizations[0]?.subject).toBe("Hi Ana");
    expect(snapshot.messages[0]?.recipients[0]?.events).toEqual(["processed", "delivered", "bounce"]);
    expect(eventsOfAll().map((event) => event.event)).toEqual(["processed", "delivered", "bounce"]);
  });

  function eventsOfAll(): SendGridWebhookEvent[] {
    return receiver.posts.flatMap((post) => JSON.parse(post.rawBody) as SendGridWebhookEvent[]);
  }
});

function validMailData() {
  return {
    to: "patient@example.com",
    from: "bookings@medbookings.local",
    subject: "Your booking",
    text: "See you soon",
  };
}
