import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createEmailClient } from "@/server/integrations/sendgrid/client";
import { createMessagingClient } from "@/server/integrations/twilio/client";

import { LOCAL_CREDENTIALS, startLocalCloud, type LocalCloud } from "../index";

const PROVIDER = "dr.ada@example.com";
const PATIENT = "+27821234567";
const SMS_FROM = LOCAL_CREDENTIALS.twilioSmsFrom;
const WHATSAPP_FROM = LOCAL_CREDENTIALS.twilioWhatsAppFrom;

let cloud: LocalCloud;
let inbox: string;

function emulators() {
  const { google, sendgrid, twilio, blob } = cloud;
  if (!google || !sendgrid || !twilio || !blob || !cloud.inboxUrl) throw new Error("the local cloud did not start every emulator");
  return { google: google.emulator, sendgrid: sendgrid.emulator, twilio: twilio.emulator, blob: blob.emulator };
}

async function page(path: string): Promise<string> {
  const response = await fetch(`${inbox}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  return response.text();
}

async function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${inbox}${path}`, {
    method: "POST",
    // What a browser sends for a form on the inbox's own page.
    headers: { "content-type": "application/x-www-form-urlencoded", origin: inbox, "sec-fetch-site": "same-origin", ...headers },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location") ?? "" };
}

async function putPrivateBlob(pathname: string, body: string, contentType: string): Promise<string> {
  const response = await fetch(`${emulators().blob.apiUrl}/?pathname=${encodeURIComponent(pathname)}`, {
    method: "PUT",
    headers: {
      authorization: `Bearer ${LOCAL_CREDENTIALS.blobToken}`,
      "x-vercel-blob-access": "private",
      "x-content-type": contentType,
    },
    body,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { url: string }).url;
}

/** The page's own scripts: only the nonce'd refresh script may appear. */
function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/gi) ?? [];
}

beforeAll(async () => {
  cloud = await startLocalCloud({
    appUrl: "http://localhost:3999",
    accounts: [
      { email: PROVIDER, name: "Dr Ada Lovelace", timeZone: "Africa/Johannesburg" },
      { email: "dr.grace@example.com", name: "Dr Grace Hopper", timeZone: "America/New_York" },
    ],
  });
  inbox = cloud.inboxUrl ?? "";
});

afterAll(() => cloud.close());

describe("inbox page", () => {
  it("is started with the local cloud and gives an overview with a strict content security policy", async () => {
    expect(cloud.urls.inbox).toBe(inbox);
    const response = await fetch(`${inbox}/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    const html = await response.text();
    expect(html).toContain('<a href="/email">Email</a>');
    expect(html).toContain("2 calendar(s)");
    expect(scriptTags(html)).toHaveLength(1);
    expect(scriptTags(html)[0]).toMatch(/nonce="/);
  });

  it("renders email escaped, with the HTML body in a sandboxed frame, and bounces it", async () => {
    const { sendgrid } = emulators();
    const email = createEmailClient({ apiKey: LOCAL_CREDENTIALS.sendgridApiKey, apiUrl: cloud.sendgrid?.url, fromEmail: "bookings@medbookings.local" });
    const { messageId } = await email.sendEmail({
      to: { email: "ana@example.com", name: "Ana" },
      subject: "<script>alert(1)</script> Your booking",
      html: '<p>Monday <b>10:00</b></p><script>parent.alert(2)</script><img src="x" onerror="alert(3)">',
      text: "Monday 10:00",
    });

    const html = await page("/email");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Your booking");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<script>parent.alert(2)");
    expect(html).not.toContain('onerror="alert(3)"');
    const frame = /<iframe class="email" sandbox="([^"]*)"[^>]*srcdoc="([^"]*)"/.exec(html);
    expect(frame?.[1]).not.toContain("allow-scripts");
    expect(frame?.[1]).not.toContain("allow-same-origin");
    expect(frame?.[2]).toContain("&lt;p&gt;Monday &lt;b&gt;10:00&lt;/b&gt;&lt;/p&gt;");
    expect(scriptTags(html)).toHaveLength(1);
    expect(html).toContain("ana@example.com");
    expect(html).toContain(messageId);

    const bounced = await post("/email/bounce", { back: "/email", messageId, email: "ana@example.com" });
    expect(bounced.status).toBe(303);
    expect(bounced.location).toMatch(/^\/email\?notice=Bounced/);
    const recipient = sendgrid.snapshot().messages.find((m) => m.messageId === messageId)?.recipients[0];
    expect(recipient?.events).toContain("bounce");
    expect(sendgrid.snapshot().events.filter((e) => e.event === "bounce")).toHaveLength(1);
    expect(await page(bounced.location)).toMatch(/<p class="notice" role="status">Bounced the email to ana@example.com/);
  });

  it("refuses a form posted from another site", async () => {
    const { sendgrid } = emulators();
    const messageId = sendgrid.snapshot().messages[0]?.messageId ?? "";
    const before = sendgrid.snapshot().events.length;
    const response = await post("/email/drop", { back: "/email", messageId }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    const fromTheApp = await post("/email/drop", { back: "/email", messageId }, { origin: "http://localhost:3999", "sec-fetch-site": "same-site" });
    expect(fromTheApp.status).toBe(403);
    expect(sendgrid.snapshot().events).toHaveLength(before);
  });

  it("shows SMS and WhatsApp threads per number with images and vCards, and replies as the patient", async () => {
    const { twilio } = emulators();
    const cardUrl = await putPrivateBlob("cards/ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr Ada <Lovelace>\r\nTEL;TYPE=cell:+27115550100\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n", "text/vcard");
    const photoUrl = await putPrivateBlob("photos/clinic.png", "not really a png", "image/png");
    const messaging = createMessagingClient({
      accountSid: LOCAL_CREDENTIALS.twilioAccountSid,
      authToken: LOCAL_CREDENTIALS.twilioAuthToken,
      apiUrl: cloud.twilio?.url,
      smsFrom: SMS_FROM,
      whatsappFrom: WHATSAPP_FROM,
    });
    await messaging.sendSms({ to: PATIENT, body: "Your code is <b>1234</b>" });
    await twilio.inbound({ from: `whatsapp:${PATIENT}`, to: WHATSAPP_FROM, body: "Hi" });
    await messaging.sendWhatsApp({ to: PATIENT, body: "Here is your doctor's card", mediaUrls: [cardUrl, photoUrl] });

    const html = await page("/messages");
    expect(html).toContain(`SMS with ${PATIENT}`);
    expect(html).toContain(`WhatsApp with ${PATIENT}`);
    expect(html).toContain("Your code is &lt;b&gt;1234&lt;/b&gt;");
    expect(html).toContain("<strong>Dr Ada &lt;Lovelace&gt;</strong>");
    expect(html).toContain('href="tel:+27115550100"');
    expect(html).toContain("ada@example.com");
    expect(html).toContain('<img class="media" src="/blobs/view?store=localprivate&amp;pathname=photos%2Fclinic.png"');

    const blob = await fetch(`${inbox}/blobs/view?store=localprivate&pathname=photos%2Fclinic.png`);
    expect(blob.headers.get("content-security-policy")).toMatch(/^sandbox/);
    expect(await blob.text()).toBe("not really a png");
    expect(await page("/blobs")).toContain("<code>cards/ada.vcf</code>");

    const reply = await post("/messages/reply", {
      back: "/messages",
      from: `whatsapp:${PATIENT}`,
      to: WHATSAPP_FROM,
      body: "Yes <please>",
    });
    expect(reply.status).toBe(303);
    expect(reply.location).toMatch(/^\/messages\?notice=/);
    const inbound = twilio.snapshot().messages.filter((m) => m.direction === "inbound");
    expect(inbound.at(-1)).toMatchObject({ from: `whatsapp:${PATIENT}`, to: WHATSAPP_FROM, body: "Yes <please>", channel: "whatsapp" });
    expect(await page("/messages")).toContain("Yes &lt;please&gt;");

    await post("/messages/reply", { back: "/messages", from: PATIENT, to: SMS_FROM, body: "STOP" });
    expect(twilio.snapshot().optedOut).toContain(PATIENT);
    await post("/messages/reply", { back: "/messages", from: PATIENT, to: WHATSAPP_FROM, buttonPayload: "CONFIRM:bkg_1", buttonText: "Confirm" });
    expect(twilio.snapshot().messages.at(-1)).toMatchObject({ from: `whatsapp:${PATIENT}`, body: "Confirm" });
  });

  it("shows calendars with times in UTC and the calendar's zone, and moves and cancels events", async () => {
    const { google } = emulators();
    const created = google.createEvent(PROVIDER, {
      summary: '<img src=x onerror="alert(1)"> Consult',
      start: { dateTime: "2030-03-04T10:00:00", timeZone: "Africa/Johannesburg" },
      end: { dateTime: "2030-03-04T10:30:00", timeZone: "Africa/Johannesburg" },
      extendedProperties: { private: { bookingId: "bkg_123" } },
    });
    const eventId = String(created.id);

    const html = await page("/calendars");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Consult");
    expect(html).not.toContain('<img src=x onerror="alert(1)">');
    expect(html).toContain("<code>bkg_123</code>");
    expect(html).toContain("2030-03-04 08:00:00 UTC");
    expect(html).toContain("2030-03-04 10:00:00 Africa/Johannesburg (GMT+2)");
    expect(html).toContain("Dr Grace Hopper");
    expect(html).toContain("America/New_York");

    const moved = await post("/calendars/events/move", {
      back: "/calendars",
      email: PROVIDER,
      eventId,
      start: "2030-03-05T09:30",
      end: "2030-03-05T10:00",
      timeZone: "Africa/Johannesburg",
    });
    expect(moved.location).toMatch(/^\/calendars\?notice=Moved/);
    const event = () => google.snapshot().calendars.find((c) => c.id === PROVIDER)?.events.find((e) => e.id === eventId);
    expect(event()?.start).toEqual({ dateTime: "2030-03-05T09:30:00+02:00", timeZone: "Africa/Johannesburg" });
    expect(await page("/calendars")).toContain("2030-03-05 07:30:00 UTC");

    const refused = await post("/calendars/events/move", { back: "/calendars", email: PROVIDER, eventId, start: "2030-03-06T09:30", end: "2030-03-06T10:00", timeZone: "Mars/Olympus" });
    expect(refused.location).toMatch(/^\/calendars\?error=Mars%2FOlympus/);
    expect(event()?.start).toMatchObject({ dateTime: "2030-03-05T09:30:00+02:00" });
    expect(await page(refused.location)).toContain('role="alert">Mars/Olympus is not an IANA time zone');

    await post("/calendars/events/cancel", { back: "/calendars", email: PROVIDER, eventId });
    expect(event()?.status).toBe("cancelled");

    await post("/calendars/sync-tokens/invalidate", { back: "/calendars", calendarId: PROVIDER });
    expect(google.snapshot().calendars.find((c) => c.id === PROVIDER)?.syncGeneration).toBe(1);
  });

  it("changes the version a page polls when a new message arrives", async () => {
    const { twilio, sendgrid } = emulators();
    await twilio.flushCallbacks();
    // Nothing listens at this run's appUrl, so event batches keep retrying (and changing what the
    // Email page shows); with no webhook URL the retries stop touching the state.
    sendgrid.setEventWebhookUrl(undefined);
    await sendgrid.flushEvents();
    const version = async () => ((await (await fetch(`${inbox}/api/version`)).json()) as { version: string }).version;
    const before = await version();
    expect(await version()).toBe(before);
    await twilio.inbound({ from: "+27829990000", to: SMS_FROM, body: "Running late" });
    expect(await version()).not.toBe(before);
  });
});
