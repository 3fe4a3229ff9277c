import type http from "node:http";

import { Client } from "@sendgrid/client";
import { EventWebhook } from "@sendgrid/eventwebhook";
import { MailService, type MailDataRequired, type ResponseError } from "@sendgrid/mail";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readBody, serve, type RunningEmulator } from "../lib/http";
import {
  createSendGridEmulator,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  UNVERIFIED_SENDER_MESSAGE,
  type SendGridActivityMessage,
  type SendGridEmulator,
  type SendGridEmulatorOptions,
  type SendGridWebhookEvent,
} from "./index";

const FROM = "bookings@medbookings.local";
let clock = Date.parse("2026-03-02T09:00:00Z");
let sendgrid: RunningEmulator<SendGridEmulator>;
let posts: { rawBody: string; headers: http.IncomingHttpHeaders }[];
let receiver: RunningEmulator;

async function start(options: SendGridEmulatorOptions = {}) {
  sendgrid = await serve(
    createSendGridEmulator({
      eventWebhookUrl: `${receiver.url}/api/webhooks/sendgrid`,
      autoFlushMs: false,
      now: () => clock,
      ...options,
    }),
  );
}

async function restart(options: SendGridEmulatorOptions) {
  await sendgrid.close();
  await start(options);
}

function sdk() {
  const client = new Client();
  client.setApiKey("SG.rules-test");
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

function errorsOf(error: ResponseError) {
  return (error.response.body as unknown as { errors: { message: string; field: string | null; help: string | null }[] }).errors;
}

function mailData(overrides: Partial<MailDataRequired> = {}): MailDataRequired {
  return { to: "patient@example.com", from: FROM, subject: "Your booking", text: "See you soon", ...overrides } as MailDataRequired;
}

function postRaw(body: Record<string, unknown>) {
  return sdk().client.request({ method: "POST", url: "/v3/mail/send", body });
}

const rawBody = {
  personalizations: [{ to: [{ email: "patient@example.com" }] }],
  from: { email: FROM },
  subject: "Your booking",
  content: [{ type: "text/plain", value: "See you soon" }],
};

async function activity(query: string, limit?: number) {
  const [response, body] = await sdk().client.request({
    method: "GET",
    url: "/v3/messages",
    qs: { query, ...(limit !== undefined ? { limit } : {}) },
  });
  expect(response.statusCode).toBe(200);
  return (body as { messages: SendGridActivityMessage[] }).messages;
}

function receivedEvents(): SendGridWebhookEvent[] {
  return posts.flatMap((post) => JSON.parse(post.rawBody) as SendGridWebhookEvent[]);
}

beforeEach(async () => {
  clock = Date.parse("2026-03-02T09:00:00Z");
  posts = [];
  receiver = await serve({
    name: "receiver",
    async handle(req, res) {
      posts.push({ rawBody: (await readBody(req)).toString("utf8"), headers: req.headers });
      res.writeHead(200).end();
    },
  });
  await start();
});

afterEach(async () => {
  await sendgrid.close();
  await receiver.close();
});

describe("verified Sender Identities", () => {
  it("refuses a from that is not a verified sender with 403 and SendGrid's error body", async () => {
    const error = await rejection(sdk().mail.send(mailData({ from: "someone@medbookings.local" })));

    expect(error.code).toBe(403);
    expect(error.response.body).toEqual({ errors: [{ message: UNVERIFIED_SENDER_MESSAGE, field: "from", help: null }] });
    expect(UNVERIFIED_SENDER_MESSAGE).toMatch(/^The from address does not match a verified Sender Identity\. Mail cannot be sent/);
    expect(sendgrid.emulator.snapshot().messages).toHaveLength(0);
  });

  it("accepts the app's default sender, matched case-insensitively", async () => {
    const [response] = await sdk().mail.send(mailData({ from: { email: "Bookings@MedBookings.local", name: "MedBookings" } }));
    expect(response.statusCode).toBe(202);
  });

  it("accepts any address at an authenticated domain, and only there", async () => {
    await restart({ senderIdentities: { senders: [], domains: ["clinic.example"] } });
    const { mail } = sdk();

    expect((await mail.send(mailData({ from: "reminders@clinic.example" })))[0].statusCode).toBe(202);
    expect((await mail.send(mailData({ from: "anyone@CLINIC.example" })))[0].statusCode).toBe(202);
    expect((await rejection(mail.send(mailData({ from: "x@sub.clinic.example" })))).code).toBe(403);
    expect((await rejection(mail.send(mailData({ from: FROM })))).code).toBe(403);
  });

  it("checks a personalization's own from too", async () => {
    const error = await rejection(
      postRaw({ ...rawBody, personalizations: [{ to: [{ email: "patient@example.com" }], from: { email: "spoof@example.com" } }] }),
    );
    expect(error.code).toBe(403);
    expect(errorsOf(error)[0]?.field).toBe("from");
  });

  it("verifies more senders and domains at run time, also over the control endpoint", async () => {
    sendgrid.emulator.verifySender("dr.ada@example.com");
    const response = await fetch(`${sendgrid.url}/__control/verified-senders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ domain: "medbookings.example" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ senders: ["bookings@medbookings.local", "dr.ada@example.com"], domains: ["medbookings.example"] });

    const { mail } = sdk();
    expect((await mail.send(mailData({ from: "dr.ada@example.com" })))[0].statusCode).toBe(202);
    expect((await mail.send(mailData({ from: "noreply@medbookings.example" })))[0].statusCode).toBe(202);
  });

  it("reports body errors (400) before the sender check (403)", async () => {
    const error = await rejection(postRaw({ ...rawBody, from: { email: "stranger@example.com" }, subject: undefined }));
    expect(error.code).toBe(400);
  });
});

describe("mail/send validation as SendGrid does it", () => {
  it("refuses an address twice in one personalization, case-insensitively, with SendGrid's message", async () => {
    const error = await rejection(sdk().mail.send(mailData({ to: "Ana@Example.com", cc: "ana@example.com" })));

    expect(error.code).toBe(400);
    expect(errorsOf(error)).toEqual([
      {
        message:
          "Each email address in the personalization block should be unique between to, cc, and bcc. We found the first duplicate instance of [ana@example.com] in the personalizations.0.cc field.",
        field: "personalizations.0",
        help: "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.recipient-errors",
      },
    ]);
  });

  it("allows the same address in two personalizations", async () => {
    const [response] = await postRaw({
      ...rawBody,
      personalizations: [{ to: [{ email: "ana@example.com" }] }, { to: [{ email: "ana@example.com" }] }],
    });
    expect(response.statusCode).toBe(202);
  });

  it.each([
    ["more than 10 categories", Array.from({ length: 11 }, (_, i) => `c${i}`), "categories", "There is a limit of 10 categories for each email that is sent. You provided 11 categories."],
    ["a category over 255 characters", ["x".repeat(256)], "categories.0", "Each category must not be longer than 255 characters."],
    ["a repeated category", ["booking", "booking"], "categories.1", "The categories must be a unique list, and you have included booking more than once."],
    ["a category that is not a string", ["ok", 7], "categories", "Categories must be an array of strings."],
    ["a non-ASCII category", ["réservation"], "categories.0", "Categories can not contain non-ASCII characters."],
  ])("refuses %s", async (_case, categories, field, message) => {
    const error = await rejection(postRaw({ ...rawBody, categories }));
    expect(error.code).toBe(400);
    expect(errorsOf(error)).toContainEqual(expect.objectContaining({ field, message: expect.stringContaining(message) }));
  });

  it("accepts 10 distinct categories of 255 characters", async () => {
    const categories = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(255, "x"));
    expect((await sdk().mail.send(mailData({ categories })))[0].statusCode).toBe(202);
  });

  it.each([
    ["a number in the message's custom_args", { ...rawBody, custom_args: { reference: 42 } }, "custom_args", "All values of custom arguments object must be strings"],
    [
      "a boolean in a personalization's custom_args",
      { ...rawBody, personalizations: [{ to: [{ email: "a@example.com" }], custom_args: { ok: true } }] },
      "personalizations.0.custom_args",
      "All values of custom arguments object must be strings",
    ],
    ["empty custom_args", { ...rawBody, custom_args: {} }, "custom_args", "custom_args cannot be empty."],
    [
      "custom_args over 10,000 bytes once merged",
      { ...rawBody, custom_args: { a: "x".repeat(6_000) }, personalizations: [{ to: [{ email: "a@example.com" }], custom_args: { b: "y".repeat(4_000) } }] },
      "personalizations.0.custom_args",
      "The combined size of both global and personalization custom arguments may not exceed 10,000 bytes per personalization.",
    ],
  ])("refuses %s", async (_case, body, field, message) => {
    const error = await rejection(postRaw(body));
    expect(error.code).toBe(400);
    expect(errorsOf(error)).toContainEqual(expect.objectContaining({ field, message }));
  });

  it("accepts custom_args just under the size limit", async () => {
    const [response] = await postRaw({ ...rawBody, custom_args: { a: "x".repeat(9_900) } });
    expect(response.statusCode).toBe(202);
  });

  const ics = Buffer.from("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").toString("base64");

  it.each([
    ["no content", { filename: "invite.ics" }, "attachments.0.content", "The attachment content must be a string at least one character in length."],
    ["content that is not base64", { content: "not base64!", filename: "invite.ics" }, "attachments.0.content", "The attachment content must be base64 encoded."],
    ["no filename", { content: ics }, "attachments.0.filename", "filename is required."],
    ["a filename with a line break", { content: ics, filename: "a\r\nb.ics" }, "attachments.0.filename", "The filename of your attachment cannot contain CRLF characters."],
    ["an empty type", { content: ics, filename: "invite.ics", type: "" }, "attachments.0.type", "The attachment type must be a string and at least one character in length."],
    [
      "a charset in its type",
      { content: ics, filename: "invite.ics", type: "text/calendar; charset=utf-8; method=REQUEST" },
      "attachments.0.type",
      "The attachment type cannot contain ';', or CRLF characters.",
    ],
    [
      "a line break in its type",
      { content: ics, filename: "invite.ics", type: "text/calendar\r\nX-Evil: 1" },
      "attachments.0.type",
      "The attachment type cannot contain ';', or CRLF characters.",
    ],
    ["an unknown disposition", { content: ics, filename: "invite.ics", disposition: "embedded" }, "attachments.0.disposition", 'The disposition of your attachment can be either "inline" or "attachment". You provided embedded.'],
  ])("refuses an attachment with %s", async (_case, attachment, field, message) => {
    const error = await rejection(postRaw({ ...rawBody, attachments: [attachment] }));
    expect(error.code).toBe(400);
    expect(errorsOf(error)).toContainEqual(expect.objectContaining({ field, message }));
  });

  it.each(["text/calendar", "text/calendar; method=REQUEST", "text/calendar;method=CANCEL", "text/calendar; method=REQUEST;"])(
    "accepts the attachment type %s (a method parameter is the one SendGrid allows)",
    async (type) => {
      const [response] = await postRaw({ ...rawBody, attachments: [{ content: ics, filename: "invite.ics", type }] });
      expect(response.statusCode).toBe(202);
    },
  );

  it("keeps a valid attachment: metadata in the snapshot, bytes in process", async () => {
    const [response] = await sdk().mail.send(
      mailData({ attachments: [{ content: ics, filename: "invite.ics", type: "text/calendar", disposition: "attachment" }] }),
    );
    const messageId = response.headers["x-message-id"] as string;

    expect(sendgrid.emulator.snapshot().messages[0]?.attachments).toEqual([
      { filename: "invite.ics", type: "text/calendar", disposition: "attachment", contentId: null, size: 32 },
    ]);
    expect(sendgrid.emulator.attachment(messageId, 0)?.body.toString()).toBe("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    expect(sendgrid.emulator.attachment(messageId, 1)).toBeUndefined();
  });
});

describe("documented bounce addresses and the bounce suppression list", () => {
  it("posts processed then bounce, signed, and drops later sends to that address", async () => {
    const { mail } = sdk();
    await mail.send(mailData({ to: "bounce+ana@example.com", customArgs: { reference: "job_1" } }));
    await sendgrid.emulator.flushEvents();
    await mail.send(mailData({ to: "BOUNCE+ana@example.com", customArgs: { reference: "job_2" } }));
    await mail.send(mailData({ to: "ana@example.com" }));
    await sendgrid.emulator.flushEvents();

    expect(receivedEvents().map((event) => [event.email, event.event, event.reference ?? null])).toEqual([
      ["bounce+ana@example.com", "processed", "job_1"],
      ["bounce+ana@example.com", "bounce", "job_1"],
      ["BOUNCE+ana@example.com", "processed", "job_2"],
      ["BOUNCE+ana@example.com", "dropped", "job_2"],
      ["ana@example.com", "processed", null],
      ["ana@example.com", "delivered", null],
    ]);
    expect(receivedEvents()[3]).toMatchObject({ reason: "Bounced Address" });
    const verifier = new EventWebhook();
    const key = verifier.convertPublicKeyToECDSA(sendgrid.emulator.publicKeyBase64Der);
    for (const post of posts) {
      const signature = post.headers[SIGNATURE_HEADER.toLowerCase()] as string;
      const timestamp = post.headers[TIMESTAMP_HEADER.toLowerCase()] as string;
      expect(verifier.verifySignature(key, post.rawBody, signature, timestamp)).toBe(true);
    }
    expect(sendgrid.emulator.snapshot().suppressedBounces).toEqual(["bounce+ana@example.com"]);
  });
});

describe("Email Activity API (GET /v3/messages) with @sendgrid/client", () => {
  it("finds the messages of one reference and one recipient, newest first, with their status", async () => {
    const { mail } = sdk();
    await mail.send(mailData({ to: "ana@example.com", subject: "Confirmed", customArgs: { reference: "job_1" } }));
    clock += 1_000;
    await mail.send(mailData({ to: "bounce@example.com", customArgs: { reference: "job_2" } }));
    clock += 1_000;
    await mail.send(mailData({ to: "ana@example.com", subject: "Reminder", customArgs: { reference: "job_3" } }));
    const [first] = sendgrid.emulator.snapshot().messages;
    sendgrid.emulator.open(first?.messageId ?? "");

    const job1 = await activity(`unique_args['reference']="job_1"`);
    expect(job1).toEqual([
      {
        msg_id: first?.recipients[0]?.sgMessageId,
        from_email: FROM,
        subject: "Confirmed",
        to_email: "ana@example.com",
        status: "delivered",
        opens_count: 1,
        clicks_count: 0,
        last_event_time: "2026-03-02T09:00:02Z",
      },
    ]);
    expect(job1[0]?.msg_id.startsWith(`${first?.messageId}.`)).toBe(true);

    expect((await activity(`to_email="ANA@example.com"`)).map((m) => m.subject)).toEqual(["Confirmed", "Reminder"]);
    expect((await activity(`unique_args['reference']="job_2"`))[0]?.status).toBe("not_delivered");
    expect(await activity(`unique_args['reference']="never-sent"`)).toEqual([]);
    expect((await activity(`to_email="ana@example.com" AND subject="Reminder"`)).map((m) => m.subject)).toEqual(["Reminder"]);
  });

  it("understands OR, IN, LIKE, NOT and time ranges, and honours limit", async () => {
    const { mail } = sdk();
    for (const reference of ["job_a", "job_b", "job_c"]) {
      await mail.send(mailData({ customArgs: { reference } }));
      clock += 60_000;
    }

    expect(await activity(`unique_args['reference']="job_a" OR unique_args['reference']="job_c"`)).toHaveLength(2);
    expect(await activity(`status IN ("delivered","processed")`, 2)).toHaveLength(2);
    expect(await activity(`msg_id LIKE '${sendgrid.emulator.snapshot().messages[1]?.messageId}%'`)).toHaveLength(1);
    expect(await activity(`NOT unique_args['reference']="job_b"`)).toHaveLength(2);
    expect(
      await activity(`last_event_time BETWEEN TIMESTAMP "2026-03-02T09:00:30Z" AND TIMESTAMP "2026-03-02T09:02:00Z"`),
    ).toHaveLength(2);
  });

  it("answers 400 naming the query or the limit, and 401 without a key", async () => {
    const { client } = sdk();
    const bad = await rejection(client.request({ method: "GET", url: "/v3/messages", qs: { query: "reference='x'" } }));
    expect(bad.code).toBe(400);
    expect(errorsOf(bad)[0]).toMatchObject({ field: "query", message: expect.stringContaining("unknown field reference") });

    const badLimit = await rejection(client.request({ method: "GET", url: "/v3/messages", qs: { limit: 1001 } }));
    expect(errorsOf(badLimit)[0]).toMatchObject({ field: "limit" });

    expect((await fetch(`${sendgrid.url}/v3/messages`)).status).toBe(401);
  });

  it("is limited to 6 requests a minute per key, as SendGrid documents", async () => {
    for (let index = 0; index < 6; index += 1) await activity("");
    const error = await rejection(sdk().client.request({ method: "GET", url: "/v3/messages" }));
    expect(error.code).toBe(429);
    expect(error.response.headers["x-ratelimit-remaining"]).toBe("0");
    clock += 60_000;
    expect(await activity("")).toEqual([]);
  });

  it("shows a message only after the configured lag", async () => {
    await restart({ activityLagMs: 5_000, activityRateLimit: { limit: 100, windowMs: 60_000 } });
    await sdk().mail.send(mailData({ customArgs: { reference: "job_lag" } }));
    expect(await activity(`unique_args['reference']="job_lag"`)).toEqual([]);
    clock += 5_000;
    expect(await activity(`unique_args['reference']="job_lag"`)).toHaveLength(1);
  });
});

describe("chaos and per-reference accounting for the benchmark", () => {
  it("answers every request with 429 and X-RateLimit-Reset while set, then recovers", async () => {
    sendgrid.emulator.setChaos({ fraction: 1, status: 429, durationMs: 10_000, retryAfterSeconds: 3 });
    const error = await rejection(sdk().mail.send(mailData({ customArgs: { reference: "job_1" } })));

    expect(error.code).toBe(429);
    expect(errorsOf(error)).toEqual([{ message: "too many requests", field: null, help: null }]);
    expect(error.response.headers["x-ratelimit-remaining"]).toBe("0");
    expect(Number(error.response.headers["x-ratelimit-reset"])).toBe(clock / 1000 + 3);
    expect(sendgrid.emulator.acceptedByReference()).toEqual(new Map());

    clock += 10_000;
    await sdk().mail.send(mailData({ customArgs: { reference: "job_1" } }));
    expect(sendgrid.emulator.acceptedByReference()).toEqual(new Map([["job_1", 1]]));
    expect(sendgrid.emulator.snapshot().chaos).toMatchObject({ active: false, refused: 1 });
  });

  it("answers 503 with Retry-After and 500, on the Activity API too", async () => {
    sendgrid.emulator.setChaos({ fraction: 1, status: 503, durationMs: 1_000, retryAfterSeconds: 7 });
    const unavailable = await rejection(sdk().client.request({ method: "GET", url: "/v3/messages" }));
    expect(unavailable.code).toBe(503);
    expect(unavailable.response.headers["retry-after"]).toBe("7");

    sendgrid.emulator.setChaos({ fraction: 1, status: 500, durationMs: 1_000 });
    expect((await rejection(sdk().mail.send(mailData()))).code).toBe(500);
  });

  it("refuses about the given fraction, reproducibly with a seed", async () => {
    const run = async () => {
      sendgrid.emulator.reset();
      sendgrid.emulator.setChaos({ fraction: 0.5, status: 500, durationMs: 60_000, seed: 7 });
      const outcomes: number[] = [];
      for (let index = 0; index < 40; index += 1) {
        outcomes.push(await sdk().mail.send(mailData({ customArgs: { reference: `job_${index}` } })).then(([r]) => r.statusCode, (e: ResponseError) => e.code));
      }
      return outcomes;
    };
    const first = await run();
    const failed = first.filter((status) => status === 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect(sendgrid.emulator.acceptedByReference().size).toBe(40 - failed);
    expect(await run()).toEqual(first);
  });

  it("counts accepted messages by reference, once per personalization", async () => {
    await postRaw({
      ...rawBody,
      custom_args: { reference: "job_1" },
      personalizations: [
        { to: [{ email: "a@example.com" }, { email: "b@example.com" }] },
        { to: [{ email: "c@example.com" }], custom_args: { reference: "job_2" } },
      ],
    });
    await sdk().mail.send(mailData({ customArgs: { reference: "job_1" } }));
    await sdk().mail.send(mailData());
    await rejection(sdk().mail.send(mailData({ from: "stranger@example.com", customArgs: { reference: "job_3" } })));
    await sdk().mail.send(mailData({ customArgs: { reference: "job_4" }, mailSettings: { sandboxMode: { enable: true } } }));

    expect(sendgrid.emulator.acceptedByReference()).toEqual(new Map([["job_1", 2], ["job_2", 1]]));
    const overHttp = await fetch(`${sendgrid.url}/__control/accepted-by-reference`);
    expect(await overHttp.json()).toEqual({ job_1: 2, job_2: 1 });
  });

  it("is driven over the control endpoint and checks its input", async () => {
    const control = (body: unknown) =>
      fetch(`${sendgrid.url}/__control/chaos`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

    const set = await control({ fraction: 1, status: 429, durationMs: 5_000 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ active: true, fraction: 1, status: 429, until: "2026-03-02T09:00:05.000Z" });
    expect((await rejection(sdk().mail.send(mailData()))).code).toBe(429);

    expect(await (await control({ fraction: 0 })).json()).toMatchObject({ active: false });
    expect((await sdk().mail.send(mailData()))[0].statusCode).toBe(202);

    const bad = await control({ fraction: 2, status: 429, durationMs: 5_000 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: '"fraction" must be a number from 0 to 1' });
    expect((await control({ fraction: 0.5, status: 418, durationMs: 5_000 })).status).toBe(400);
  });
});
