import crypto from "node:crypto";

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
  return crypto.createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

/** Posts params form-encoded and signed, as Twilio calls a webhook. */
export async function postSigned(
  url: string,
  authToken: string,
  params: SignedParams,
): Promise<{ statusCode: number | null; error: string | null }> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const entry of Array.isArray(value) ? value : [value]) form.append(key, entry);
  }
  try {
    const response = await fetch(url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(15_000),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "TwilioProxy/1.1",
        "x-twilio-signature": twilioSignature(authToken, url, params),
      },
      body: form.toString(),
    });
    await response.arrayBuffer();
    return { statusCode: response.status, error: null };
  } catch (error) {
    return { statusCode: null, error: error instanceof Error ? error.message : String(error) };
  }
}
