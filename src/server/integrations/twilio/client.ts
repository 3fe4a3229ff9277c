import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";

import { AppError } from "@/lib/errors/app-error";

import { toAppError } from "./errors";

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Base URL replacing https://api.twilio.com; unset = Twilio's live API. */
  apiUrl?: string;
  messagingServiceSid?: string;
  smsFrom?: string;
  /** "whatsapp:+1555..." or a bare E.164 number. */
  whatsappFrom?: string;
  /** Where Twilio posts status changes for every message we send. */
  statusCallbackUrl?: string;
  timeoutMs?: number;
}

export type MessageStatus =
  | "accepted"
  | "scheduled"
  | "queued"
  | "sending"
  | "sent"
  | "delivered"
  | "read"
  | "undelivered"
  | "failed"
  | "canceled"
  | "partially_delivered"
  | "receiving"
  | "received";

export interface SentMessage {
  sid: string;
  status: MessageStatus;
}

export interface SendSmsInput {
  /** E.164, e.g. "+27821234567". */
  to: string;
  body: string;
  /** An opaque id of ours, added to the status callback URL as `ref` so callbacks find their message. */
  reference?: string;
}

/**
 * Free-form only within 24 h of the patient's last WhatsApp message; otherwise an approved
 * template. Keep patient data out of template variables: link to a signed manage page instead.
 */
export type SendWhatsAppInput = { to: string; reference?: string } & (
  | { body: string; mediaUrls?: string[] }
  | { contentSid: string; variables: Record<string, string> }
);

export interface RecentMessage {
  sid: string;
  status: MessageStatus;
  createdAt: Date;
}

export interface MessagingClient {
  sendSms(input: SendSmsInput): Promise<SentMessage>;
  sendWhatsApp(input: SendWhatsAppInput): Promise<SentMessage>;
  /**
   * Messages we sent to one number on one channel since a time, newest first. Twilio has no
   * idempotency key for sends, so after a worker died between Twilio's answer and our record of
   * it, this is how we find out whether the message went out.
   */
  listMessagesSentTo(input: { to: string; channel: "SMS" | "WHATSAPP"; since: Date }): Promise<RecentMessage[]>;
}

/** The SDK's documented extension point: every request goes through this client. */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+\.twilio\.com/, this.baseUrl) });
  }
}

function whatsappAddress(value: string): string {
  return value.startsWith("whatsapp:") ? value : `whatsapp:${value}`;
}

function notConfigured(what: string): AppError {
  return new AppError("INTEGRATION_UNAVAILABLE", `Messaging is not configured: ${what}.`, {
    vendor: "twilio",
    reason: "misconfigured",
    retryable: false,
  });
}

export function createMessagingClient(config: TwilioConfig): MessagingClient {
  const requestOptions = { timeout: config.timeoutMs ?? 10_000 };
  const sdk = twilio(config.accountSid, config.authToken, {
    httpClient:
      config.apiUrl === undefined
        ? new twilio.RequestClient(requestOptions)
        : new BaseUrlRequestClient(config.apiUrl.replace(/\/$/, ""), requestOptions),
  });
  const callbackFor = (reference: string | undefined) => {
    if (config.statusCallbackUrl === undefined) return {};
    if (reference === undefined) return { statusCallback: config.statusCallbackUrl };
    const url = new URL(config.statusCallbackUrl);
    url.searchParams.set("ref", reference);
    return { statusCallback: url.href };
  };

  async function create(reference: string | undefined, params: Parameters<typeof sdk.messages.create>[0]): Promise<SentMessage> {
    try {
      const message = await sdk.messages.create({ ...callbackFor(reference), ...params });
      return { sid: message.sid, status: message.status };
    } catch (error) {
      throw toAppError(error);
    }
  }

  const viaService =
    config.messagingServiceSid === undefined ? undefined : { messagingServiceSid: config.messagingServiceSid };

  return {
    async sendSms({ to, body, reference }) {
      const sender = config.smsFrom === undefined ? viaService : { from: config.smsFrom };
      if (sender === undefined) throw notConfigured("set TWILIO_SMS_FROM or TWILIO_MESSAGING_SERVICE_SID");
      return create(reference, { to, ...sender, body });
    },

    async sendWhatsApp(input) {
      const to = whatsappAddress(input.to);
      const viaNumber = config.whatsappFrom === undefined ? undefined : { from: whatsappAddress(config.whatsappFrom) };
      if ("contentSid" in input) {
        // Twilio documents templates as sent through a Messaging Service; a WhatsApp sender also works.
        const sender = viaService ?? viaNumber;
        if (sender === undefined) throw notConfigured("set TWILIO_MESSAGING_SERVICE_SID or TWILIO_WHATSAPP_FROM");
        return create(input.reference, { to, ...sender, contentSid: input.contentSid, contentVariables: JSON.stringify(input.variables) });
      }
      const sender = viaNumber ?? viaService;
      if (sender === undefined) throw notConfigured("set TWILIO_WHATSAPP_FROM or TWILIO_MESSAGING_SERVICE_SID");
      const media = input.mediaUrls !== undefined && input.mediaUrls.length > 0 ? { mediaUrl: input.mediaUrls } : {};
      return create(input.reference, { to, ...sender, body: input.body, ...media });
    },

    async listMessagesSentTo({ to, channel, since }) {
      try {
        // Not filtered by DateSent: a message still queued has no date_sent yet. Twilio lists
        // newest first, so the last 50 to this number cover any attempt worth asking about.
        const messages = await sdk.messages.list({ to: channel === "WHATSAPP" ? whatsappAddress(to) : to, limit: 50 });
        return messages
          .map((message) => ({ sid: message.sid, status: message.status, createdAt: new Date(message.dateCreated) }))
          .filter((message) => message.createdAt >= since);
      } catch (error) {
        throw toAppError(error);
      }
    },
  };
}

let defaultClient: Promise<MessagingClient> | undefined;

async function buildDefaultClient(): Promise<MessagingClient> {
  // Imported lazily so modules (and their tests) that never send messages need no env.
  const { env } = await import("~/env");
  if (env.TWILIO_ACCOUNT_SID === undefined || env.TWILIO_AUTH_TOKEN === undefined) {
    throw notConfigured("set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
  }
  return createMessagingClient({
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    apiUrl: env.TWILIO_API_URL,
    messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
    smsFrom: env.TWILIO_SMS_FROM,
    whatsappFrom: env.TWILIO_WHATSAPP_FROM,
    statusCallbackUrl: new URL("/api/webhooks/twilio/status", env.NEXTAUTH_URL).href,
  });
}

function getDefaultClient(): Promise<MessagingClient> {
  defaultClient ??= buildDefaultClient().catch((error: unknown) => {
    defaultClient = undefined;
    throw error;
  });
  return defaultClient;
}

export async function sendSms(input: SendSmsInput): Promise<SentMessage> {
  return (await getDefaultClient()).sendSms(input);
}

export async function sendWhatsApp(input: SendWhatsAppInput): Promise<SentMessage> {
  return (await getDefaultClient()).sendWhatsApp(input);
}
