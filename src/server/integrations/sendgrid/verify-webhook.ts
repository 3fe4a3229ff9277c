import crypto from "node:crypto";

export const SENDGRID_SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature";
export const SENDGRID_TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp";

export type SendGridEventType =
  | "processed"
  | "dropped"
  | "delivered"
  | "deferred"
  | "bounce"
  | "open"
  | "click"
  | "spamreport"
  | "unsubscribe"
  | "group_unsubscribe"
  | "group_resubscribe";

/** The fields we rely on; SendGrid adds more per event type, and custom args as top-level keys. */
export interface SendGridEvent {
  event: SendGridEventType;
  email: string;
  timestamp: number;
  sg_event_id: string;
  sg_message_id?: string;
  reference?: string;
  category?: string | string[];
  reason?: string;
  url?: string;
}

export type SendGridEventVerifier = (
  rawBody: Buffer | string,
  signature: string | null | undefined,
  timestamp: string | null | undefined,
) => boolean;

/**
 * SendGrid signs timestamp + raw body with ECDSA P-256 / SHA-256 and publishes the key as
 * Base64 DER, not PEM. No replay window is documented, so none is enforced here.
 */
export function createSendGridEventVerifier(publicKeyBase64Der: string): SendGridEventVerifier {
  const key = crypto.createPublicKey({ key: Buffer.from(publicKeyBase64Der, "base64"), format: "der", type: "spki" });
  return (rawBody, signature, timestamp) => {
    if (!signature || !timestamp) return false;
    const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
    try {
      return crypto.verify("sha256", Buffer.concat([Buffer.from(timestamp, "utf8"), body]), key, Buffer.from(signature, "base64"));
    } catch {
      return false;
    }
  };
}

/** Parses a verified batch; the caller dedupes on `sg_event_id` because SendGrid redelivers. */
export function parseSendGridEvents(rawBody: Buffer | string): SendGridEvent[] {
  const parsed: unknown = JSON.parse(typeof rawBody === "string" ? rawBody : rawBody.toString("utf8"));
  if (!Array.isArray(parsed)) throw new Error("SendGrid event batch must be a JSON array");
  return parsed.filter(
    (event): event is SendGridEvent =>
      typeof event === "object" &&
      event !== null &&
      typeof (event as SendGridEvent).event === "string" &&
      typeof (event as SendGridEvent).sg_event_id === "string",
  );
}

let defaultVerifier: Promise<SendGridEventVerifier> | undefined;

async function buildDefaultVerifier(): Promise<SendGridEventVerifier> {
  const { env } = await import("~/env");
  const key = env.SENDGRID_WEBHOOK_PUBLIC_KEY;
  // Without a key nothing can be trusted, so every request is rejected.
  return key === undefined ? () => false : createSendGridEventVerifier(key);
}

export async function verifySendGridEvent(
  rawBody: Buffer | string,
  signature: string | null | undefined,
  timestamp: string | null | undefined,
): Promise<boolean> {
  defaultVerifier ??= buildDefaultVerifier();
  return (await defaultVerifier)(rawBody, signature, timestamp);
}
