import type { MailAddress, SendGridAttachmentView, SendGridMessageView } from "../../sendgrid";
import type { PageContext } from "../context";
import { button, field, form, html, type Html } from "../html";
import { formatBytes } from "../size";
import { formatUtc } from "../time";
import { notEmulated } from "./not-emulated";

const BAD_EVENTS = new Set(["bounce", "dropped", "spamreport", "deferred"]);
const GOOD_EVENTS = new Set(["delivered", "open", "click"]);

function address(value: MailAddress): string {
  return value.name ? `${value.name} <${value.email}>` : value.email;
}

function eventChip(type: string): Html {
  const tone = BAD_EVENTS.has(type) ? " bad" : GOOD_EVENTS.has(type) ? " good" : "";
  return html`<span class="chip${tone}">${type}</span>`;
}

/**
 * The email body in a sandboxed srcdoc frame: no scripts, no same-origin access to the inbox,
 * so a template's markup cannot act on the page. Links open in a new tab.
 */
function emailFrame(subject: string, body: string): Html {
  return html`<iframe class="email" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" title="${`Email body: ${subject}`}" srcdoc="${`<base target="_blank">${body}`}"></iframe>`;
}

function recipientActions(ctx: PageContext, message: SendGridMessageView, email: string): Html {
  const target = html`<input type="hidden" name="messageId" value="${message.messageId}"><input type="hidden" name="email" value="${email}">`;
  return html`
    ${form("/email/bounce", ctx.back, html`${target}${button("Bounce", { danger: true })}`, { label: `Bounce for ${email}` })}
    ${form("/email/drop", ctx.back, html`${target}${button("Drop", { danger: true })}`, { label: `Drop for ${email}` })}
    ${form("/email/open", ctx.back, html`${target}${button("Open")}`, { label: `Open as ${email}` })}
    ${form(
      "/email/click",
      ctx.back,
      html`${target}${field("Link", "url", { type: "url", value: "https://example.com/", size: 22 })}${button("Click")}`,
      { label: `Click as ${email}` },
    )}`;
}

const PREVIEWABLE = /^text\/(calendar|vcard|x-vcard|plain|csv)\b/i;
const MAX_PREVIEW_BYTES = 64 * 1024;

/** The inbox route that downloads an attachment's decoded bytes. */
export function attachmentPath(messageId: string, index: number): string {
  return `/email/attachment?${new URLSearchParams({ messageId, index: String(index) }).toString()}`;
}

function attachmentItem(ctx: PageContext, message: SendGridMessageView, attachment: SendGridAttachmentView, index: number): Html {
  const type = attachment.type ?? "no type given";
  const id = `attachment-${message.messageId}-${index}`;
  const preview =
    attachment.type !== null && PREVIEWABLE.test(attachment.type) && attachment.size <= MAX_PREVIEW_BYTES
      ? ctx.emulators.sendgrid?.attachment(message.messageId, index)?.body.toString("utf8")
      : undefined;
  return html`<li>
<a href="${attachmentPath(message.messageId, index)}" download="${attachment.filename}">Download ${attachment.filename}</a>
<span class="muted small">(${type}, ${formatBytes(attachment.size)}${attachment.disposition === "inline" ? ", inline" : ""})</span>
${preview !== undefined ? html`<details id="${id}"><summary>Show ${attachment.filename} as text</summary><pre>${preview}</pre></details>` : ""}
</li>`;
}

function attachmentList(ctx: PageContext, message: SendGridMessageView): Html {
  if (message.attachments.length === 0) return html``;
  const id = `attachments-${message.messageId}`;
  return html`<h4 id="${id}">Attachments (${message.attachments.length})</h4>
<ul aria-labelledby="${id}">${message.attachments.map((attachment, index) => attachmentItem(ctx, message, attachment, index))}</ul>`;
}

