import { TWILIO_SIGNATURE_HEADER, verifyTwilioRequest, type TwilioParams } from "@/server/integrations/twilio/verify-webhook";
import { env } from "~/env";

/**
 * A Twilio webhook's form parameters, or null when X-Twilio-Signature does not match them. Twilio
 * signs the URL it called, so it is rebuilt from our public origin (NEXTAUTH_URL) and the path and
 * query the app received: a proxy in front rewrites scheme, host and port, never the path or query.
 * Every parameter is signed, unknown ones included, so all of them are kept.
 */
export async function readSignedTwilioForm(request: Request): Promise<TwilioParams | null> {
  const received = new URL(request.url);
  const calledUrl = new URL(`${received.pathname}${received.search}`, new URL(env.NEXTAUTH_URL).origin).href;
  const params: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(await request.text())) params[key] = value;
  const verified = await verifyTwilioRequest(calledUrl, params, request.headers.get(TWILIO_SIGNATURE_HEADER));
  return verified ? params : null;
}
