import { calendar } from "@googleapis/calendar";
import { CodeChallengeMethod, OAuth2Client, type OAuth2ClientOptions } from "google-auth-library";
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

export interface AuthorizationUrlInput {
  /** Registered for the OAuth client in Google's console (and the local cloud). */
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  /** Comes back inside the ID token: binds the token to this authorization request. */
  nonce: string;
  /** PKCE (S256) challenge of the verifier the code exchange will send. */
  codeChallenge: string;
  /** Preselects the Google account on the consent page. */
  loginHint?: string | null;
}

export interface ExchangeCodeInput {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** The nonce sent with the authorization request; the ID token must carry the same. */
  nonce: string;
}

/** What a consent produced: tokens, the scopes Google actually granted, and the verified account. */
export interface AuthorizationGrant {
  accessToken: string;
  expiresAt: Date;
  /** Google sends one only at consent (`prompt=consent`); null otherwise. */
  refreshToken: string | null;
  scopes: string[];
  /** From the ID token, verified against the issuer's keys, audience, expiry and nonce. */
  account: { subject: string; email: string; emailVerified: boolean };
}

export interface GoogleCalendarIntegration extends CalendarVerbs {
  /**
   * Google's consent page for an incremental authorization: offline access (a refresh token),
   * consent shown again (so the refresh token is sent even for an account that consented
   * before), and the scopes granted earlier (sign-in) kept in the same grant.
   */
  authorizationUrl(input: AuthorizationUrlInput): string;
  /** Trades an authorization code for tokens and verifies the ID token that comes with them. */
  exchangeCode(input: ExchangeCodeInput): Promise<AuthorizationGrant>;
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
  // The local cloud signs ID tokens as its own issuer; unset = Google's defaults.
  const issuers = config.oauthBaseUrl === undefined ? undefined : [config.oauthBaseUrl.replace(/\/+$/, "")];
  const oauthClient = () => new OAuth2Client({ clientId: config.clientId, clientSecret: config.clientSecret, endpoints, issuers });

  const api = (accessToken: string) => {
    const auth = oauthClient();
    auth.setCredentials({ access_token: accessToken });
    // No SDK retries: calendar writes run as jobs whose queue owns backoff with jitter.
    return calendar({ version: "v3", auth, rootUrl, retry: false });
  };

  return {
    ...createCalendarVerbs(api),

    authorizationUrl(input) {
      return oauthClient().generateAuthUrl({
        response_type: "code",
        redirect_uri: input.redirectUri,
        scope: [...input.scopes],
        state: input.state,
        nonce: input.nonce,
        access_type: "offline",
        prompt: "consent",
        include_granted_scopes: true,
        code_challenge: input.codeChallenge,
        code_challenge_method: CodeChallengeMethod.S256,
        ...(input.loginHint ? { login_hint: input.loginHint } : {}),
      });
    },

    async exchangeCode({ code, redirectUri, codeVerifier, nonce }) {
      const client = oauthClient();
      let tokens;
      try {
        ({ tokens } = await client.getToken({ code, redirect_uri: redirectUri, codeVerifier }));
      } catch (error) {
        throw toAppError(error, "oauth.exchange");
      }
      if (!tokens.access_token || !tokens.expiry_date || !tokens.id_token) {
        throw new AppError("INTEGRATION_UNAVAILABLE", "Google returned no access token or ID token.", { vendor: "google", operation: "oauth.exchange", retryable: false });
      }
      let certs;
      try {
        ({ certs } = await client.getFederatedSignonCertsAsync());
      } catch (error) {
        throw toAppError(error, "oauth.certs");
      }
      let payload;
      try {
        payload = (await client.verifySignedJwtWithCertsAsync(tokens.id_token, certs, config.clientId, client.issuers)).getPayload();
      } catch {
        // A bad signature, audience, issuer or expiry: the library says which in a message we do not pass on.
        throw new AppError("UNAUTHORIZED", "Google's ID token could not be verified.", { vendor: "google", operation: "oauth.verify-id-token", retryable: false });
      }
      if (!payload?.sub || !payload.email || payload.nonce !== nonce) {
        throw new AppError("UNAUTHORIZED", "Google's ID token does not belong to this authorization request.", { vendor: "google", operation: "oauth.verify-id-token", retryable: false });
      }
      return {
        accessToken: tokens.access_token,
        expiresAt: new Date(tokens.expiry_date),
        refreshToken: tokens.refresh_token ?? null,
        scopes: tokens.scope ? tokens.scope.split(" ").filter(Boolean) : [],
        account: { subject: payload.sub, email: payload.email, emailVerified: payload.email_verified === true },
      };
    },

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
