import crypto from "node:crypto";
import type http from "node:http";

import { Chaos, parseChaosConfig, type ChaosConfig, type ChaosState } from "../lib/chaos";
import { readBody, readForm, readJson, sendJson, type Emulator } from "../lib/http";
import { randomBytes } from "../lib/random-id";
import { WebhookPoster } from "../lib/webhook-post";
import {
  parseAddress,
  parseCreateMessage,
  type Channel,
  type ContentTemplate,
  type MessageRequest,
  type MessagingService,
} from "./create-message";
import { badRequest, TwilioApiError, twilioErrorMessage } from "./errors";
import { countSegments } from "./segments";
import { postSigned, type SignedParams } from "./signature";
import { DEFAULT_LANDLINES, DEFAULT_NOT_ON_WHATSAPP } from "./test-numbers";

export type { ContentTemplate, MessagingService } from "./create-message";
export type { ChaosConfig, ChaosState } from "../lib/chaos";
export { twilioSignature } from "./signature";
export { contentTemplatesEnv, DEMO_CONTENT_TEMPLATES, demoCardTemplate, type DemoContentTemplate } from "./demo-templates";
export { DEFAULT_LANDLINES, DEFAULT_NOT_ON_WHATSAPP, MAGIC_FROM, MAGIC_TO_SMS } from "./test-numbers";

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
}

export type MessageStatus =
  | "accepted"
  | "queued"
  | "sending"
  | "sent"
  | "delivered"
  | "read"
  | "failed"
  | "undelivered"
  | "received";

type ProgressStatus = "queued" | "sent" | "delivered" | "read" | "failed" | "undelivered";

export type CallbackOrder = "in-order" | "reversed" | "shuffled";

export interface TwilioEmulatorOptions {
  accounts: TwilioAccount[];
  messagingServices?: MessagingService[];
  /** Senders the accounts own ("+1555...", "whatsapp:+1555..."); omitted = any well-formed From. */
  senders?: string[];
  contentTemplates?: ContentTemplate[];
  /** Where patient replies are posted. */
  inboundWebhookUrl?: string;
  now?: () => number;
  /** Ms after creation at which each status is reached; false = only on flushCallbacks(). */
  callbackDelays?: Partial<Record<ProgressStatus, number>> | false;
  callbackOrder?: CallbackOrder;
  /**
   * A free-form WhatsApp message outside the 24-hour window: "fail" (Twilio's behaviour) accepts
   * it with 201 and then fails it with error 63016; "reject" answers 400 with code 63016.
   */
  outsideWindow?: "fail" | "reject";
  /** Numbers that cannot receive SMS (21614), besides the documented +15005550009. */
  landlines?: string[];
  /** Numbers without WhatsApp (63003 after acceptance), besides +15005550009 and +15005550010. */
  notOnWhatsApp?: string[];
}

export interface InboundMessage {
  from: string;
  to: string;
  body?: string;
  /** WhatsApp quick-reply button payload; ButtonText defaults to the body. */
  buttonPayload?: string;
  buttonText?: string;
  profileName?: string;
  mediaUrls?: string[];
  accountSid?: string;
}

export interface TwilioMessageView {
  sid: string;
  accountSid: string;
  direction: "outbound-api" | "inbound";
  channel: Channel;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  messagingServiceSid: string | null;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  numSegments: number;
  statusCallback: string | null;
  dateCreated: string;
  dateUpdated: string;
  dateSent: string | null;
  statusHistory: { status: MessageStatus; at: string }[];
}

export interface WebhookPostRecord {
  kind: "status" | "inbound";
  messageSid: string;
  url: string;
  params: SignedParams;
  statusCode: number | null;
  error: string | null;
}

export interface TwilioSnapshot {
  chaos: ChaosState;
  landlines: string[];
  notOnWhatsApp: string[];
  messages: TwilioMessageView[];
  optedOut: string[];
  whatsappWindows: { address: string; lastInboundAt: string; isOpen: boolean }[];
  pendingCallbacks: { messageSid: string; status: ProgressStatus }[];
  webhookPosts: WebhookPostRecord[];
}

interface StoredMessage extends Omit<TwilioMessageView, "dateCreated" | "dateUpdated" | "dateSent" | "statusHistory"> {
  dateCreated: number;
  dateUpdated: number;
  dateSent: number | null;
  statusHistory: { status: MessageStatus; at: number }[];
}

