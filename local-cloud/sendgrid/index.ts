import type http from "node:http";

import { Chaos, parseChaosConfig, type ChaosConfig, type ChaosState } from "../lib/chaos";
import { readBody, readJson, sendJson, type Emulator } from "../lib/http";
import { randomBytes } from "../lib/random-id";
import { ActivityQueryError, compileActivityQuery, type ActivityRow } from "./activity-query";
import {
  EventWebhookDispatcher,
  type BatchRecord,
  type RetryConfig,
  type SendGridEventType,
  type SendGridWebhookEvent,
} from "./event-webhook";
import { FixedWindowRateLimiter, type RateLimitConfig } from "./rate-limiter";
import { htmlToText, renderTemplate } from "./render-template";
import { SenderIdentityRegistry, unverifiedSenderError, type SenderIdentities } from "./sender-identity";
import {
  validateMailSend,
  type MailAddress,
  type MailPersonalization,
  type MailSendBody,
  type SendGridError,
} from "./validate-mail";

export type { BatchRecord, SendGridEventType, SendGridWebhookEvent } from "./event-webhook";
export { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./event-webhook";
export type { MailAddress, SendGridError } from "./validate-mail";
export type { ChaosConfig, ChaosState } from "../lib/chaos";
export { DEFAULT_VERIFIED_SENDER, UNVERIFIED_SENDER_MESSAGE, type SenderIdentities } from "./sender-identity";

export interface SendGridEmulatorOptions {
  /** Accepted API keys; when omitted any key starting with "SG." is accepted. */
  apiKeys?: string[];
  /** Requests per window per API key on mail/send. Default 10,000 per minute. */
  rateLimit?: RateLimitConfig;
  eventWebhookUrl?: string;
  /** Emit processed then delivered for every recipient after a send. Default true. */
  emitDeliveryEvents?: boolean;
  /** Post pending events this long after they are queued; false = only on flushEvents(). Default 1,000. */
  autoFlushMs?: number | false;
  /** Event Webhook retries on non-2xx. Default 5 attempts, first retry after 1 s, doubling. */
  retry?: Partial<RetryConfig>;
  /**
   * Verified Single Senders and authenticated domains. Default: only "bookings@medbookings.local"
   * (the app's default SENDGRID_FROM_EMAIL); any other from is refused with 403, as SendGrid does.
   */
  senderIdentities?: SenderIdentities;
  /** Email Activity API requests per window per API key. Default SendGrid's 6 per minute. */
  activityRateLimit?: RateLimitConfig;
  /** Messages show in the Email Activity API only this long after acceptance. Default 0. */
  activityLagMs?: number;
  now?: () => number;
}

export interface SendGridTemplate {
  subject: string;
  html: string;
  text?: string;
}

export interface SendGridRenderedPersonalization {
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  subject: string;
  html: string | null;
  text: string | null;
  dynamicTemplateData: Record<string, unknown> | null;
}

export interface SendGridRecipientView {
  email: string;
  sgMessageId: string;
  events: SendGridEventType[];
}

export interface SendGridAttachmentView {
  filename: string;
  type: string | null;
  disposition: "attachment" | "inline";
  contentId: string | null;
  /** Decoded bytes. */
  size: number;
}

export interface SendGridMessageView {
  messageId: string;
  acceptedAt: string;
  from: MailAddress;
  replyTo: MailAddress | null;
  templateId: string | null;
  categories: string[];
  customArgs: Record<string, string>;
  personalizations: SendGridRenderedPersonalization[];
  recipients: SendGridRecipientView[];
  attachments: SendGridAttachmentView[];
}

/** One row of GET /v3/messages, as the Email Activity API answers. */
export interface SendGridActivityMessage {
  msg_id: string;
  from_email: string;
  subject: string;
  to_email: string;
  status: ActivityRow["status"];
  opens_count: number;
  clicks_count: number;
  /** ISO 8601 to the second, e.g. "2026-03-02T09:00:00Z". */
  last_event_time: string;
}

export interface SendGridSnapshot {
  publicKeyBase64Der: string;
  eventWebhookUrl: string | null;
  templates: ({ id: string } & SendGridTemplate)[];
  messages: SendGridMessageView[];
  events: SendGridWebhookEvent[];
  pendingEventCount: number;
  batches: BatchRecord[];
  senderIdentities: { senders: string[]; domains: string[] };
  suppressedBounces: string[];
  chaos: ChaosState;
}

export interface EventTarget {
  /** One recipient of the message; all recipients when omitted. */
  email?: string;
}

interface Recipient extends SendGridRecipientView {
  customArgs: Record<string, string>;
  /** Which personalization the recipient came from (subject and from of its copy). */
  personalization: number;
  lastEventAt: number;
}

interface StoredAttachment extends SendGridAttachmentView {
  content: string;
}

interface StoredMessage extends Omit<SendGridMessageView, "recipients" | "attachments"> {
  recipients: Recipient[];
  attachments: StoredAttachment[];
  acceptedAtMs: number;
  personalizationFroms: (MailAddress | null)[];
}

const MAX_BODY_BYTES = 30 * 1024 * 1024;
const DEFAULT_ACTIVITY_LIMIT = 10;
const MAX_ACTIVITY_LIMIT = 1000;

/**
 * Documented bounce addresses: a recipient whose local part is "bounce" or starts with "bounce+"
 * (bounce@example.com, bounce+ana@example.com, any domain) gets processed then bounce instead of
 * delivered, and lands on the bounce suppression list like any bounced address: later sends to it
 * are processed then dropped ("Bounced Address") until reset().
 */
export function isBounceAddress(email: string): boolean {
  return /^bounce(\+[^@]*)?@/i.test(email);
}

function errorBody(message: string): { errors: SendGridError[] } {
  return { errors: [{ message, field: null, help: null }] };
}

export class SendGridEmulator implements Emulator {
  readonly name = "sendgrid";
  private readonly now: () => number;
  private readonly limiter: FixedWindowRateLimiter;
  private readonly activityLimiter: FixedWindowRateLimiter;
  private readonly webhook: EventWebhookDispatcher;
  private readonly identities: SenderIdentityRegistry;
  private readonly chaos: Chaos;
  private readonly templates = new Map<string, SendGridTemplate>();
  private readonly messages: StoredMessage[] = [];
  /** The same messages by X-Message-Id, for the Inbox and the event controls. */
  private readonly messagesById = new Map<string, StoredMessage>();
  private readonly events: SendGridWebhookEvent[] = [];
  private readonly bounced = new Set<string>();
  private readonly accepted = new Map<string, number>();
  private eventWebhookUrl: string | undefined;
  private autoFlushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SendGridEmulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.limiter = new FixedWindowRateLimiter(
      options.rateLimit ?? { limit: 10_000, windowMs: 60_000 },
      this.now,
    );
    this.activityLimiter = new FixedWindowRateLimiter(options.activityRateLimit ?? { limit: 6, windowMs: 60_000 }, this.now);
    this.identities = new SenderIdentityRegistry(options.senderIdentities);
    this.chaos = new Chaos(this.now);
    this.eventWebhookUrl = options.eventWebhookUrl;
    this.webhook = new EventWebhookDispatcher(
      options.eventWebhookUrl,
      { maxAttempts: options.retry?.maxAttempts ?? 5, initialDelayMs: options.retry?.initialDelayMs ?? 1_000 },
      this.now,
    );
  }

  /** Base64 DER (SPKI) public key, the form SendGrid shows under Mail Settings. */
  get publicKeyBase64Der(): string {
    return this.webhook.publicKeyBase64Der;
  }

  registerTemplate(id: string, template: SendGridTemplate): void {
    this.templates.set(id, { ...template });
  }

  /** A Single Sender verified in SendGrid's console. */
  verifySender(email: string): void {
    this.identities.verifySender(email);
  }

  /** Domain authentication: every address at the domain may send. */
  authenticateDomain(domain: string): void {
    this.identities.authenticateDomain(domain);
  }

  setEventWebhookUrl(url: string | undefined): void {
    this.eventWebhookUrl = url;
    this.webhook.setUrl(url);
  }

  /** For `durationMs`, answer `fraction` of API requests with `status` instead of serving them. */
  setChaos(config: ChaosConfig): void {
    this.chaos.set(config);
  }

  clearChaos(): void {
    this.chaos.clear();
  }

  /**
   * Accepted (202) messages per custom_args.reference, counted once per personalization (each is
   * its own email in SendGrid); what a benchmark compares with what the app meant to send.
   */
  acceptedByReference(): Map<string, number> {
    return new Map(this.accepted);
  }

  /** The decoded bytes of an attachment, for the inbox; undefined when there is none. */
  attachment(messageId: string, index: number): { filename: string; type: string | null; body: Buffer } | undefined {
    const stored = this.messagesById.get(messageId)?.attachments[index];
    if (stored === undefined) return undefined;
    return { filename: stored.filename, type: stored.type, body: Buffer.from(stored.content, "base64") };
  }

  /** What GET /v3/messages answers, newest first. */
  activity(query = "", limit = DEFAULT_ACTIVITY_LIMIT): SendGridActivityMessage[] {
    const matches = compileActivityQuery(query);
    const visibleBefore = this.now() - (this.options.activityLagMs ?? 0);
    return this.activityRows()
      .filter((row) => row.acceptedAtMs <= visibleBefore && matches(row))
      .sort((a, b) => b.last_event_time - a.last_event_time)
      .slice(0, limit)
      .map((row) => ({
        msg_id: row.msg_id,
        from_email: row.from_email,
        subject: row.subject,
        to_email: row.to_email,
        status: row.status,
        opens_count: row.opens_count,
        clicks_count: row.clicks_count,
        last_event_time: new Date(Math.floor(row.last_event_time / 1000) * 1000).toISOString().replace(".000Z", "Z"),
      }));
  }

  flushEvents(): Promise<BatchRecord[]> {
    this.cancelAutoFlush();
    return this.webhook.flush();
  }

  redeliverLastBatch(): Promise<BatchRecord | undefined> {
    return this.webhook.redeliverLast();
  }

  /** A bounced address joins the bounce suppression list: later sends to it are dropped. */
  bounce(messageId: string, target: EventTarget & { reason?: string } = {}): SendGridWebhookEvent[] {
    const events = this.emit(messageId, "bounce", target.email, {
      reason: target.reason ?? "550 5.1.1 The email account that you tried to reach does not exist.",
      status: "5.1.1",
      type: "bounce",
      bounce_classification: "Invalid Address",
    });
    for (const event of events) this.bounced.add(event.email.toLowerCase());
    return events;
  }

  open(messageId: string, target: EventTarget = {}): SendGridWebhookEvent[] {
    return this.emit(messageId, "open", target.email, {
      useragent: "Mozilla/5.0 (local cloud)",
      ip: "127.0.0.1",
      sg_machine_open: false,
    });
  }

  click(messageId: string, target: EventTarget & { url: string }): SendGridWebhookEvent[] {
    return this.emit(messageId, "click", target.email, {
      url: target.url,
      useragent: "Mozilla/5.0 (local cloud)",
      ip: "127.0.0.1",
    });
  }

  drop(messageId: string, target: EventTarget & { reason?: string } = {}): SendGridWebhookEvent[] {
    return this.emit(messageId, "dropped", target.email, { reason: target.reason ?? "Bounced Address", status: "5.0.0" });
  }

  defer(messageId: string, target: EventTarget & { response?: string } = {}): SendGridWebhookEvent[] {
    return this.emit(messageId, "deferred", target.email, {
      response: target.response ?? "400 try again later",
      attempt: "1",
    });
  }

  spamReport(messageId: string, target: EventTarget = {}): SendGridWebhookEvent[] {
    return this.emit(messageId, "spamreport", target.email, {});
  }

  reset(): void {
    this.cancelAutoFlush();
    this.messages.length = 0;
    this.messagesById.clear();
    this.events.length = 0;
    this.bounced.clear();
    this.accepted.clear();
    this.chaos.clear();
    this.limiter.reset();
    this.activityLimiter.reset();
    this.webhook.reset();
  }

  snapshot(): SendGridSnapshot {
    return structuredClone({
      publicKeyBase64Der: this.publicKeyBase64Der,
      eventWebhookUrl: this.eventWebhookUrl ?? null,
      templates: [...this.templates].map(([id, template]) => ({ id, ...template })),
      messages: this.messages.map((message): SendGridMessageView => ({
        messageId: message.messageId,
        acceptedAt: message.acceptedAt,
        from: message.from,
        replyTo: message.replyTo,
        templateId: message.templateId,
        categories: message.categories,
        customArgs: message.customArgs,
        personalizations: message.personalizations,
        recipients: message.recipients.map(({ email, sgMessageId, events }) => ({ email, sgMessageId, events })),
        attachments: message.attachments.map(({ content: _content, ...view }) => view),
      })),
      events: this.events,
      pendingEventCount: this.webhook.pendingCount,
      batches: this.webhook.records(),
      senderIdentities: this.identities.list(),
      suppressedBounces: [...this.bounced].sort(),
      chaos: this.chaos.state(),
    });
  }

  close(): void {
    this.cancelAutoFlush();
    this.webhook.close();
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname.startsWith("/__control/")) return this.handleControl(req, res, url.pathname.slice(11));
    if (req.method === "POST" && url.pathname === "/v3/mail/send") return this.handleMailSend(req, res);
    if (req.method === "GET" && url.pathname === "/v3/messages") return this.handleActivity(req, res, url);
    await readBody(req);
    sendJson(res, 404, { errors: [{ message: "resource not found", field: null, help: null }] });
  }

  /** 401 for a missing or unknown key; otherwise the key. */
  private requireKey(req: http.IncomingMessage, res: http.ServerResponse): string | undefined {
    const apiKey = this.authenticate(req.headers.authorization);
    if (apiKey === undefined) {
      const message =
        req.headers.authorization === undefined
          ? "authorization required"
          : "The provided authorization grant is invalid, expired, or revoked";
      sendJson(res, 401, errorBody(message));
    }
    return apiKey;
  }

  /** Answers the request as an injected failure when chaos picks it; true when it did. */
  private refusedByChaos(res: http.ServerResponse, rateLimit: number): boolean {
    const decision = this.chaos.decide();
    if (decision === undefined) return false;
    if (decision.status === 429) {
      sendJson(res, 429, errorBody("too many requests"), {
        "x-ratelimit-limit": String(rateLimit),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(decision.resetAt),
      });
    } else if (decision.status === 503) {
      sendJson(res, 503, errorBody("The SendGrid v3 Web API is not available."), { "retry-after": String(decision.retryAfterSeconds) });
    } else {
      sendJson(res, 500, errorBody("An error occurred on a SendGrid server."));
    }
    return true;
  }

  private async handleMailSend(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const apiKey = this.requireKey(req, res);
    if (apiKey === undefined) return;
    const limit = this.options.rateLimit?.limit ?? 10_000;
    if (this.refusedByChaos(res, limit)) return;

    const rate = this.limiter.hit(apiKey);
    const rateHeaders = {
      "x-ratelimit-limit": String(rate.limit),
      "x-ratelimit-remaining": String(rate.remaining),
      "x-ratelimit-reset": String(rate.reset),
    };
    if (!rate.allowed) {
      sendJson(res, 429, errorBody("too many requests"), rateHeaders);
      return;
    }
    if (raw.length >= MAX_BODY_BYTES) {
      sendJson(res, 413, errorBody("The JSON payload you have included in your request is too large."), rateHeaders);
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      sendJson(res, 400, errorBody("Bad Request"), rateHeaders);
      return;
    }
    const errors = validateMailSend(body);
    if (errors.length > 0) {
      sendJson(res, 400, { errors }, rateHeaders);
      return;
    }
    const mail = body as MailSendBody;
    const froms = [mail.from, ...mail.personalizations.flatMap((personalization) => (personalization.from ? [personalization.from] : []))];
    if (froms.some((from) => !this.identities.isVerified(from.email))) {
      sendJson(res, 403, { errors: [unverifiedSenderError()] }, rateHeaders);
      return;
    }
    if (mail.mail_settings?.sandbox_mode?.enable === true) {
      res.writeHead(200, rateHeaders).end();
      return;
    }
    const messageId = randomBytes(16).toString("base64url");
    this.accept(messageId, mail);
    res.writeHead(202, { ...rateHeaders, "x-message-id": messageId, "content-length": "0" }).end();
  }

  private async handleActivity(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    await readBody(req);
    const apiKey = this.requireKey(req, res);
    if (apiKey === undefined) return;
    const configured = this.options.activityRateLimit?.limit ?? 6;
    if (this.refusedByChaos(res, configured)) return;
    const rate = this.activityLimiter.hit(apiKey);
    const rateHeaders = {
      "x-ratelimit-limit": String(rate.limit),
      "x-ratelimit-remaining": String(rate.remaining),
      "x-ratelimit-reset": String(rate.reset),
    };
    if (!rate.allowed) {
      sendJson(res, 429, errorBody("too many requests"), rateHeaders);
      return;
    }
    const limitParam = url.searchParams.get("limit");
    const limit = limitParam === null ? DEFAULT_ACTIVITY_LIMIT : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ACTIVITY_LIMIT) {
      sendJson(res, 400, { errors: [{ message: `limit must be a whole number from 1 to ${MAX_ACTIVITY_LIMIT}`, field: "limit", help: null }] }, rateHeaders);
      return;
    }
    try {
      sendJson(res, 200, { messages: this.activity(url.searchParams.get("query") ?? "", limit) }, rateHeaders);
    } catch (error) {
      if (!(error instanceof ActivityQueryError)) throw error;
      sendJson(res, 400, { errors: [{ message: `invalid query: ${error.message}`, field: "query", help: null }] }, rateHeaders);
    }
  }

  private authenticate(header: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
    const key = match?.[1];
    if (key === undefined) return undefined;
    const accepted = this.options.apiKeys ? this.options.apiKeys.includes(key) : key.startsWith("SG.");
    return accepted ? key : undefined;
  }

  private activityRows(): (ActivityRow & { acceptedAtMs: number })[] {
    return this.messages.flatMap((message) =>
      message.recipients.map((recipient) => {
        const events = recipient.events;
        const failed = events.includes("bounce") || events.includes("dropped");
        return {
          msg_id: recipient.sgMessageId,
          from_email: (message.personalizationFroms[recipient.personalization] ?? message.from).email,
          subject: message.personalizations[recipient.personalization]?.subject ?? "",
          to_email: recipient.email,
          status: failed ? "not_delivered" : events.includes("delivered") ? "delivered" : "processed",
          opens_count: events.filter((type) => type === "open").length,
          clicks_count: events.filter((type) => type === "click").length,
          last_event_time: recipient.lastEventAt,
          template_id: message.templateId,
          categories: message.categories,
          unique_args: recipient.customArgs,
          acceptedAtMs: message.acceptedAtMs,
        };
      }),
    );
  }

  private accept(messageId: string, mail: MailSendBody): void {
    const now = this.now();
    const templateId = mail.template_id ?? null;
    const customArgs = { ...mail.custom_args };
    const recipients: Recipient[] = [];
    const personalizations = mail.personalizations.map((personalization, index) => {
      const merged = { ...customArgs, ...personalization.custom_args };
      const reference = merged.reference;
      if (reference !== undefined) this.accepted.set(reference, (this.accepted.get(reference) ?? 0) + 1);
      for (const address of [...(personalization.to ?? []), ...(personalization.cc ?? []), ...(personalization.bcc ?? [])]) {
        recipients.push({
          email: address.email,
          sgMessageId: this.sgMessageId(messageId, recipients.length),
          events: [],
          customArgs: merged,
          personalization: index,
          lastEventAt: now,
        });
      }
      return this.render(mail, personalization);
    });
    const message: StoredMessage = {
      messageId,
      acceptedAt: new Date(now).toISOString(),
      acceptedAtMs: now,
      from: { ...mail.from },
      replyTo: mail.reply_to ? { ...mail.reply_to } : null,
      templateId,
      categories: [...(mail.categories ?? [])],
      customArgs,
      personalizations,
      personalizationFroms: mail.personalizations.map((personalization) => (personalization.from ? { ...personalization.from } : null)),
      recipients,
      attachments: (mail.attachments ?? []).map((attachment) => {
        const content = attachment.content.replace(/\r?\n/g, "");
        return {
          filename: attachment.filename,
          type: attachment.type ?? null,
          disposition: attachment.disposition ?? "attachment",
          contentId: attachment.content_id ?? null,
          size: Buffer.from(content, "base64").length,
          content,
        };
      }),
    };
    this.messages.push(message);
    this.messagesById.set(messageId, message);
    if (this.options.emitDeliveryEvents ?? true) {
      for (const recipient of recipients) {
        this.emitFor(message, recipient, "processed", {});
        const address = recipient.email.toLowerCase();
        if (this.bounced.has(address)) {
          this.emitFor(message, recipient, "dropped", { reason: "Bounced Address", status: "5.0.0" });
        } else if (isBounceAddress(address)) {
          this.bounced.add(address);
          this.emitFor(message, recipient, "bounce", {
            reason: "550 5.1.1 The email account that you tried to reach does not exist.",
            status: "5.1.1",
            type: "bounce",
            bounce_classification: "Invalid Address",
          });
        } else {
          this.emitFor(message, recipient, "delivered", { response: "250 OK", tls: 1, ip: "127.0.0.1" });
        }
      }
    }
  }

  private render(
    mail: MailSendBody,
    personalization: MailPersonalization,
  ): SendGridRenderedPersonalization {
    const base = {
      to: (personalization.to ?? []).map((address) => ({ ...address })),
      cc: (personalization.cc ?? []).map((address) => ({ ...address })),
      bcc: (personalization.bcc ?? []).map((address) => ({ ...address })),
    };
    if (mail.template_id !== undefined) {
      const data = personalization.dynamic_template_data ?? {};
      const template = this.templates.get(mail.template_id);
      if (template === undefined) {
        return {
          ...base,
          subject: personalization.subject ?? mail.subject ?? `(template ${mail.template_id})`,
          html: null,
          text: `Template ${mail.template_id} is not registered with the local cloud. Data: ${JSON.stringify(data)}`,
          dynamicTemplateData: data,
        };
      }
      const html = renderTemplate(template.html, data, { html: true });
      return {
        ...base,
        subject: renderTemplate(template.subject, data, { html: false }),
        html,
        text: template.text !== undefined ? renderTemplate(template.text, data, { html: false }) : htmlToText(html),
        dynamicTemplateData: data,
      };
    }
    const html = mail.content?.find((block) => block.type === "text/html")?.value ?? null;
    const text = mail.content?.find((block) => block.type === "text/plain")?.value ?? null;
    return {
      ...base,
      subject: personalization.subject ?? mail.subject ?? "",
      html,
      text: text ?? (html === null ? null : htmlToText(html)),
      dynamicTemplateData: null,
    };
  }

  private sgMessageId(messageId: string, index: number): string {
    const stamp = Math.floor(this.now() / 1000).toString(16).toUpperCase();
    return `${messageId}.filterdrecv-localcloud-1-${stamp}-${index}.0`;
  }

  private emit(
    messageId: string,
    type: SendGridEventType,
    email: string | undefined,
    extra: Record<string, unknown>,
  ): SendGridWebhookEvent[] {
    const message = this.messagesById.get(messageId);
    if (message === undefined) throw new Error(`sendgrid: no message with X-Message-Id ${messageId}`);
    const recipients = message.recipients.filter((recipient) => email === undefined || recipient.email === email);
    if (recipients.length === 0) throw new Error(`sendgrid: message ${messageId} has no recipient ${email}`);
    return recipients.map((recipient) => this.emitFor(message, recipient, type, extra));
  }

  private emitFor(
    message: StoredMessage,
    recipient: Recipient,
    type: SendGridEventType,
    extra: Record<string, unknown>,
  ): SendGridWebhookEvent {
    const event: SendGridWebhookEvent = {
      ...recipient.customArgs,
      email: recipient.email,
      timestamp: Math.floor(this.now() / 1000),
      event: type,
      sg_event_id: randomBytes(16).toString("base64url"),
      sg_message_id: recipient.sgMessageId,
      "smtp-id": `<${message.messageId}@localcloud.sendgrid.net>`,
      ...(message.categories.length > 0 ? { category: [...message.categories] } : {}),
      ...extra,
    };
    recipient.events.push(type);
    recipient.lastEventAt = this.now();
    this.events.push(event);
    this.webhook.enqueue(event);
    this.scheduleAutoFlush();
    return event;
  }

  private scheduleAutoFlush(): void {
    const delay = this.options.autoFlushMs ?? 1_000;
    if (delay === false || this.autoFlushTimer !== undefined) return;
    this.autoFlushTimer = setTimeout(() => {
      this.autoFlushTimer = undefined;
      void this.webhook.flush();
    }, delay);
    this.autoFlushTimer.unref();
  }

  private cancelAutoFlush(): void {
    if (this.autoFlushTimer !== undefined) clearTimeout(this.autoFlushTimer);
    this.autoFlushTimer = undefined;
  }

  private async handleControl(req: http.IncomingMessage, res: http.ServerResponse, action: string): Promise<void> {
    if (req.method === "GET" && action === "snapshot") {
      sendJson(res, 200, this.snapshot());
      return;
    }
    if (req.method === "GET" && action === "accepted-by-reference") {
      sendJson(res, 200, Object.fromEntries(this.accepted));
      return;
    }
    if (req.method !== "POST") {
      sendJson(res, 405, { error: "control endpoints take POST with a JSON body" });
      return;
    }
    const input = (await readJson<Record<string, unknown>>(req)) ?? {};
    const messageId = String(input.messageId ?? "");
    const email = typeof input.email === "string" ? input.email : undefined;
    const text = (key: string) => (typeof input[key] === "string" ? (input[key] as string) : undefined);
    try {
      const result = await this.runControl(action, input, messageId, email, text);
      if (result === undefined) sendJson(res, 404, { error: `unknown control ${action}` });
      else sendJson(res, 200, result.value ?? null);
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async runControl(
    action: string,
    input: Record<string, unknown>,
    messageId: string,
    email: string | undefined,
    text: (key: string) => string | undefined,
  ): Promise<{ value: unknown } | undefined> {
    switch (action) {
      case "templates":
        this.registerTemplate(String(input.id), {
          subject: String(input.subject ?? ""),
          html: String(input.html ?? ""),
          ...(text("text") !== undefined ? { text: text("text") } : {}),
        });
        return { value: { ok: true } };
      case "event-webhook-url":
        this.setEventWebhookUrl(text("url"));
        return { value: { ok: true } };
      case "flush":
        return { value: await this.flushEvents() };
      case "redeliver-last-batch":
        return { value: await this.redeliverLastBatch() };
      case "bounce":
        return { value: this.bounce(messageId, { email, reason: text("reason") }) };
      case "open":
        return { value: this.open(messageId, { email }) };
      case "click":
        return { value: this.click(messageId, { email, url: text("url") ?? "https://example.com/" }) };
      case "drop":
        return { value: this.drop(messageId, { email, reason: text("reason") }) };
      case "defer":
        return { value: this.defer(messageId, { email, response: text("response") }) };
      case "spamreport":
        return { value: this.spamReport(messageId, { email }) };
      case "verified-senders":
        if (text("email") !== undefined) this.verifySender(text("email") as string);
        if (text("domain") !== undefined) this.authenticateDomain(text("domain") as string);
        if (text("email") === undefined && text("domain") === undefined) throw new Error('give "email" or "domain"');
        return { value: this.identities.list() };
      case "chaos":
        if (input.fraction === 0) this.clearChaos();
        else this.setChaos(parseChaosConfig(input));
        return { value: this.chaos.state() };
      case "reset":
        this.reset();
        return { value: { ok: true } };
      default:
        return undefined;
    }
  }
}

export function createSendGridEmulator(options: SendGridEmulatorOptions = {}): SendGridEmulator {
  return new SendGridEmulator(options);
}
