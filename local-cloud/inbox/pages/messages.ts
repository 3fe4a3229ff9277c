import type { TwilioMessageView, TwilioSnapshot } from "../../twilio";
import type { PageContext } from "../context";
import { button, field, form, html, select, type Html } from "../html";
import type { MediaView } from "../media";
import { formatUtc } from "../time";
import { notEmulated } from "./not-emulated";

interface Thread {
  key: string;
  channel: "sms" | "whatsapp";
  /** The patient's address as on the wire ("+2782..." or "whatsapp:+2782..."). */
  patient: string;
  /** The number of ours the patient last talked to. */
  ours: string;
  messages: TwilioMessageView[];
}

const BAD_STATUS = new Set(["failed", "undelivered"]);
const GOOD_STATUS = new Set(["delivered", "read", "received"]);

export function threadsOf(messages: TwilioMessageView[]): Thread[] {
  const threads = new Map<string, Thread>();
  for (const message of messages) {
    const inbound = message.direction === "inbound";
    const patient = inbound ? message.from : message.to;
    const ours = inbound ? message.to : message.from;
    const key = `${message.channel}|${patient}`;
    const thread = threads.get(key) ?? { key, channel: message.channel, patient, ours, messages: [] };
    thread.ours = ours;
    thread.messages.push(message);
    threads.set(key, thread);
  }
  const last = (thread: Thread) => thread.messages.at(-1)?.dateCreated ?? "";
  return [...threads.values()].sort((a, b) => last(b).localeCompare(last(a)));
}

function statusChip(status: string): Html {
  const tone = BAD_STATUS.has(status) ? " bad" : GOOD_STATUS.has(status) ? " good" : "";
  return html`<span class="chip${tone}">${status}</span>`;
}

function fileName(href: string): string {
  try {
    const url = new URL(href, "http://inbox.local");
    const name = url.searchParams.get("pathname") ?? url.pathname;
    return decodeURIComponent(name.split("/").at(-1) ?? "") || href;
  } catch {
    return href;
  }
}

function mediaBlock(view: MediaView): Html {
  if (view.kind === "image") {
    return html`<li><a href="${view.href}" target="_blank" rel="noreferrer"><img class="media" src="${view.src}" alt="${`Image attached to the message: ${fileName(view.href)}`}" loading="lazy"></a></li>`;
  }
  if (view.kind === "vcard") {
    const card = view.card;
    const who = card?.name ?? "Contact card";
    return html`<li><div class="vcard" role="group" aria-label="${`Contact card: ${who}`}">
<strong>${who}</strong>${card?.organization ? html` <span class="muted">${card.organization}</span>` : ""}
${card?.phones.map((phone) => html`<div>Phone: <a href="${`tel:${phone}`}">${phone}</a></div>`)}
${card?.emails.map((email) => html`<div>Email: <a href="${`mailto:${email}`}">${email}</a></div>`)}
${card === undefined ? html`<div class="muted small">Could not read the card.</div>` : ""}
<div class="small"><a href="${view.href}" target="_blank" rel="noreferrer" download="${fileName(view.href)}">Download the contact card<span class="visually-hidden"> of ${who}</span> (${fileName(view.href)})</a></div>
</div></li>`;
  }
  return html`<li><a href="${view.href}" target="_blank" rel="noreferrer">Open ${fileName(view.href)}</a>${view.contentType ? html` <span class="muted small">(${view.contentType})</span>` : ""}</li>`;
}

function mediaList(message: TwilioMessageView, media: MediaView[]): Html {
  if (media.length === 0) return html``;
  const id = `media-${message.sid}`;
  return html`<h4 id="${id}" class="small">Media (${media.length})</h4><ul class="media-list" aria-labelledby="${id}">${media.map(mediaBlock)}</ul>`;
}

function messageItem(message: TwilioMessageView, media: MediaView[], snapshot: TwilioSnapshot): Html {
  const inbound = message.direction === "inbound";
  const posts = snapshot.webhookPosts.filter((post) => post.messageSid === message.sid);
  return html`<li class="${inbound ? "in" : "out"}">
<div class="small muted"><span>${inbound ? "Patient" : "MedBookings"}</span> · ${formatUtc(message.dateCreated)} · ${statusChip(message.status)}${
    message.numSegments > 1 ? html` · ${message.numSegments} segments` : ""
  }</div>
${message.body ? html`<div class="body">${message.body}</div>` : ""}
${message.contentSid ? html`<div class="small muted">Template <code>${message.contentSid}</code>${message.contentVariables ? html` with <code>${JSON.stringify(message.contentVariables)}</code>` : ""}</div>` : ""}
${mediaList(message, media)}
${message.errorCode !== null ? html`<div class="small" role="note">Error ${message.errorCode}: ${message.errorMessage ?? ""}</div>` : ""}
<details id="${`history-${message.sid}`}"><summary class="small">Status history and webhooks</summary>
<ol class="small">${message.statusHistory.map((step) => html`<li>${step.status} at ${formatUtc(step.at)}</li>`)}</ol>
${
  posts.length
    ? html`<ul class="small">${posts.map(
        (post) => html`<li>${post.kind} webhook to ${post.url}: ${post.statusCode !== null ? `HTTP ${post.statusCode}` : (post.error ?? "no answer")}</li>`,
      )}</ul>`
    : html`<p class="small muted">No webhook posted${message.statusCallback === null && !inbound ? " (no status callback set)" : ""}.</p>`
}
<p class="small muted">SID <code>${message.sid}</code></p>
</details>
</li>`;
}

