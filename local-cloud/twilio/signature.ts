import crypto from "node:crypto";

import type { WebhookPoster, WebhookResult } from "../lib/webhook-post";

export type SignedParams = Record<string, string | string[]>;

/**
 * X-Twilio-Signature: Base64(HMAC-SHA1(auth token, URL + each POST param sorted by name as
 * name+value)), the algorithm twilio.validateRequest checks.
 */
export function twilioSignature(authToken: string, url: string, params: SignedParams): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => {
      const value = params[key] ?? "";
      const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
      return acc + values.map((entry) => key + entry).join("");
    }, url);
  return crypto.createHmac("sha1", hmacKey(authToken)).update(data, "utf8").digest("base64");
}

// The auth token as a KeyObject, made once per token: turning the string into a key on every
// callback cost more than the HMAC itself. The signature is the same.
const hmacKeys = new Map<string, crypto.KeyObject>();

function hmacKey(authToken: string): crypto.KeyObject {
  let key = hmacKeys.get(authToken);
  if (key === undefined) {
    key = crypto.createSecretKey(Buffer.from(authToken, "utf8"));
    hmacKeys.set(authToken, key);
  }
  return key;
}

/** Posts params form-encoded and signed, as Twilio calls a webhook. */
export function postSigned(
  poster: WebhookPoster,
  url: string,
  authToken: string,
  params: SignedParams,
): Promise<WebhookResult> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const entry of Array.isArray(value) ? value : [value]) form.append(key, entry);
  }
  return poster.post(
    url,
    {
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": "TwilioProxy/1.1",
      "x-twilio-signature": twilioSignature(authToken, url, params),
    },
    form.toString(),
    15_000,
  );
}
