import { errorSummary } from "@/lib/errors/app-error";
import type { Logger } from "@/server/logger/logger";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import type { OpenChannel } from "./calendar-connection-repository";

/**
 * Tells Google to stop channels we already marked stopped. Best effort, after the commit: a
 * channel Google was not told about keeps sending until it expires, and the webhook drops
 * notifications of stopped channels, so a failure here changes nothing the provider sees.
 */
export async function stopChannelsAtGoogle(input: {
  google: Pick<GoogleCalendarIntegration, "stopChannel">;
  accessToken: string | null;
  channels: OpenChannel[];
  logger: Pick<Logger, "warn">;
}): Promise<number> {
  if (input.channels.length === 0) return 0;
  if (!input.accessToken) {
    input.logger.warn({ event: "calendar.channel_stop_skipped", channels: input.channels.length }, "no usable Google token to stop push channels; they expire on their own");
    return 0;
  }
  let stopped = 0;
  for (const channel of input.channels) {
    try {
      await input.google.stopChannel({ accessToken: input.accessToken, channelId: channel.id, resourceId: channel.resourceId });
      stopped += 1;
    } catch (error) {
      input.logger.warn({ event: "calendar.channel_stop_failed", channelId: channel.id, error: errorSummary(error) }, "Google did not stop a push channel; it expires on its own");
    }
  }
  return stopped;
}
