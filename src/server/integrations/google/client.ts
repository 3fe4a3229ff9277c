import { calendar } from "@googleapis/calendar";
import { OAuth2Client, type OAuth2ClientOptions } from "google-auth-library";
import { AppError } from "@/lib/errors/app-error";
import { createCalendarVerbs, type CalendarVerbs } from "./calendar-verbs";
import { toAppError } from "./errors";
import type { AccessTokenGrant } from "./types";

export interface GoogleCalendarConfig {
  clientId: string;
  clientSecret: string;
  /** OAuth issuer base URL (the local cloud); unset = Google's own endpoints. */
  oauthBaseUrl?: string;
  /** Root URL of Google's REST APIs (the local cloud); unset = https://www.googleapis.com/. */
  apiRootUrl?: string;
}

export interface GoogleCalendarIntegration extends CalendarVerbs {
  /** Trades a stored refresh token for a new access token. `invalid_grant` → UNAUTHORIZED with reconnectRequired. */
  refreshAccessToken(input: { refreshToken: string }): Promise<AccessTokenGrant>;
  /** Revokes the whole grant (disconnect). A token Google no longer knows counts as revoked. */
  revokeToken(input: { token: string }): Promise<void>;
}

function oauthEndpoints(baseUrl: string | undefined): OAuth2ClientOptions["endpoints"] {
  if (baseUrl === undefined) return undefined;
  const base = baseUrl.replace(/\/+$/, "");
  return {
    oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`,
    oauth2TokenUrl: `${base}/token`,
    oauth2RevokeUrl: `${base}/revoke`,
    tokenInfoUrl: `${base}/oauth2/v3/tokeninfo`,
    oauth2FederatedSignonPemCertsUrl: `${base}/oauth2/v1/certs`,
    oauth2FederatedSignonJwkCertsUrl: `${base}/oauth2/v3/certs`,
  };
}

export function createGoogleCalendarIntegration(config: GoogleCalendarConfig): GoogleCalendarIntegration {
  const endpoints = oauthEndpoints(config.oauthBaseUrl);
  const rootUrl = config.apiRootUrl === undefined ? undefined : `${config.apiRootUrl.replace(/\/+$/, "")}/`;
  const oauthClient = () => new OAuth2Client({ clientId: config.clientId, clientSecret: config.clientSecret, endpoints });

  const api = (accessToken: string) => {
    const auth = oauthClient();
    auth.setCredentials({ access_token: accessToken });
    // No SDK retries: calendar writes run as jobs whose queue owns backoff with jitter.
    return calendar({ version: "v3", auth, rootUrl, retry: false });
  };

  return {
    ...createCalendarVerbs(api),

    async refreshAccessToken({ refreshToken }) {
      const client = oauthClient();
      client.setCredentials({ refresh_token: refreshToken });
      try {
        const { token } = await client.getAccessToken();
        const { expiry_date: expiryDate, scope } = client.credentials;
        if (!token || !expiryDate) throw new Error("Google returned no access token");
        return { accessToken: token, expiresAt: new Date(expiryDate), scopes: scope ? scope.split(" ") : [] };
      } catch (error) {
        throw toAppError(error, "oauth.refresh");
      }
    },

    async revokeToken({ token }) {
      try {
        await oauthClient().revokeToken(token);
      } catch (error) {
        const appError = toAppError(error, "oauth.revoke");
        if (appError.details?.status === 400) return;
        throw appError;
      }
    },
  };
}

let integration: Promise<GoogleCalendarIntegration> | undefined;

async function buildFromEnv(): Promise<GoogleCalendarIntegration> {
  // Imported lazily so modules (and their tests) that never call Google need no env.
  const { env } = await import("~/env");
  if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET) {
    throw new AppError("INTEGRATION_UNAVAILABLE", "Google is not configured: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET.", {
      vendor: "google",
      retryable: false,
    });
  }
  return createGoogleCalendarIntegration({
    clientId: env.GOOGLE_CLIENT_ID,
    clientSecret: env.GOOGLE_CLIENT_SECRET,
    oauthBaseUrl: env.GOOGLE_OAUTH_URL,
    apiRootUrl: env.GOOGLE_API_URL,
  });
}

/** The app's one integration instance, configured from env (the local cloud when its URLs are set). */
export function getGoogleCalendarIntegration(): Promise<GoogleCalendarIntegration> {
  integration ??= buildFromEnv().catch((error: unknown) => {
    integration = undefined;
    throw error;
  });
  return integration;
}