function replyForms(ctx: PageContext, thread: Thread): Html {
  const hidden = html`<input type="hidden" name="from" value="${thread.patient}"><input type="hidden" name="to" value="${thread.ours}">`;
  const quick = (word: string) =>
    form("/messages/reply", ctx.back, html`${hidden}<input type="hidden" name="body" value="${word}">${button(word)}`, {
      label: `Reply ${word} as the patient`,
    });
  return html`<h4>Act as the patient</h4>
${form(
  "/messages/reply",
  ctx.back,
  html`${hidden}${field("Reply", "body", { required: true, size: 40, placeholder: "Type the patient's reply" })}${field("Media URL (optional)", "mediaUrl", { type: "url", size: 24 })}${button("Send reply")}`,
  { className: "block", label: `Reply as ${thread.patient}` },
)}
<div>${quick("STOP")}${quick("START")}</div>
${
  thread.channel === "whatsapp"
    ? form(
        "/messages/reply",
        ctx.back,
        html`${hidden}${field("Button payload", "buttonPayload", { required: true, size: 18, placeholder: "e.g. CONFIRM" })}${field("Button text", "buttonText", { size: 14, placeholder: "e.g. Confirm" })}${button("Tap quick-reply button")}`,
        { className: "block", label: `Quick-reply button as ${thread.patient}` },
      )
    : ""
}`;
}

export async function messagesPage(ctx: PageContext): Promise<Html> {
  const twilio = ctx.emulators.twilio;
  if (!twilio) return notEmulated("SMS & WhatsApp", "Twilio");
  const snapshot = twilio.snapshot();
  const threads = threadsOf(snapshot.messages);
  const blobs = ctx.media.blobIndex(ctx.emulators.blob?.snapshot());
  const media = new Map<string, MediaView[]>(
    await Promise.all(
      snapshot.messages.map(async (m) => [m.sid, await Promise.all(m.mediaUrls.map((url) => ctx.media.resolve(url, blobs)))] as const),
    ),
  );
  const ours = ctx.twilioNumbers.length ? ctx.twilioNumbers : [...new Set(threads.map((t) => t.ours))];
  const sections = threads.map((thread) => {
    const number = thread.patient.replace(/^whatsapp:/, "");
    const optedOut = thread.channel === "sms" && snapshot.optedOut.includes(number);
    const window = snapshot.whatsappWindows.find((w) => w.address === thread.patient);
    const id = `thread-${thread.channel}-${number.replace(/\D/g, "")}`;
    return html`<section class="card" aria-labelledby="${id}">
<h3 id="${id}">${thread.channel === "whatsapp" ? "WhatsApp" : "SMS"} with ${number}</h3>
<p class="small muted">Our number ${thread.ours} · ${thread.messages.length} message(s)${optedOut ? html` · <span class="chip bad">opted out (STOP)</span>` : ""}${
      thread.channel === "whatsapp"
        ? window?.isOpen
          ? html` · <span class="chip good">24-hour window open</span> since ${formatUtc(window.lastInboundAt)}`
          : html` · <span class="chip">24-hour window closed: templates only</span>`
        : ""
    }</p>
<ol class="thread" aria-label="${`Messages with ${number}`}">${thread.messages.map((m) => messageItem(m, media.get(m.sid) ?? [], snapshot))}</ol>
${replyForms(ctx, thread)}
</section>`;
  });
  return html`<h2>SMS &amp; WhatsApp <span class="muted small">(${threads.length} conversation(s), ${snapshot.messages.length} message(s))</span></h2>
<section class="card" aria-labelledby="new-thread">
<h3 id="new-thread">A patient writes first</h3>
${form(
  "/messages/reply",
  ctx.back,
  html`${field("Patient number (E.164)", "from", { required: true, placeholder: "+27821234567", size: 16 })}${
    ours.length ? select("To our number", "to", ours) : field("To our number", "to", { required: true, size: 22 })
  }${field("Message", "body", { required: true, size: 30 })}${button("Send as patient")}`,
  { className: "block", label: "New message from a patient" },
)}
${
  snapshot.pendingCallbacks.length
    ? html`<p class="small muted">${snapshot.pendingCallbacks.length} status change(s) pending.</p>${form("/messages/flush", ctx.back, button("Apply pending status changes now"))}`
    : ""
}
</section>
${threads.length === 0 ? html`<p class="card muted">No messages yet.</p>` : sections}`;
}
