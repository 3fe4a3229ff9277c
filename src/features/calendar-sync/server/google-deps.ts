import { createTokenCipher, parsePreviousKeys, type TokenCipher } from "@/server/auth/token-crypto";
import { getGoogleCalendarIntegration, type GoogleCalendarIntegration } from "@/server/integrations/google/client";

/** What connecting, choosing and disconnecting calendars need from outside the database. */
export interface CalendarGoogleDeps {
  google: GoogleCalendarIntegration;
  /** Seals and opens the connection tokens (TOKEN_ENCRYPTION_KEY, earlier keys for reading). */
  cipher: TokenCipher;
}

let cipher: TokenCipher | undefined;

/** The app's Google integration (the local cloud when its URLs are set) and token cipher, from env. */
export async function getCalendarGoogleDeps(): Promise<CalendarGoogleDeps> {
  // Imported lazily, like the integration itself: modules that never reach Google need no env.
  const { env } = await import("~/env");
  cipher ??= createTokenCipher({ writeKey: env.TOKEN_ENCRYPTION_KEY, previousKeys: parsePreviousKeys(env.TOKEN_ENCRYPTION_PREVIOUS_KEYS) });
  return { google: await getGoogleCalendarIntegration(), cipher };
}
