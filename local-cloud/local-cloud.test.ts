import type http from "node:http";

import { Client } from "@sendgrid/client";
import { EventWebhook } from "@sendgrid/eventwebhook";
import { MailService } from "@sendgrid/mail";
import { BlobError, get, getDownloadUrl, head, put } from "@vercel/blob";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { routeVercelBlobHostsTo } from "./blob/route-vercel-blob-hosts";
import { APP_WEBHOOK_PATHS, LOCAL_CREDENTIALS, startLocalCloud, type LocalCloud } from "./index";
import { readBody, serve, type RunningEmulator } from "./lib/http";
import { DEMO_CONTENT_TEMPLATES, demoCardTemplate } from "./twilio";

interface AppPost {
  path: string;
  url: string;
  rawBody: string;
  headers: http.IncomingHttpHeaders;
}

/** Stands in for the app: records what the emulators post to its webhook routes. */
let app: RunningEmulator;
let appPosts: AppPost[] = [];
let cloud: LocalCloud;

class EmulatorRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+\.twilio\.com/, this.baseUrl) });
  }
}

beforeAll(async () => {
  app = await serve({
    name: "app",
    async handle(req, res, url) {
      appPosts.push({ path: url.pathname, url: url.href, rawBody: (await readBody(req)).toString("utf8"), headers: req.headers });
      res.writeHead(200, { "content-type": "text/xml" }).end("<Response/>");
    },
  });
  cloud = await startLocalCloud({
    appUrl: app.url,
    accounts: [{ email: "dr.ada@example.com", name: "Dr Ada Lovelace", timeZone: "Africa/Johannesburg" }],
    sendgridSenderIdentities: { domains: ["clinic.example"] },
  });
});

afterAll(async () => {
  await cloud.close();
  await app.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
  appPosts = [];
});

function mailer() {
  const client = new Client();
  client.setApiKey(cloud.env.SENDGRID_API_KEY as string);
  client.setDefaultRequest("baseUrl", cloud.env.SENDGRID_API_URL as string);
  const mail = new MailService();
  mail.setClient(client);
  return mail;
}

function messaging() {
  return twilio(cloud.env.TWILIO_ACCOUNT_SID, cloud.env.TWILIO_AUTH_TOKEN, {
    httpClient: new EmulatorRequestClient(cloud.env.TWILIO_API_URL as string),
  });
}

describe("startLocalCloud", () => {
  it("exports the env the app reads for every vendor, including the new variables", () => {
    expect(cloud.env).toMatchObject({
      SENDGRID_FROM_EMAIL: "bookings@medbookings.local",
      BLOB_READ_WRITE_TOKEN: LOCAL_CREDENTIALS.blobToken,
      BLOB_PUBLIC_READ_WRITE_TOKEN: "vercel_blob_rw_localpublic_emulatorsecret0002",
    });
    const templates = JSON.parse(cloud.env.TWILIO_CONTENT_TEMPLATES as string) as Record<string, Record<string, string>>;
    const card = demoCardTemplate(cloud.urls.blob!);
    expect(templates).toEqual(Object.fromEntries([...DEMO_CONTENT_TEMPLATES, card].map((t) => [t.key, { en: t.sid }])));
    // The shape env.mjs accepts.
    expect(Object.values(templates).every((byLanguage) => Object.values(byLanguage).every((sid) => /^HX[0-9a-f]{32}$/.test(sid)))).toBe(true);
  });
});

describe("startLocalCloud options", () => {
  it("raises the Email Activity API allowance when asked, and keeps SendGrid's 6 a minute otherwise", async () => {
    const raised = await startLocalCloud({ appUrl: app.url, accounts: [], vendors: ["sendgrid"], sendgridActivityRateLimit: { limit: 20, windowMs: 60_000 } });
    try {
      const ask = async (target: LocalCloud) => {
        const client = new Client();
        client.setApiKey(LOCAL_CREDENTIALS.sendgridApiKey);
        client.setDefaultRequest("baseUrl", target.urls.sendgrid as string);
        return client.request({ method: "GET", url: "/v3/messages" }).then(([response]) => response.statusCode, (error: { code: number }) => error.code);
      };
      const statuses: number[] = [];
      for (let index = 0; index < 7; index += 1) statuses.push(await ask(raised));
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
      const usual: number[] = [];
      for (let index = 0; index < 7; index += 1) usual.push(await ask(cloud));
      expect(usual.at(-1)).toBe(429);
    } finally {
      await raised.close();
    }
  });
});

