import twilio from "twilio";

import type { MessageStatus } from "./client";

export const TWILIO_SIGNATURE_HEADER = "x-twilio-signature";

export type TwilioParams = Record<string, string>;

export type TwilioRequestVerifier = (url: string, params: TwilioParams, signature: string | null | undefined) => boolean;

/**
 * `url` must be the public URL Twilio called, query string included: behind a proxy rebuild it
 * from the configured public origin, not from the Host header the app sees.
 */
export function createTwilioRequestVerifier(authToken: string): TwilioRequestVerifier {
  return (url, params, signature) => {
    if (!signature) return false;
    try {
      return twilio.validateRequest(authToken, signature, url, params);
    } catch {
      return false;
    }
  };
}

let defaultVerifier: Promise<TwilioRequestVerifier> | undefined;

async function buildDefaultVerifier(): Promise<TwilioRequestVerifier> {
  const { env } = await import("~/env");
  // Without the auth token nothing can be trusted, so every request is rejected.
  return env.TWILIO_AUTH_TOKEN === undefined ? () => false : createTwilioRequestVerifier(env.TWILIO_AUTH_TOKEN);
}

export async function verifyTwilioRequest(
  url: string,
  params: TwilioParams,
  signature: string | null | undefined,
): Promise<boolean> {
  defaultVerifier ??= buildDefaultVerifier();
  return (await defaultVerifier)(url, params, signature);
}

export interface TwilioStatusEvent {
  messageSid: string;
  status: MessageStatus;
  channel: "sms" | "whatsapp";
  errorCode: number | null;
}

export interface TwilioInboundEvent {
  messageSid: string;
  channel: "sms" | "whatsapp";
  /** E.164 without the "whatsapp:" prefix. */
  from: string;
  to: string;
  body: string;
  buttonPayload: string | null;
  optOut: "STOP" | "START" | null;
}

function stripChannel(address: string): string {
  return address.replace(/^whatsapp:/, "");
}

export function parseStatusCallback(params: TwilioParams): TwilioStatusEvent {
  const errorCode = params.ErrorCode === undefined || params.ErrorCode === "" ? null : Number(params.ErrorCode);
  return {
    messageSid: params.MessageSid ?? params.SmsSid ?? "",
    status: (params.MessageStatus ?? params.SmsStatus ?? "queued") as MessageStatus,
    channel: params.ChannelPrefix === "whatsapp" || params.To?.startsWith("whatsapp:") ? "whatsapp" : "sms",
    errorCode: Number.isFinite(errorCode) ? errorCode : null,
  };
}

export function parseInboundMessage(params: TwilioParams): TwilioInboundEvent {
  const optOut = params.OptOutType === "STOP" || params.OptOutType === "START" ? params.OptOutType : null;
  return {
    messageSid: params.MessageSid ?? params.SmsMessageSid ?? "",
    channel: params.From?.startsWith("whatsapp:") ? "whatsapp" : "sms",
    from: stripChannel(params.From ?? ""),
    to: stripChannel(params.To ?? ""),
    body: params.Body ?? "",
    buttonPayload: params.ButtonPayload || null,
    optOut,
  };
}

const STATUS_RANK: Record<MessageStatus, number> = {
  accepted: 0,
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  partially_delivered: 4,
  read: 5,
  receiving: 5,
  received: 5,
  undelivered: 9,
  failed: 9,
  canceled: 9,
};

/**
 * Status callbacks arrive out of order; a status applies only if it moves the message forward,
 * and failed/undelivered/canceled are final.
 */
export function isStatusAdvance(current: MessageStatus, next: MessageStatus): boolean {
  return STATUS_RANK[current] < 9 && STATUS_RANK[next] > STATUS_RANK[current];
}
