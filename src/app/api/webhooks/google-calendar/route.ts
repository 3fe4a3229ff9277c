import { handleGoogleEvent } from "@/features/calendar-sync/server";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailableError } from "@/server/db/client";
import { readCalendarNotification } from "@/server/integrations/google/verify-webhook";
import { getLogger } from "@/server/logger";
import { plainAnswer } from "../plain-answer";

export const dynamic = "force-dynamic";

const WEBHOOK = "google.calendar";

/**
 * Google Calendar push notifications (events.watch channels). The body is empty: the headers name
 * the channel, and the feature checks its token and asks for a sync. Anything we do not accept is
 * answered 200 and dropped, as Google documents for unknown or stopped channels (an error answer
 * would only make Google retry it). Only our own failures get 5xx, which Google retries.
 */
export async function POST(request: Request): Promise<Response> {
  const logger = getLogger();
  const read = readCalendarNotification(request.headers);
  if (!read.ok) {
    logger.info({ webhook: WEBHOOK, outcome: "malformed" }, "webhook dropped");
    return plainAnswer(200);
  }
  try {
    const outcome = await handleGoogleEvent({ db: getDatabase().db, notification: read.notification, token: read.token, now: new Date() });
    // Channel ids and states only: no calendar, event or account names.
    logger.info({ webhook: WEBHOOK, outcome, state: read.notification.resourceState }, outcome === "sync-queued" || outcome === "initialised" ? "webhook handled" : "webhook dropped");
    return plainAnswer(200);
  } catch (error) {
    logger.error({ webhook: WEBHOOK, err: error }, "webhook failed");
    return plainAnswer(isDatabaseUnavailableError(error) ? 503 : 500);
  }
}
