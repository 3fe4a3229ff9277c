import { handleSendGridEvents } from "@/features/communications/server";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailableError } from "@/server/db/client";
import {
  parseSendGridEvents,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendGridEvent,
  type SendGridEvent,
} from "@/server/integrations/sendgrid/verify-webhook";
import { getLogger } from "@/server/logger";
import { plainAnswer } from "../plain-answer";

export const dynamic = "force-dynamic";

const WEBHOOK = "sendgrid.events";

/** SendGrid's signed Event Webhook: a JSON array of delivery events for the emails we sent. */
export async function POST(request: Request): Promise<Response> {
  const logger = getLogger();
  // The signature covers the exact bytes, so the body is verified before it is parsed.
  const rawBody = Buffer.from(await request.arrayBuffer());
  const verified = await verifySendGridEvent(
    rawBody,
    request.headers.get(SENDGRID_SIGNATURE_HEADER),
    request.headers.get(SENDGRID_TIMESTAMP_HEADER),
  );
  if (!verified) {
    logger.warn({ webhook: WEBHOOK, outcome: "bad-signature" }, "webhook refused");
    return plainAnswer(401, "The event webhook signature or timestamp header is missing or does not match this body.");
  }
  let events: SendGridEvent[];
  try {
    events = parseSendGridEvents(rawBody);
  } catch {
    return plainAnswer(400, "The body must be a JSON array of events.");
  }
  try {
    const outcome = await handleSendGridEvents({ db: getDatabase().db, now: new Date(), events });
    logger.info({ webhook: WEBHOOK, events: events.length, ...outcome }, "webhook handled");
    return plainAnswer(204);
  } catch (error) {
    logger.error({ webhook: WEBHOOK, err: error }, "webhook failed");
    // A non-2xx answer makes SendGrid post the batch again, for up to 24 hours.
    return plainAnswer(isDatabaseUnavailableError(error) ? 503 : 500);
  }
}