interface PendingTransition {
  messageSid: string;
  status: ProgressStatus;
  errorCode: number | null;
  timer: NodeJS.Timeout | undefined;
}

const API_VERSION = "2010-04-01";
const WINDOW_MS = 24 * 60 * 60 * 1000;
const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
const START_WORDS = new Set(["START", "YES", "UNSTOP"]);
const RANK: Record<MessageStatus, number> = {
  accepted: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  received: 5,
  failed: 9,
  undelivered: 9,
};
const DEFAULT_DELAYS: Record<ProgressStatus, number> = {
  queued: 100,
  sent: 300,
  delivered: 800,
  read: 1_500,
  failed: 300,
  undelivered: 800,
};
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages(?:\/(\w+))?\.json$/;

function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace("GMT", "+0000");
}

/** A DateSent filter value as [start, end) in ms: a whole GMT day for a date, one second for a time. */
function parseDateFilter(name: string, value: string): { start: number; end: number } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (!Number.isNaN(start)) return { start, end: start + 24 * 60 * 60 * 1000 };
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const start = Math.floor(Date.parse(value) / 1000) * 1000;
    if (!Number.isNaN(start)) return { start, end: start + 1000 };
  }
  throw new TwilioApiError(20422, 400, `${name} must be a GMT date (YYYY-MM-DD) or an ISO 8601 time, not ${value}`);
}

function integerParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TwilioApiError(20422, 400, `${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function sid(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
}

export class TwilioEmulator implements Emulator {
  readonly name = "twilio";
  private readonly now: () => number;
  private readonly messages: StoredMessage[] = [];
  /** The same messages by SID: status callbacks and GET Messages/{Sid} look them up per request. */
  private readonly messagesBySid = new Map<string, StoredMessage>();
  private readonly templates: ContentTemplate[];
  private readonly optedOut = new Set<string>();
  private readonly lastInbound = new Map<string, number>();
  private readonly undeliverableNumbers = new Map<string, number>();
  private readonly failures: number[] = [];
  /** Scheduled status changes in the order they were planned (a Set: timers remove theirs in O(1)). */
  private pending = new Set<PendingTransition>();
  private readonly posts: WebhookPostRecord[] = [];
  private inboundWebhookUrl: string | undefined;
  private callbackOrder: CallbackOrder;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly chaos: Chaos;
  private readonly accepted = new Map<string, number>();
  private readonly landlines = new Set<string>();
  private readonly notOnWhatsApp = new Set<string>();
  private readonly poster = new WebhookPoster();
  /** ChannelInstallSid per WhatsApp sender: a hash of the sender, the same for each of its callbacks. */
  private readonly channelInstallSids = new Map<string, string>();

  constructor(private readonly options: TwilioEmulatorOptions) {
    if (options.accounts.length === 0) throw new Error("twilio emulator: configure at least one account");
    this.now = options.now ?? Date.now;
    this.templates = [...(options.contentTemplates ?? [])];
    this.inboundWebhookUrl = options.inboundWebhookUrl;
    this.callbackOrder = options.callbackOrder ?? "in-order";
    this.chaos = new Chaos(this.now);
    this.restoreNumberSets();
  }

  /** This number cannot receive SMS: messages to it are refused with 21614 (and it has no WhatsApp). */
  markLandline(number: string): void {
    const parsed = parseAddress(number);
    if (parsed === undefined) throw new Error(`twilio: ${number} is not an E.164 number`);
    this.landlines.add(parsed.number);
    this.notOnWhatsApp.add(parsed.number);
  }

  /** This number has no WhatsApp account: WhatsApp to it is accepted, then fails with 63003. */
  markNotOnWhatsApp(number: string): void {
    const parsed = parseAddress(number);
    if (parsed === undefined) throw new Error(`twilio: ${number} is not an E.164 number`);
    this.notOnWhatsApp.add(parsed.number);
  }

  /** For `durationMs`, answer `fraction` of API requests with `status` instead of serving them. */
  setChaos(config: ChaosConfig): void {
    this.chaos.set(config);
  }

  clearChaos(): void {
    this.chaos.clear();
  }

  /**
   * Accepted (201) outbound messages per `ref` query parameter of their StatusCallback URL; what
   * a benchmark compares with what the app meant to send.
   */
  acceptedByReference(): Map<string, number> {
    return new Map(this.accepted);
  }

  /** The next `count` accepted messages fail with `errorCode` instead of being delivered. */
  failNext(count: number, errorCode = 30008): void {
    for (let index = 0; index < count; index += 1) this.failures.push(errorCode);
  }

  /** Messages to this number (with or without "whatsapp:") end undelivered. */
  undeliverable(number: string, errorCode?: number): void {
    const parsed = parseAddress(number);
    if (parsed === undefined) throw new Error(`twilio: ${number} is not an E.164 number`);
    this.undeliverableNumbers.set(parsed.number, errorCode ?? (parsed.channel === "whatsapp" ? 63024 : 30003));
  }

  registerContentTemplate(template: ContentTemplate): void {
    const index = this.templates.findIndex((candidate) => candidate.sid === template.sid);
    if (index >= 0) this.templates.splice(index, 1, { ...template });
    else this.templates.push({ ...template });
  }

  setInboundWebhookUrl(url: string | undefined): void {
    this.inboundWebhookUrl = url;
  }

  setCallbackOrder(order: CallbackOrder): void {
    this.callbackOrder = order;
  }

  /** Applies every pending status change now and posts its callback, awaiting the replies. */
  flushCallbacks(): Promise<WebhookPostRecord[]> {
    return this.serialize(async () => {
      const due = this.ordered([...this.pending]);
      this.pending = new Set();
      const records: WebhookPostRecord[] = [];
      for (const transition of due) {
        const record = await this.dispatch(transition);
        if (record !== undefined) records.push(record);
      }
      return records;
    });
  }

  /** A patient writes to one of our numbers: recorded, then posted signed to the inbound webhook. */
  inbound(input: InboundMessage): Promise<{ sid: string; webhook: WebhookPostRecord | undefined }> {
    return this.serialize(() => this.receive(input));
  }

  reset(): void {
    for (const transition of this.pending) clearTimeout(transition.timer);
    this.pending = new Set();
    this.messages.length = 0;
    this.messagesBySid.clear();
    this.optedOut.clear();
    this.lastInbound.clear();
    this.undeliverableNumbers.clear();
    this.failures.length = 0;
    this.posts.length = 0;
    this.accepted.clear();
    this.chaos.clear();
    this.restoreNumberSets();
  }

  private restoreNumberSets(): void {
    this.landlines.clear();
    this.notOnWhatsApp.clear();
    for (const number of [...DEFAULT_LANDLINES, ...(this.options.landlines ?? [])]) this.markLandline(number);
    for (const number of [...DEFAULT_NOT_ON_WHATSAPP, ...(this.options.notOnWhatsApp ?? [])]) this.markNotOnWhatsApp(number);
  }

  snapshot(): TwilioSnapshot {
    const now = this.now();
    return structuredClone({
      chaos: this.chaos.state(),
      landlines: [...this.landlines].sort(),
      notOnWhatsApp: [...this.notOnWhatsApp].sort(),
      messages: this.messages.map((message) => this.view(message)),
      optedOut: [...this.optedOut].map((key) => key.split("|")[1] as string),
      whatsappWindows: [...this.lastInbound].map(([address, at]) => ({
        address,
        lastInboundAt: new Date(at).toISOString(),
        isOpen: now - at < WINDOW_MS,
      })),
      pendingCallbacks: [...this.pending].map(({ messageSid, status }) => ({ messageSid, status })),
      webhookPosts: this.posts,
    });
  }

  close(): void {
    for (const transition of this.pending) clearTimeout(transition.timer);
    this.poster.close();
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    try {
      if (url.pathname.startsWith("/__control/")) {
        await this.handleControl(req, res, url.pathname.slice("/__control/".length));
        return;
      }
      const match = MESSAGES_PATH.exec(url.pathname);
      if (match === null) {
        await readBody(req);
        throw new TwilioApiError(20404, 404, url.pathname);
      }
      const account = this.authenticate(req.headers.authorization, match[1] as string);
      const decision = this.chaos.decide();
      if (decision !== undefined) {
        await readBody(req);
        const code = decision.status === 429 ? 20429 : decision.status === 503 ? 20503 : 20500;
        const headers: Record<string, string> = decision.status === 500 ? {} : { "retry-after": String(decision.retryAfterSeconds) };
        sendJson(res, decision.status, new TwilioApiError(code, decision.status).toBody(), headers);
        return;
      }
      const messageSid = match[2];
      if (req.method === "POST" && messageSid === undefined) {
        const message = this.create(account, await readForm(req));
        sendJson(res, 201, this.resource(message));
      } else if (req.method === "GET" && messageSid === undefined) {
        sendJson(res, 200, this.list(account, url));
      } else if (req.method === "GET") {
        const found = this.messagesBySid.get(messageSid as string);
        const message = found?.accountSid === account.accountSid ? found : undefined;
        if (message === undefined) throw new TwilioApiError(20404, 404, url.pathname);
        sendJson(res, 200, this.resource(message));
      } else {
        await readBody(req);
        throw new TwilioApiError(20404, 404, url.pathname);
      }
    } catch (error) {
      if (!(error instanceof TwilioApiError)) throw error;
      sendJson(res, error.status, error.toBody());
    }
  }

  private authenticate(header: string | undefined, pathAccountSid: string): TwilioAccount {
    const encoded = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
    const [username, password] = Buffer.from(encoded ?? "", "base64").toString("utf8").split(":");
    const account = this.options.accounts.find(
      (candidate) => candidate.accountSid === username && candidate.authToken === password,
    );
    if (account === undefined || account.accountSid !== pathAccountSid) {
      throw new TwilioApiError(20003, 401, "Your AccountSid or AuthToken was incorrect.");
    }
    return account;
  }

  private create(account: TwilioAccount, form: URLSearchParams): StoredMessage {
    const request = parseCreateMessage(form, {
      senders: this.options.senders,
      services: this.options.messagingServices ?? [],
      templates: this.templates,
    });
    if (request.to.channel === "sms" && this.optedOut.has(`${account.accountSid}|${request.to.number}`)) {
      throw badRequest(21610, request.to.address);
    }
    if (request.to.channel === "sms" && this.landlines.has(request.to.number)) throw badRequest(21614, request.to.address);
    const outsideWindow =
      request.to.channel === "whatsapp" && request.contentSid === null && !this.isWindowOpen(request.to.address);
    if (outsideWindow && this.options.outsideWindow === "reject") throw badRequest(63016);

    const now = this.now();
    const initial: MessageStatus = request.messagingServiceSid === null ? "queued" : "accepted";
    const message: StoredMessage = {
      sid: sid("SM"),
      accountSid: account.accountSid,
      direction: "outbound-api",
      channel: request.to.channel,
      from: request.from.address,
      to: request.to.address,
      body: request.body,
      mediaUrls: request.mediaUrls,
      messagingServiceSid: request.messagingServiceSid,
      contentSid: request.contentSid,
      contentVariables: request.contentVariables,
      status: initial,
      errorCode: null,
      errorMessage: null,
      numSegments: request.to.channel === "sms" ? countSegments(request.body) : 1,
      statusCallback: request.statusCallback,
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
      statusHistory: [{ status: initial, at: now }],
    };
    this.messages.push(message);
    this.messagesBySid.set(message.sid, message);
    this.countReference(request.statusCallback);
    this.plan(message, request, outsideWindow);
    return message;
  }

  private countReference(statusCallback: string | null): void {
    if (statusCallback === null) return;
    let reference: string | null = null;
    try {
      reference = new URL(statusCallback).searchParams.get("ref");
    } catch {
      return;
    }
    if (reference !== null && reference !== "") this.accepted.set(reference, (this.accepted.get(reference) ?? 0) + 1);
  }

  private plan(message: StoredMessage, request: MessageRequest, outsideWindow: boolean): void {
    const steps: [ProgressStatus, number | null][] = [];
    if (message.status === "accepted") steps.push(["queued", null]);
    const notOnWhatsApp = request.to.channel === "whatsapp" && this.notOnWhatsApp.has(request.to.number);
    const automaticFailure = outsideWindow ? 63016 : request.missingVariables ? 63028 : notOnWhatsApp ? 63003 : undefined;
    const failure = automaticFailure ?? this.failures.shift();
    const undeliverable = this.undeliverableNumbers.get(request.to.number);
    if (failure !== undefined) steps.push(["failed", failure]);
    else if (undeliverable !== undefined) steps.push(["sent", null], ["undelivered", undeliverable]);
    else {
      steps.push(["sent", null], ["delivered", null]);
      if (message.channel === "whatsapp") steps.push(["read", null]);
    }
    for (const [status, errorCode] of steps) {
      const transition: PendingTransition = { messageSid: message.sid, status, errorCode, timer: undefined };
      const delays = this.options.callbackDelays;
      if (delays !== false) {
        transition.timer = setTimeout(() => {
          void this.serialize(async () => {
            if (!this.pending.delete(transition)) return;
            await this.dispatch(transition);
          });
        }, delays?.[status] ?? DEFAULT_DELAYS[status]);
        transition.timer.unref();
      }
      this.pending.add(transition);
    }
  }

  private async dispatch(transition: PendingTransition): Promise<WebhookPostRecord | undefined> {
    clearTimeout(transition.timer);
    const message = this.messagesBySid.get(transition.messageSid);
    if (message === undefined) return undefined;
    const now = this.now();
    // Twilio's resource only moves forward even when callbacks arrive out of order.
    if (RANK[message.status] < 9 && RANK[transition.status] > RANK[message.status]) {
      message.status = transition.status;
      message.dateUpdated = now;
      if (transition.status === "sent") message.dateSent = now;
      if (transition.errorCode !== null) {
        message.errorCode = transition.errorCode;
        message.errorMessage = twilioErrorMessage(transition.errorCode);
      }
    }
    message.statusHistory.push({ status: transition.status, at: now });
    if (message.statusCallback === null) return undefined;
    return this.post("status", message, message.statusCallback, this.statusParams(message, transition));
  }

  private statusParams(message: StoredMessage, transition: PendingTransition): SignedParams {
    const params: SignedParams = {
      AccountSid: message.accountSid,
      ApiVersion: API_VERSION,
      From: message.from,
      To: message.to,
      MessageSid: message.sid,
      SmsSid: message.sid,
      MessageStatus: transition.status,
      SmsStatus: transition.status,
    };
    if (message.messagingServiceSid !== null) params.MessagingServiceSid = message.messagingServiceSid;
    if (transition.errorCode !== null) params.ErrorCode = String(transition.errorCode);
    if (message.channel === "whatsapp") {
      params.ChannelPrefix = "whatsapp";
      params.ChannelToAddress = message.to.slice("whatsapp:".length);
      params.ChannelInstallSid = this.channelInstallSid(message.from);
      params.StructuredMessage = "false";
      if (transition.status === "delivered" || transition.status === "read") {
        params.EventType = transition.status.toUpperCase();
      }
    } else if (transition.status === "delivered") {
      params.RawDlrDoneDate = new Date(this.now()).toISOString().replace(/\D/g, "").slice(2, 12);
    }
    return params;
  }

  private channelInstallSid(from: string): string {
    let value = this.channelInstallSids.get(from);
    if (value === undefined) {
      value = "XE" + crypto.createHash("sha256").update(from).digest("hex").slice(0, 32);
      this.channelInstallSids.set(from, value);
    }
    return value;
  }

  private async receive(input: InboundMessage): Promise<{ sid: string; webhook: WebhookPostRecord | undefined }> {
    const from = parseAddress(input.from);
    const to = parseAddress(input.to);
    if (from === undefined || to === undefined) throw new Error("twilio: inbound from/to must be E.164 numbers");
    if (from.channel !== to.channel) throw new Error("twilio: inbound from and to must use the same channel");
    const account = this.options.accounts.find((candidate) => candidate.accountSid === input.accountSid) ??
      (this.options.accounts[0] as TwilioAccount);
    const now = this.now();
    const body = input.body ?? input.buttonText ?? "";
    const mediaUrls = input.mediaUrls ?? [];
    const message: StoredMessage = {
      sid: sid("SM"),
      accountSid: account.accountSid,
      direction: "inbound",
      channel: from.channel,
      from: from.address,
      to: to.address,
      body,
      mediaUrls,
      messagingServiceSid: null,
      contentSid: null,
      contentVariables: null,
      status: "received",
      errorCode: null,
      errorMessage: null,
      numSegments: countSegments(body),
      statusCallback: null,
      dateCreated: now,
      dateUpdated: now,
      dateSent: now,
      statusHistory: [{ status: "received", at: now }],
    };
    this.messages.push(message);
    this.messagesBySid.set(message.sid, message);

    const params: SignedParams = {
      AccountSid: account.accountSid,
      ApiVersion: API_VERSION,
      MessageSid: message.sid,
      SmsMessageSid: message.sid,
      SmsSid: message.sid,
      SmsStatus: "received",
      From: from.address,
      To: to.address,
      Body: body,
      NumMedia: String(mediaUrls.length),
      NumSegments: String(message.numSegments),
    };
    mediaUrls.forEach((mediaUrl, index) => {
      params[`MediaUrl${index}`] = mediaUrl;
      params[`MediaContentType${index}`] = "image/jpeg";
    });
    if (from.channel === "whatsapp") {
      this.lastInbound.set(from.address, now);
      params.ProfileName = input.profileName ?? "Patient";
      params.WaId = from.number.slice(1);
      params.MessageType = input.buttonPayload !== undefined ? "button" : mediaUrls.length > 0 ? "image" : "text";
      params.ReferralNumMedia = "0";
      if (input.buttonPayload !== undefined) {
        params.ButtonPayload = input.buttonPayload;
        params.ButtonText = input.buttonText ?? body;
      }
    } else {
      const keyword = body.trim().toUpperCase();
      const key = `${account.accountSid}|${from.number}`;
      if (STOP_WORDS.has(keyword)) {
        this.optedOut.add(key);
        params.OptOutType = "STOP";
      } else if (START_WORDS.has(keyword)) {
        this.optedOut.delete(key);
        params.OptOutType = "START";
      }
    }
    const webhook =
      this.inboundWebhookUrl === undefined
        ? undefined
        : await this.post("inbound", message, this.inboundWebhookUrl, params);
    return { sid: message.sid, webhook };
  }

  private async post(
    kind: WebhookPostRecord["kind"],
    message: StoredMessage,
    url: string,
    params: SignedParams,
  ): Promise<WebhookPostRecord> {
    const account = this.options.accounts.find((candidate) => candidate.accountSid === message.accountSid) as TwilioAccount;
    const result = await postSigned(this.poster, url, account.authToken, params);
    const record: WebhookPostRecord = { kind, messageSid: message.sid, url, params, ...result };
    this.posts.push(record);
    return record;
  }

  private isWindowOpen(address: string): boolean {
    const last = this.lastInbound.get(address);
    return last !== undefined && this.now() - last < WINDOW_MS;
  }

  private ordered(transitions: PendingTransition[]): PendingTransition[] {
    if (this.callbackOrder === "reversed") return [...transitions].reverse();
    if (this.callbackOrder === "in-order") return [...transitions];
    const shuffled = [...transitions];
    for (let index = shuffled.length - 1; index > 0; index -= 1) {
      const other = Math.floor(Math.random() * (index + 1));
      [shuffled[index], shuffled[other]] = [shuffled[other] as PendingTransition, shuffled[index] as PendingTransition];
    }
    return shuffled;
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Messages.json list: newest first, filtered by To, From and DateSent (a GMT date = that day,
   * or a time; DateSent< / DateSent> are "on or before" / "on or after", and at midnight for a
   * bare date). Messages not yet sent have no date_sent and never match a DateSent filter.
   * Pages continue from a PageToken naming the last message of the previous page, so messages
   * created meanwhile do not shift what the next page holds.
   */
  private list(account: TwilioAccount, url: URL) {
    const params = url.searchParams;
    const to = params.get("To");
    const from = params.get("From");
    const sentOn = params.has("DateSent") ? parseDateFilter("DateSent", params.get("DateSent") as string) : undefined;
    const sentBefore = params.has("DateSent<") ? parseDateFilter("DateSent<", params.get("DateSent<") as string) : undefined;
    const sentAfter = params.has("DateSent>") ? parseDateFilter("DateSent>", params.get("DateSent>") as string) : undefined;
    // The SDK sends PageSize = limit when only a limit is given; Twilio caps pages at 1,000.
    const pageSize = Math.min(1000, integerParam(params, "PageSize", 50, 1, Number.MAX_SAFE_INTEGER));
    const page = integerParam(params, "Page", 0, 0, Number.MAX_SAFE_INTEGER);
    const pageToken = params.get("PageToken");

    const matching = this.messages
      .filter((message) => message.accountSid === account.accountSid)
      .filter((message) => (to === null || message.to === to) && (from === null || message.from === from))
      .filter((message) => {
        if (sentOn === undefined && sentBefore === undefined && sentAfter === undefined) return true;
        const sent = message.dateSent;
        if (sent === null) return false;
        const second = Math.floor(sent / 1000) * 1000;
        if (sentOn !== undefined && !(second >= sentOn.start && second < sentOn.end)) return false;
        if (sentBefore !== undefined && second > sentBefore.start) return false;
        if (sentAfter !== undefined && second < sentAfter.start) return false;
        return true;
      })
      .reverse();

    let start = page * pageSize;
    if (pageToken !== null) {
      const after = matching.findIndex((message) => `PA${message.sid}` === pageToken);
      if (after < 0) throw new TwilioApiError(20422, 400, `PageToken ${pageToken} does not name a message of this list`);
      start = after + 1;
    }
    const items = matching.slice(start, start + pageSize);
    const base = `/2010-04-01/Accounts/${account.accountSid}/Messages.json`;
    const query = (n: number, token?: string) => {
      const next = new URLSearchParams();
      for (const name of ["To", "From", "DateSent", "DateSent<", "DateSent>"]) {
        const value = params.get(name);
        if (value !== null) next.set(name, value);
      }
      next.set("PageSize", String(pageSize));
      next.set("Page", String(n));
      if (token !== undefined) next.set("PageToken", token);
      return `${base}?${next.toString()}`;
    };
    const last = items.at(-1);
    return {
      messages: items.map((message) => this.resource(message)),
      start,
      end: start + Math.max(0, items.length - 1),
      page,
      page_size: pageSize,
      uri: pageToken === null ? query(page) : query(page, pageToken),
      first_page_uri: query(0),
      next_page_uri: last !== undefined && start + items.length < matching.length ? query(page + 1, `PA${last.sid}`) : null,
      previous_page_uri: page > 0 ? query(page - 1) : null,
    };
  }

  private resource(message: StoredMessage) {
    const uri = `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`;
    return {
      account_sid: message.accountSid,
      api_version: API_VERSION,
      body: message.body,
      date_created: rfc2822(message.dateCreated),
      date_sent: message.dateSent === null ? null : rfc2822(message.dateSent),
      date_updated: rfc2822(message.dateUpdated),
      direction: message.direction,
      error_code: message.errorCode,
      error_message: message.errorMessage,
      // A Messaging Service picks the sender after accepting the message.
      from: message.status === "accepted" ? null : message.from,
      messaging_service_sid: message.messagingServiceSid,
      num_media: String(message.mediaUrls.length),
      num_segments: String(message.numSegments),
      price: null,
      price_unit: "USD",
      sid: message.sid,
      status: message.status,
      subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
      to: message.to,
      uri,
    };
  }

  private view(message: StoredMessage): TwilioMessageView {
    return {
      ...message,
      dateCreated: new Date(message.dateCreated).toISOString(),
      dateUpdated: new Date(message.dateUpdated).toISOString(),
      dateSent: message.dateSent === null ? null : new Date(message.dateSent).toISOString(),
      statusHistory: message.statusHistory.map(({ status, at }) => ({ status, at: new Date(at).toISOString() })),
    };
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
    try {
      const result = await this.runControl(action, input);
      if (result === undefined) sendJson(res, 404, { error: `unknown control ${action}` });
      else sendJson(res, 200, result.value ?? null);
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async runControl(action: string, input: Record<string, unknown>): Promise<{ value: unknown } | undefined> {
    const optionalNumber = (value: unknown) => (typeof value === "number" ? value : undefined);
    const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);
    switch (action) {
      case "fail-next":
        this.failNext(optionalNumber(input.count) ?? 1, optionalNumber(input.errorCode));
        return { value: { ok: true } };
      case "undeliverable":
        this.undeliverable(String(input.number), optionalNumber(input.errorCode));
        return { value: { ok: true } };
      case "inbound":
        return { value: await this.inbound(input as unknown as InboundMessage) };
      case "flush":
        return { value: await this.flushCallbacks() };
      case "callback-order":
        this.setCallbackOrder((optionalString(input.order) ?? "in-order") as CallbackOrder);
        return { value: { ok: true } };
      case "inbound-webhook-url":
        this.setInboundWebhookUrl(optionalString(input.url));
        return { value: { ok: true } };
      case "content-templates":
        this.registerContentTemplate({ sid: String(input.sid), body: String(input.body ?? "") });
        return { value: { ok: true } };
      case "landline":
        this.markLandline(String(input.number));
        return { value: { ok: true } };
      case "not-on-whatsapp":
        this.markNotOnWhatsApp(String(input.number));
        return { value: { ok: true } };
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

export function createTwilioEmulator(options: TwilioEmulatorOptions): TwilioEmulator {
  return new TwilioEmulator(options);
}