function messageCard(ctx: PageContext, message: SendGridMessageView): Html {
  const first = message.personalizations[0];
  const subject = first?.subject || "(no subject)";
  return html`<article class="card" aria-labelledby="${`mail-${message.messageId}`}">
<h3 id="${`mail-${message.messageId}`}">${subject}</h3>
<dl class="meta">
<dt>From</dt><dd>${address(message.from)}</dd>
${message.replyTo ? html`<dt>Reply-To</dt><dd>${address(message.replyTo)}</dd>` : ""}
<dt>Accepted</dt><dd>${formatUtc(message.acceptedAt)}</dd>
<dt>X-Message-Id</dt><dd><code>${message.messageId}</code></dd>
${message.templateId ? html`<dt>Template</dt><dd><code>${message.templateId}</code></dd>` : ""}
${message.categories.length ? html`<dt>Categories</dt><dd>${message.categories.join(", ")}</dd>` : ""}
${Object.keys(message.customArgs).length ? html`<dt>Custom args</dt><dd><code>${JSON.stringify(message.customArgs)}</code></dd>` : ""}
</dl>
${message.personalizations.map(
  (p, pIndex) => html`<section aria-label="${`Personalization ${pIndex + 1}`}">
<dl class="meta">
<dt>To</dt><dd>${p.to.map(address).join(", ")}</dd>
${p.cc.length ? html`<dt>Cc</dt><dd>${p.cc.map(address).join(", ")}</dd>` : ""}
${p.bcc.length ? html`<dt>Bcc</dt><dd>${p.bcc.map(address).join(", ")}</dd>` : ""}
${message.personalizations.length > 1 ? html`<dt>Subject</dt><dd>${p.subject}</dd>` : ""}
</dl>
${p.html !== null ? emailFrame(p.subject, p.html) : ""}
${
  p.text !== null
    ? html`<details id="${`text-${message.messageId}-${pIndex}`}"${p.html === null ? html` open` : ""}><summary>Plain text</summary><pre>${p.text}</pre></details>`
    : ""
}
${
  p.dynamicTemplateData !== null
    ? html`<details id="${`data-${message.messageId}-${pIndex}`}"><summary>Template data</summary><pre>${JSON.stringify(p.dynamicTemplateData, null, 2)}</pre></details>`
    : ""
}
</section>`,
)}
${attachmentList(ctx, message)}
<h4>Recipients and events</h4>
<table>
<thead><tr><th scope="col">Recipient</th><th scope="col">Events</th><th scope="col">Act as the recipient's mail server</th></tr></thead>
<tbody>
${message.recipients.map(
  (r) => html`<tr><td>${r.email}</td><td>${r.events.map(eventChip)}</td><td>${recipientActions(ctx, message, r.email)}</td></tr>`,
)}
</tbody>
</table>
</article>`;
}

export function emailPage(ctx: PageContext): Html {
  const sendgrid = ctx.emulators.sendgrid;
  if (!sendgrid) return notEmulated("Email", "SendGrid");
  const snapshot = sendgrid.snapshot();
  const messages = [...snapshot.messages].reverse();
  const lastBatch = snapshot.batches.at(-1);
  return html`<h2>Email <span class="muted small">(${messages.length} sent through SendGrid)</span></h2>
<section class="card" aria-labelledby="webhook-heading">
<h3 id="webhook-heading">Event Webhook</h3>
<dl class="meta">
<dt>Posts to</dt><dd>${snapshot.eventWebhookUrl ?? "not set (events are kept here only)"}</dd>
<dt>Events</dt><dd>${snapshot.events.length} in total, ${snapshot.pendingEventCount} waiting to be posted</dd>
${
  lastBatch
    ? html`<dt>Last batch</dt><dd>${lastBatch.eventIds.length} events, ${lastBatch.status} after ${lastBatch.attempts} attempt(s)${
        lastBatch.lastStatusCode !== null ? `, HTTP ${lastBatch.lastStatusCode}` : ""
      }${lastBatch.lastError ? `, ${lastBatch.lastError}` : ""}</dd>`
    : ""
}
</dl>
${form("/email/flush", ctx.back, button("Post pending events now"))}
</section>
${messages.length === 0 ? html`<p class="card muted">No email yet. Messages appear here as the app sends them.</p>` : messages.map((m) => messageCard(ctx, m))}`;
}