describe("webhooks reach the app's routes", () => {
  it("posts signed SendGrid event batches (processed, delivered; bounce for a bounce address) to /api/webhooks/sendgrid", async () => {
    const mail = mailer();
    await mail.send({ to: "ana@example.com", from: cloud.env.SENDGRID_FROM_EMAIL as string, subject: "Booked", text: "x", customArgs: { reference: "job_1" } });
    await mail.send({ to: "bounce@example.com", from: "reminders@clinic.example", subject: "Booked", text: "x", customArgs: { reference: "job_2" } });

    await expect.poll(() => appPosts.flatMap((post) => JSON.parse(post.rawBody) as { event: string }[]).length, { timeout: 5_000, interval: 50 }).toBe(4);
    const verifier = new EventWebhook();
    const key = verifier.convertPublicKeyToECDSA(cloud.env.SENDGRID_WEBHOOK_PUBLIC_KEY as string);
    const events: { email: string; event: string; reference: string }[] = [];
    for (const post of appPosts) {
      expect(post.path).toBe(APP_WEBHOOK_PATHS.sendgridEvents);
      const signature = post.headers["x-twilio-email-event-webhook-signature"] as string;
      const timestamp = post.headers["x-twilio-email-event-webhook-timestamp"] as string;
      expect(verifier.verifySignature(key, post.rawBody, signature, timestamp)).toBe(true);
      events.push(...(JSON.parse(post.rawBody) as typeof events));
    }
    expect(events.map((event) => [event.email, event.event, event.reference])).toEqual([
      ["ana@example.com", "processed", "job_1"],
      ["ana@example.com", "delivered", "job_1"],
      ["bounce@example.com", "processed", "job_2"],
      ["bounce@example.com", "bounce", "job_2"],
    ]);
    expect(cloud.sendgrid?.emulator.acceptedByReference()).toEqual(new Map([["job_1", 1], ["job_2", 1]]));
  });

  it("sends the confirmation's media template with the card's path filled after the public store's fixed origin", async () => {
    const client = messaging();
    const sid = (JSON.parse(cloud.env.TWILIO_CONTENT_TEMPLATES as string) as Record<string, Record<string, string>>).booking_confirmed_card?.en;
    const message = await client.messages.create({
      to: "whatsapp:+27821234568",
      messagingServiceSid: cloud.env.TWILIO_MESSAGING_SERVICE_SID,
      contentSid: sid,
      contentVariables: JSON.stringify({ 1: "Dr Ada Lovelace", 2: "Mon 2 Mar 2026, 11:00", 3: `${app.url}/bookings/t`, 4: "localpublic/contact-cards/providers/ada-x.vcf" }),
    });
    const stored = cloud.twilio!.emulator.snapshot().messages.find((m) => m.sid === message.sid);
    expect(stored?.mediaUrls).toEqual([`${cloud.urls.blob}/localpublic/contact-cards/providers/ada-x.vcf`]);
    expect(stored?.body).toContain("Save the practice's contact card below.");
  });

  it("posts Twilio status callbacks to /api/webhooks/twilio/status and inbound messages to /api/webhooks/twilio, signed", async () => {
    const client = messaging();
    const message = await client.messages.create({
      to: "whatsapp:+27821234567",
      messagingServiceSid: cloud.env.TWILIO_MESSAGING_SERVICE_SID,
      contentSid: (JSON.parse(cloud.env.TWILIO_CONTENT_TEMPLATES as string) as Record<string, Record<string, string>>).booking_confirmed?.en,
      contentVariables: JSON.stringify({ 1: "Dr Ada Lovelace", 2: "Mon 2 Mar 2026, 11:00 (South Africa Standard Time)", 3: `${app.url}/bookings/t` }),
    });
    expect(message.body).toBe(`Your appointment with Dr Ada Lovelace on Mon 2 Mar 2026, 11:00 (South Africa Standard Time) is confirmed. Manage it: ${app.url}/bookings/t`);
    await cloud.twilio?.emulator.flushCallbacks();
    await cloud.twilio?.emulator.inbound({ from: "whatsapp:+27821234567", to: LOCAL_CREDENTIALS.twilioWhatsAppFrom, body: "1" });

    const paths = appPosts.map((post) => post.path);
    expect(paths.filter((path) => path === APP_WEBHOOK_PATHS.twilioStatus).length).toBeGreaterThanOrEqual(3);
    expect(paths.at(-1)).toBe(APP_WEBHOOK_PATHS.twilioInbound);
    for (const post of appPosts) {
      const params = Object.fromEntries(new URLSearchParams(post.rawBody));
      expect(twilio.validateRequest(cloud.env.TWILIO_AUTH_TOKEN as string, post.headers["x-twilio-signature"] as string, post.url, params)).toBe(true);
    }
  });
});

