import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { findProviderOwnedBy } from "./calendar-connection-repository";
import { CALENDAR_CONNECT_SCOPES } from "./connect-scopes";
import { createConnectState, idTokenNonce, pkceChallenge, pkceVerifier, type CalendarOwner } from "./connect-state";

export interface StartCalendarConnectionOptions {
  db: DbExecutor;
  google: Pick<GoogleCalendarIntegration, "authorizationUrl">;
  /** The app secret (NEXTAUTH_SECRET): signs the state and derives the PKCE verifier. */
  secret: string;
  redirectUri: string;
  user: { id: string; email: string | null };
  owner: CalendarOwner;
  now: Date;
}

export interface StartedCalendarConnection {
  authorizationUrl: string;
  /** For the httpOnly cookie the callback compares the state with. */
  nonce: string;
  expiresAt: Date;
}

/**
 * The first half of connecting a Google account (incremental authorization): Google's consent
 * page for the calendar scopes, with a state bound to this user, this owner and this browser.
 * Only providers can own calendars today; the owner is a parameter so locations can follow.
 */
export async function startCalendarConnection({ db, google, secret, redirectUri, user, owner, now }: StartCalendarConnectionOptions): Promise<StartedCalendarConnection> {
  const provider = await findProviderOwnedBy(db, user.id, owner.providerId);
  if (!provider) throw new AppError("NOT_FOUND", "We could not find your provider profile.");
  if (provider.status !== "APPROVED") {
    throw new AppError("FORBIDDEN", "Calendars can be connected once your provider profile is approved.");
  }
  const { state, nonce, expiresAt } = createConnectState({ secret, userId: user.id, owner, now });
  const authorizationUrl = google.authorizationUrl({
    redirectUri,
    scopes: CALENDAR_CONNECT_SCOPES,
    state,
    nonce: idTokenNonce(nonce),
    codeChallenge: pkceChallenge(pkceVerifier(secret, nonce)),
    // Most providers connect the account they signed in with: Google preselects it.
    loginHint: user.email,
  });
  return { authorizationUrl, nonce, expiresAt };
}
