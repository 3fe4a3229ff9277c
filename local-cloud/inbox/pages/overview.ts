import type { PageContext } from "../context";
import { html, type Html } from "../html";
import { threadsOf } from "./messages";

function tile(title: string, href: string, lines: string[] | undefined): Html {
  return html`<section class="card" aria-label="${title}">
<h3><a href="${href}">${title}</a></h3>
${lines === undefined ? html`<p class="muted">Not emulated (live keys in use).</p>` : html`<ul>${lines.map((line) => html`<li>${line}</li>`)}</ul>`}
</section>`;
}

export function overviewPage(ctx: PageContext): Html {
  const { sendgrid, twilio, blob, google } = ctx.emulators;
  const mail = sendgrid?.snapshot();
  const messages = twilio?.snapshot();
  const blobs = blob?.snapshot();
  const calendars = google?.snapshot();
  return html`<h2>Overview</h2>
<p>Everything the app sent to the outside world while running against the local cloud, and buttons to answer as that world. Pages refresh by themselves as messages arrive.</p>
<div class="grid">
${tile(
  "Email",
  "/email",
  mail && [
    `${mail.messages.length} message(s)`,
    `${mail.events.length} event(s), ${mail.pendingEventCount} pending`,
    `${mail.events.filter((e) => e.event === "bounce" || e.event === "dropped").length} bounced or dropped`,
  ],
)}
${tile(
  "SMS & WhatsApp",
  "/messages",
  messages && [
    `${threadsOf(messages.messages).length} conversation(s)`,
    `${messages.messages.filter((m) => m.direction !== "inbound").length} sent, ${messages.messages.filter((m) => m.direction === "inbound").length} received`,
    `${messages.messages.filter((m) => m.status === "failed" || m.status === "undelivered").length} failed or undelivered`,
  ],
)}
${tile(
  "Blobs",
  "/blobs",
  blobs && blobs.stores.map((store) => `${store.storeId} (${store.access}): ${store.blobs.length} blob(s)`),
)}
${tile(
  "Calendars",
  "/calendars",
  calendars && [
    `${calendars.calendars.length} calendar(s)`,
    `${calendars.calendars.reduce((sum, c) => sum + c.events.length, 0)} event(s)`,
    `${calendars.channels.filter((c) => c.state === "live").length} live push channel(s)`,
  ],
)}
</div>`;
}