describe("the public Blob store beside the private one", () => {
  function useBlobEnv() {
    vi.stubEnv("VERCEL_BLOB_API_URL", cloud.env.VERCEL_BLOB_API_URL as string);
    vi.stubEnv("VERCEL_BLOB_RETRIES", "0");
  }

  it("serves public blobs to anyone, with unguessable names and overwrites refused", async () => {
    useBlobEnv();
    const token = cloud.env.BLOB_PUBLIC_READ_WRITE_TOKEN as string;
    const card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr Ada Lovelace\r\nEND:VCARD\r\n";
    const first = await put("providers/dr-ada.vcf", card, { access: "public", token, addRandomSuffix: true, contentType: "text/vcard" });
    const second = await put("providers/dr-ada.vcf", card, { access: "public", token, addRandomSuffix: true, contentType: "text/vcard" });

    expect(first.pathname).toMatch(/^providers\/dr-ada-[A-Za-z0-9]{30}\.vcf$/);
    expect(second.pathname).not.toBe(first.pathname);
    expect(first.url.startsWith(`${cloud.urls.blob}/localpublic/`)).toBe(true);
    const response = await fetch(first.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/^public/);
    expect(await response.text()).toBe(card);

    const again = await put(first.pathname, "other", { access: "public", token }).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(BlobError);
    expect((again as Error).message).toContain("This blob already exists");
    await put(first.pathname, "replaced", { access: "public", token, allowOverwrite: true });
    expect(await (await fetch(first.url)).text()).toBe("replaced");

    const secret = await put("patients/p1/referral.pdf", "%PDF", { access: "private", token: cloud.env.BLOB_READ_WRITE_TOKEN as string });
    expect((await fetch(secret.url)).status).toBe(403);
    expect((await put("x.txt", "x", { access: "private", token }).catch((error: unknown) => error)) instanceof BlobError).toBe(true);
  });

  it("works with the SDK's head() and getDownloadUrl() on emulator URLs", async () => {
    useBlobEnv();
    const token = cloud.env.BLOB_PUBLIC_READ_WRITE_TOKEN as string;
    const blob = await put("providers/dr-grace.vcf", "BEGIN:VCARD\r\nEND:VCARD\r\n", { access: "public", token, addRandomSuffix: true });

    const meta = await head(blob.url, { token });
    expect(meta).toMatchObject({ url: blob.url, pathname: blob.pathname, contentType: "text/vcard", size: 24 });
    const download = await fetch(getDownloadUrl(blob.url));
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="${blob.pathname.split("/").at(-1)}"`);
    expect(await download.text()).toBe("BEGIN:VCARD\r\nEND:VCARD\r\n");
  });

  it("works with the SDK's get() once Vercel's blob hosts are routed to the emulator", async () => {
    useBlobEnv();
    const token = cloud.env.BLOB_PUBLIC_READ_WRITE_TOKEN as string;
    const blob = await put("providers/dr-lee.vcf", "BEGIN:VCARD\r\nFN:Dr Lee\r\nEND:VCARD\r\n", { access: "public", token, addRandomSuffix: true });

    // get() trusts only *.blob.vercel-storage.com, so an emulator URL is refused by the SDK itself.
    await expect(get(blob.url, { access: "public", token })).rejects.toThrow(/does not point to a Vercel Blob store/);

    const restore = routeVercelBlobHostsTo(cloud.urls.blob as string);
    try {
      const found = await get(blob.pathname, { access: "public", token });
      expect(found?.statusCode).toBe(200);
      expect(found?.blob.contentType).toBe("text/vcard");
      expect(await new Response(found?.stream).text()).toBe("BEGIN:VCARD\r\nFN:Dr Lee\r\nEND:VCARD\r\n");
      expect(await get("providers/missing.vcf", { access: "public", token })).toBeNull();

      const privateToken = cloud.env.BLOB_READ_WRITE_TOKEN as string;
      await put("patients/p2/letter.txt", "private words", { access: "private", token: privateToken });
      const privateBlob = await get("patients/p2/letter.txt", { access: "private", token: privateToken });
      expect(await new Response(privateBlob?.stream).text()).toBe("private words");
    } finally {
      restore();
    }
    // Other hosts are never touched by the routing.
    expect((await fetch(`${cloud.urls.blob}/localpublic/${blob.pathname}`)).status).toBe(200);
  });
});
