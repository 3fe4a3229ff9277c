import type http from "node:http";

import { Client } from "@sendgrid/client";
import { MailService } from "@sendgrid/mail";
import { put } from "@vercel/blob";
import ICAL from "ical.js";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { LOCAL_CREDENTIALS, startLocalCloud, type LocalCloud } from "../index";
import { readBody, serve, type RunningEmulator } from "../lib/http";

const PATIENT = "+27821234567";
const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//MedBookings//EN",
  "METHOD:REQUEST",
  "BEGIN:VEVENT",
  "UID:bkg_1@medbookings.local",
  "DTSTAMP:20260302T090000Z",
  "DTSTART:20260303T080000Z",
  "DTEND:20260303T083000Z",
  "SUMMARY:Appointment with Dr Ada Lovelace",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

let app: RunningEmulator;
let appPosts: { path: string; url: string; params: Record<string, string>; headers: http.IncomingHttpHeaders }[] = [];
let cloud: LocalCloud;

class EmulatorRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+\.twilio\.com/, this.baseUrl) });
  }
}

async function page(path: string): Promise<string> {
  const response = await fetch(`${cloud.inboxUrl}${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  app = await serve({
    name: "app",
    async handle(req, res, url) {
      const raw = (await readBody(req)).toString("utf8");
      appPosts.push({ path: url.pathname, url: url.href, params: Object.fromEntries(new URLSearchParams(raw)), headers: req.headers });
      res.writeHead(200, { "content-type": "text/xml" }).end("<Response/>");
    },
  });
  cloud = await startLocalCloud({ appUrl: app.url, accounts: [{ email: "dr.ada@example.com", name: "Dr Ada Lovelace" }], vendors: ["sendgrid", "twilio", "blob"] });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await cloud.close();
  await app.close();
});

describe("email attachments in the Inbox", () => {
  it("lists an .ics with its name, type and size, previews it, and downloads the exact bytes", async () => {
    const client = new Client();
    client.setApiKey(LOCAL_CREDENTIALS.sendgridApiKey);
    client.setDefaultRequest("baseUrl", cloud.urls.sendgrid as string);
    const mail = new MailService();
    mail.setClient(client);
    const [response] = await mail.send({
      to: "ana@example.com",
      from: LOCAL_CREDENTIALS.sendgridFromEmail,
      subject: "Your appointment",
      text: "See the invitation attached.",
      attachments: [{ content: Buffer.from(ICS).toString("base64"), filename: "invite.ics", type: "text/calendar", disposition: "attachment" }],
    });
    const messageId = response.headers["x-message-id"] as string;

    const html = await page("/email");
    const href = `/email/attachment?messageId=${messageId}&amp;index=0`;
    expect(html).toContain(`<h4 id="attachments-${messageId}">Attachments (1)</h4>`);
    expect(html).toContain(`<ul aria-labelledby="attachments-${messageId}">`);
    expect(html).toContain(`<a href="${href}" download="invite.ics">Download invite.ics</a>`);
    expect(html).toContain(`(text/calendar, ${Buffer.byteLength(ICS)} B)`);
    expect(html).toContain("SUMMARY:Appointment with Dr Ada Lovelace");

    const download = await fetch(`${cloud.inboxUrl}/email/attachment?messageId=${messageId}&index=0`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("text/calendar");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="invite.ics"; filename*=UTF-8''invite.ics`);
    expect(download.headers.get("content-security-policy")).toMatch(/^sandbox/);
    const text = await download.text();
    expect(text).toBe(ICS);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent") as ICAL.Component);
    expect(event.summary).toBe("Appointment with Dr Ada Lovelace");
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-03-03T08:00:00.000Z");

    expect((await fetch(`${cloud.inboxUrl}/email/attachment?messageId=${messageId}&index=1`)).status).toBe(404);
    expect((await fetch(`${cloud.inboxUrl}/email/attachment?messageId=nope&index=0`)).status).toBe(404);
  });
});

describe("WhatsApp media in the Inbox, and replies reaching the app", () => {
  it("shows a public vCard with a labelled download link anyone can open", async () => {
    vi.stubEnv("VERCEL_BLOB_API_URL", cloud.env.VERCEL_BLOB_API_URL as string);
    const card = await put("providers/dr-ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr Ada Lovelace\r\nTEL;TYPE=work:+27115550100\r\nEND:VCARD\r\n", {
      access: "public",
      token: cloud.env.BLOB_PUBLIC_READ_WRITE_TOKEN as string,
      addRandomSuffix: true,
      contentType: "text/vcard",
    });
    const emulator = cloud.twilio?.emulator;
    await emulator?.inbound({ from: `whatsapp:${PATIENT}`, to: LOCAL_CREDENTIALS.twilioWhatsAppFrom, body: "2" });
    const client = twilio(LOCAL_CREDENTIALS.twilioAccountSid, LOCAL_CREDENTIALS.twilioAuthToken, {
      httpClient: new EmulatorRequestClient(cloud.urls.twilio as string),
    });
    const message = await client.messages.create({
      to: `whatsapp:${PATIENT}`,
      from: LOCAL_CREDENTIALS.twilioWhatsAppFrom,
      body: "Here is Dr Ada's card",
      mediaUrl: [card.url],
    });

    const html = await page("/messages");
    const name = card.pathname.split("/").at(-1) as string;
    expect(html).toContain(`<h4 id="media-${message.sid}" class="small">Media (1)</h4>`);
    expect(html).toContain(`<ul class="media-list" aria-labelledby="media-${message.sid}">`);
    expect(html).toContain('role="group" aria-label="Contact card: Dr Ada Lovelace"');
    expect(html).toContain(
      `<a href="${card.url}" target="_blank" rel="noreferrer" download="${name}">Download the contact card<span class="visually-hidden"> of Dr Ada Lovelace</span> (${name})</a>`,
    );
    expect(html).toContain('href="tel:+27115550100"');
    expect((await fetch(card.url)).status).toBe(200);
  });

  it("posts a reply typed in the Inbox to the app's /api/webhooks/twilio, signed", async () => {
    appPosts = [];
    const response = await fetch(`${cloud.inboxUrl}/messages/reply`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: cloud.inboxUrl as string, "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ back: "/messages", from: `whatsapp:${PATIENT}`, to: LOCAL_CREDENTIALS.twilioWhatsAppFrom, body: "1" }),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/notice=.*the\+app\+answered\+HTTP\+200/);

    const inbound = appPosts.find((post) => post.path === "/api/webhooks/twilio");
    expect(inbound?.params).toMatchObject({ From: `whatsapp:${PATIENT}`, To: LOCAL_CREDENTIALS.twilioWhatsAppFrom, Body: "1" });
    expect(twilio.validateRequest(LOCAL_CREDENTIALS.twilioAuthToken, String(inbound?.headers["x-twilio-signature"]), inbound?.url ?? "", inbound?.params ?? {})).toBe(true);
  });
});
