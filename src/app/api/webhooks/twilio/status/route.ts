import { handleTwilioEvent } from "@/features/communications/server";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailableError } from "@/server/db/client";
import { parseStatusCallback } from "@/server/integrations/twilio/verify-webhook";
import { getLogger } from "@/server/logger";
import { plainAnswer } from "../../plain-answer";
import { readSignedTwilioForm } from "../signed-form";

export const dynamic = "force-dynamic";

const WEBHOOK = "twilio.status";

/**
 * Twilio's status callback for a message we sent. Our sender sets the callback URL with
 * `?ref=<notification id>`, so a callback finds its notification even before the MessageSid was stored.
 */
export async function POST(request: Request): Promise<Response> {
  const logger = getLogger();
  const params = await readSignedTwilioForm(request);
  if (params === null) {
    logger.warn({ webhook: WEBHOOK, outcome: "bad-signature" }, "webhook refused");
    return plainAnswer(401, "The X-Twilio-Signature header is missing or does not match this request.");
  }
  if (!params.MessageSid && !params.SmsSid) return plainAnswer(400, "MessageSid is missing.");
  if (!params.MessageStatus && !params.SmsStatus) return plainAnswer(400, "MessageStatus is missing.");
  const event = parseStatusCallback(params);
  try {
    const result = await handleTwilioEvent({
      db: getDatabase().db,
      now: new Date(),
      event,
      reference: new URL(request.url).searchParams.get("ref"),
    });
    logger.info({ webhook: WEBHOOK, outcome: result.outcome, status: event.status }, "webhook handled");
    return plainAnswer(204);
  } catch (error) {
    logger.error({ webhook: WEBHOOK, err: error }, "webhook failed");
    // Twilio retries a callback that failed; an unexplained failure says nothing of the request.
    return plainAnswer(isDatabaseUnavailableError(error) ? 503 : 500);
  }
}
