import { handleInboundMessage } from "@/features/communications/server";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailableError } from "@/server/db/client";
import { parseInboundMessage } from "@/server/integrations/twilio/verify-webhook";
import { getLogger } from "@/server/logger";
import { plainAnswer } from "../plain-answer";
import { readSignedTwilioForm } from "./signed-form";

export const dynamic = "force-dynamic";

const WEBHOOK = "twilio.inbound";

/** Answers go out as notifications through the send job, so Twilio is told to send nothing itself. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** A patient's WhatsApp or SMS message to one of our numbers (the number's "A message comes in" webhook). */
export async function POST(request: Request): Promise<Response> {
  const logger = getLogger();
  const params = await readSignedTwilioForm(request);
  if (params === null) {
    logger.warn({ webhook: WEBHOOK, outcome: "bad-signature" }, "webhook refused");
    return plainAnswer(401, "The X-Twilio-Signature header is missing or does not match this request.");
  }
  if (!params.MessageSid && !params.SmsMessageSid) return plainAnswer(400, "MessageSid is missing.");
  if (!params.From) return plainAnswer(400, "From is missing.");
  const message = parseInboundMessage(params);
  try {
    const result = await handleInboundMessage({ db: getDatabase().db, now: new Date(), message });
    // The outcome and the answer's purpose only: never the number or what the patient wrote.
    logger.info(
      { webhook: WEBHOOK, channel: message.channel, outcome: result.outcome, ...("purpose" in result ? { reply: result.purpose } : {}) },
      "webhook handled",
    );
    return new Response(EMPTY_TWIML, { status: 200, headers: { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" } });
  } catch (error) {
    logger.error({ webhook: WEBHOOK, err: error }, "webhook failed");
    return plainAnswer(isDatabaseUnavailableError(error) ? 503 : 500);
  }
}
