import crypto from "node:crypto";
import type http from "node:http";

import { readBody, readJson, sendJson, type Emulator } from "../lib/http";
import {
  EventWebhookDispatcher,
  type BatchRecord,
  type RetryConfig,
  type SendGridEventType,
  type SendGridWebhookEvent,
} from "./event-webhook";
import { FixedWindowRateLimiter, type RateLimitConfig } from "./rate-limiter";
import { htmlToText, renderTemplate } from "./render-template";
import {
  validateMailSend,
  type MailAddress,
  type MailPersonalization,
  type MailSendBody,
} from "./validate-mail";

export type { BatchRecord, SendGridEventType, SendGridWebhookEvent } from "./event-webhook";
export { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./event-webhook";
export type { MailAddress, SendGridError } from "./validate-mail";

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
}

export interface SendGridSnapshot {
  publicKeyBase64Der: string;
  eventWebhookUrl: string | null;
  templates: ({ id: string } & SendGridTemplate)[];
  messages: SendGridMessageView[];
  events: SendGridWebhookEvent[];
  pendingEventCount: number;
  batches: BatchRecord[];
}

export interface EventTarget {
  /** One recipient of the message; all recipients when omitted. */
  email?: string;
}

interface Recipient extends SendGridRecipientView {
  customArgs: Record<string, string>;
}

interface StoredMessage extends Omit<SendGridMessageView, "recipients"> {
  recipients: Recipient[];
}

export class SendGridEmulator implements Emulator {
  readonly name = "sendgrid";
  private readonly now: () => number;
  private readonly limiter: FixedWindowRateLimiter;
  private readonly webhook: EventWebhookDispatcher;
  private readonly templates = new Map<string, SendGridTemplate>();
  private readonly messages: StoredMessage[] = [];
  private readonly events: SendGridWebhookEvent[] = [];
  private eventWebhookUrl: string | undefined;
  private autoFlushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SendGridEmulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.limiter = new FixedWindowRateLimiter(
      options.rateLimit ?? { limit: 10_000, windowMs: 60_000 },
      this.now,
    );
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

  setEventWebhookUrl(url: string | undefined): void {
    this.eventWebhookUrl = url;
    this.webhook.setUrl(url);
  }

  flushEvents(): Promise<BatchRecord[]> {
    this.cancelAutoFlush();
    return this.webhook.flush();
  }

  redeliverLastBatch(): Promise<BatchRecord | undefined> {
    return this.webhook.redeliverLast();
  }

  bounce(messageId: string, target: EventTarget & { reason?: string } = {}): SendGridWebhookEvent[] {
    return this.emit(messageId, "bounce", target.email, {
      reason: target.reason ?? "550 5.1.1 The email account that you tried to reach does not exist.",
      status: "5.1.1",
      type: "bounce",
      bounce_classification: "Invalid Address",
    });
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
    this.events.length = 0;
    this.limiter.reset();
    this.webhook.reset();
  }

  snapshot(): SendGridSnapshot {
    return structuredClone({
      publicKeyBase64Der: this.publicKeyBase64Der,
      eventWebhookUrl: this.eventWebhookUrl ?? null,
      templates: [...this.templates].map(([id, template]) => ({ id, ...template })),
      messages: this.messages.map((message) => ({
        ...message,
        recipients: message.recipients.map(({ customArgs: _customArgs, ...view }) => view),
      })),
      events: this.events,
      pendingEventCount: this.webhook.pendingCount,
      batches: this.webhook.records(),
    });
  }

  close(): void {
    this.cancelAutoFlush();
    this.webhook.close();
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname.startsWith("/__control/")) return this.handleControl(req, res, url.pathname.slice(11));
    if (req.method === "POST" && url.pathname === "/v3/mail/send") return this.handleMailSend(req, res);
    await readBody(req);
    sendJson(res, 404, { errors: [{ message: "resource not found", field: null, help: null }] });
  }

  private async handleMailSend(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const apiKey = this.authenticate(req.headers.authorization);
    if (apiKey === undefined) {
      const message =
        req.headers.authorization === undefined
          ? "authorization required"
          : "The provided authorization grant is invalid, expired, or revoked";
      sendJson(res, 401, { errors: [{ message, field: null, help: null }] });
      return;
    }

    const rate = this.limiter.hit(apiKey);
    const rateHeaders = {
      "x-ratelimit-limit": String(rate.limit),
      "x-ratelimit-remaining": String(rate.remaining),
      "x-ratelimit-reset": String(rate.reset),
    };
    if (!rate.allowed) {
      sendJson(res, 429, { errors: [{ message: "too many requests", field: null, help: null }] }, rateHeaders);
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      sendJson(res, 400, { errors: [{ message: "Bad Request", field: null, help: null }] }, rateHeaders);
      return;
    }
    const errors = validateMailSend(body);
    if (errors.length > 0) {
      sendJson(res, 400, { errors }, rateHeaders);
      return;
    }
    const mail = body as MailSendBody;
    if (mail.mail_settings?.sandbox_mode?.enable === true) {
      res.writeHead(200, rateHeaders).end();
      return;
    }
    const messageId = crypto.randomBytes(16).toString("base64url");
    this.accept(messageId, mail);
    res.writeHead(202, { ...rateHeaders, "x-message-id": messageId, "content-length": "0" }).end();
  }

  private authenticate(header: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
    const key = match?.[1];
    if (key === undefined) return undefined;
    const accepted = this.options.apiKeys ? this.options.apiKeys.includes(key) : key.startsWith("SG.");
    return accepted ? key : undefined;
  }

  private accept(messageId: string, mail: MailSendBody): void {
    const templateId = mail.template_id ?? null;
    const customArgs = { ...mail.custom_args };
    const recipients: Recipient[] = [];
    const personalizations = mail.personalizations.map((personalization) => {
      for (const address of [...(personalization.to ?? []), ...(personalization.cc ?? []), ...(personalization.bcc ?? [])]) {
        recipients.push({
          email: address.email,
          sgMessageId: this.sgMessageId(messageId, recipients.length),
          events: [],
          customArgs: { ...customArgs, ...personalization.custom_args },
        });
      }
      return this.render(mail, personalization);
    });
    const message: StoredMessage = {
      messageId,
      acceptedAt: new Date(this.now()).toISOString(),
      from: { ...mail.from },
      replyTo: mail.reply_to ? { ...mail.reply_to } : null,
      templateId,
      categories: [...(mail.categories ?? [])],
      customArgs,
      personalizations,
      recipients,
    };
    this.messages.push(message);
    if (this.options.emitDeliveryEvents ?? true) {
      for (const recipient of recipients) {
        this.emitFor(message, recipient, "processed", {});
        this.emitFor(message, recipient, "delivered", { response: "250 OK", tls: 1, ip: "127.0.0.1" });
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
    const message = this.messages.find((candidate) => candidate.messageId === messageId);
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
      sg_event_id: crypto.randomBytes(16).toString("base64url"),
      sg_message_id: recipient.sgMessageId,
      "smtp-id": `<${message.messageId}@localcloud.sendgrid.net>`,
      ...(message.categories.length > 0 ? { category: [...message.categories] } : {}),
      ...extra,
    };
    recipient.events.push(type);
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
