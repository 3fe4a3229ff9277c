import { createHash, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { readForm, sendJson, sendText } from "../lib/http";
import { IDENTITY_SCOPES, renderConsentPage, renderErrorPage } from "./consent-page";
import { randomString } from "./ids";
import { accessTokenHash, createSigningKey, signJwt } from "./jwt";

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface AccountConfig {
  email: string;
  name: string;
  picture?: string;
  sub?: string;
}

export interface Account {
  sub: string;
  email: string;
  name: string;
  givenName: string;
  familyName: string;
  picture?: string;
}

export interface AccessGrant {
  account: Account;
  clientId: string;
  scopes: string[];
}

export type Authentication = { ok: true; grant: AccessGrant } | { ok: false; reason: "missing" | "invalid" | "expired" };

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresIn: number;
  scope: string;
}

interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  offline: boolean;
  forceConsent: boolean;
  /** The consent page showed a checkbox per non-identity scope (Google's granular consent). */
  granular: boolean;
  includeGrantedScopes: boolean;
  codeChallenge?: string;
  codeChallengeMethod?: "plain" | "S256";
  expiresAt: number;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  sub: string;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "plain" | "S256";
  withRefreshToken: boolean;
  expiresAt: number;
  used: boolean;
}

interface RefreshTokenRecord {
  clientId: string;
  sub: string;
  scopes: string[];
  issuedAt: number;
  revoked: boolean;
}

interface AccessTokenRecord {
  clientId: string;
  sub: string;
  scopes: string[];
  expiresAt: number;
  refreshToken?: string;
  revoked: boolean;
}

export interface OAuthOptions {
  clients: OAuthClientConfig[];
  accounts: AccountConfig[];
  now: () => number;
  issuer: () => string;
  accessTokenTtlSeconds: number;
  /** Google drops refresh tokens of "Testing" apps after 7 days; unset = they never expire. */
  refreshTokenTtlSeconds?: number;
}

const CODE_TTL_MS = 10 * 60_000;
const AUTH_REQUEST_TTL_MS = 60 * 60_000;
/** Google keeps at most 100 refresh tokens per account and client and silently drops the oldest. */
const MAX_REFRESH_TOKENS_PER_GRANT = 100;
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

function numericSub(email: string): string {
  const digest = createHash("sha256").update(email.toLowerCase()).digest();
  const n = digest.readBigUInt64BE(0) * 1000n + BigInt(digest.readUInt16BE(8) % 1000);
  return `1${n.toString().padStart(20, "0").slice(-20)}`;
}

function toAccount(config: AccountConfig): Account {
  const [givenName = config.name, ...rest] = config.name.trim().split(/\s+/);
  return {
    sub: config.sub ?? numericSub(config.email),
    email: config.email,
    name: config.name,
    givenName,
    familyName: rest.join(" "),
    picture: config.picture,
  };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

const oauthError = (res: http.ServerResponse, status: number, error: string, description: string) =>
  sendJson(res, status, { error, error_description: description }, NO_STORE);

export function createOAuthServer(options: OAuthOptions) {
  const { now } = options;
  const key = createSigningKey();
  const accounts = options.accounts.map(toAccount);
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const pending = new Map<string, PendingAuthorization>();
  const codes = new Map<string, AuthorizationCode>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();
  const accessTokens = new Map<string, AccessTokenRecord>();
  /**
   * `${clientId} ${sub}` of every consent given and not revoked, with every scope ever granted in it:
   * decides whether a refresh token is sent and what `include_granted_scopes=true` adds.
   */
  const grants = new Map<string, Set<string>>();
  function recordGrant(clientId: string, sub: string, scopes: string[]): void {
    const key = grantKey(clientId, sub);
    const granted = grants.get(key) ?? new Set<string>();
    for (const scope of scopes) granted.add(scope);
    grants.set(key, granted);
  }

  const grantKey = (clientId: string, sub: string) => `${clientId} ${sub}`;
  const accountBySub = (sub: string) => accounts.find((a) => a.sub === sub);
  const issuer = () => options.issuer();

  function discovery() {
    const base = issuer();
    return {
      issuer: base,
      authorization_endpoint: `${base}/o/oauth2/v2/auth`,
      token_endpoint: `${base}/token`,
      userinfo_endpoint: `${base}/v1/userinfo`,
      revocation_endpoint: `${base}/revoke`,
      jwks_uri: `${base}/oauth2/v3/certs`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", "email", "profile"],
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      claims_supported: [
        "aud",
        "email",
        "email_verified",
        "exp",
        "family_name",
        "given_name",
        "iat",
        "iss",
        "name",
        "picture",
        "sub",
      ],
      code_challenge_methods_supported: ["plain", "S256"],
      grant_types_supported: ["authorization_code", "refresh_token"],
    };
  }

  function issueAccessToken(clientId: string, sub: string, scopes: string[], refreshToken?: string): string {
    const token = `ya29.${randomString(48)}`;
    accessTokens.set(token, {
      clientId,
      sub,
      scopes,
      expiresAt: now() + options.accessTokenTtlSeconds * 1000,
      refreshToken,
      revoked: false,
    });
    return token;
  }

  function issueRefreshToken(clientId: string, sub: string, scopes: string[]): string {
    const token = `1//${randomString(48)}`;
    refreshTokens.set(token, { clientId, sub, scopes, issuedAt: now(), revoked: false });
    const live = [...refreshTokens.entries()].filter(
      ([, r]) => !r.revoked && r.clientId === clientId && r.sub === sub,
    );
    for (const [oldest] of live.slice(0, Math.max(0, live.length - MAX_REFRESH_TOKENS_PER_GRANT))) {
      revokeRefresh(oldest);
    }
    return token;
  }

  function idToken(clientId: string, account: Account, accessToken: string, nonce?: string): string {
    const iat = Math.floor(now() / 1000);
    return signJwt(key, {
      iss: issuer(),
      azp: clientId,
      aud: clientId,
      sub: account.sub,
      email: account.email,
      email_verified: true,
      at_hash: accessTokenHash(accessToken),
      ...(nonce === undefined ? {} : { nonce }),
      name: account.name,
      ...(account.picture ? { picture: account.picture } : {}),
      given_name: account.givenName,
      ...(account.familyName ? { family_name: account.familyName } : {}),
      iat,
      exp: iat + 3600,
    });
  }

  function tokensFor(
    clientId: string,
    account: Account,
    scopes: string[],
    withRefreshToken: boolean,
    nonce?: string,
  ): IssuedTokens {
    const refreshToken = withRefreshToken ? issueRefreshToken(clientId, account.sub, scopes) : undefined;
    const accessToken = issueAccessToken(clientId, account.sub, scopes, refreshToken);
    recordGrant(clientId, account.sub, scopes);
    return {
      accessToken,
      refreshToken,
      idToken: scopes.includes("openid") ? idToken(clientId, account, accessToken, nonce) : undefined,
      expiresIn: options.accessTokenTtlSeconds,
      scope: scopes.join(" "),
    };
  }

  function tokenResponse(tokens: IssuedTokens) {
    return {
      access_token: tokens.accessToken,
      expires_in: tokens.expiresIn,
      ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
      scope: tokens.scope,
      token_type: "Bearer",
      ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
    };
  }

  function revokeRefresh(token: string): boolean {
    const record = refreshTokens.get(token);
    if (!record || record.revoked) return false;
    record.revoked = true;
    for (const access of accessTokens.values()) {
      if (access.refreshToken === token) access.revoked = true;
    }
    return true;
  }

  function revoke(token: string): boolean {
    if (refreshTokens.has(token)) {
      const record = refreshTokens.get(token)!;
      const revoked = revokeRefresh(token);
      if (revoked) grants.delete(grantKey(record.clientId, record.sub));
      return revoked;
    }
    const access = accessTokens.get(token);
    if (!access || access.revoked || access.expiresAt <= now()) return false;
    access.revoked = true;
    // Revoking an access token that came with a refresh token revokes the whole grant, as Google documents.
    if (access.refreshToken) revokeRefresh(access.refreshToken);
    grants.delete(grantKey(access.clientId, access.sub));
    return true;
  }

  function refreshTokenState(record: RefreshTokenRecord | undefined): "live" | "dead" {
    if (!record || record.revoked) return "dead";
    if (options.refreshTokenTtlSeconds !== undefined && record.issuedAt + options.refreshTokenTtlSeconds * 1000 <= now()) {
      return "dead";
    }
    return "live";
  }

  function authenticate(authorization: string | undefined): Authentication {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match) return { ok: false, reason: "missing" };
    const record = accessTokens.get(match[1]!);
    if (!record || record.revoked) return { ok: false, reason: "invalid" };
    if (record.expiresAt <= now()) return { ok: false, reason: "expired" };
    const account = accountBySub(record.sub);
    if (!account) return { ok: false, reason: "invalid" };
    return { ok: true, grant: { account, clientId: record.clientId, scopes: record.scopes } };
  }

  function renderError(res: http.ServerResponse, status: number, error: string, description: string) {
    sendText(res, status, renderErrorPage({ status, error, description }), "text/html; charset=utf-8");
  }

  function authorize(res: http.ServerResponse, url: URL) {
    const params = url.searchParams;
    const clientId = params.get("client_id");
    const client = clientId ? clients.get(clientId) : undefined;
    if (!client) return renderError(res, 401, "invalid_client", "The OAuth client was not found.");
    const redirectUri = params.get("redirect_uri") ?? "";
    if (!client.redirectUris.includes(redirectUri)) {
      return renderError(
        res,
        400,
        "redirect_uri_mismatch",
        `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. Request details: redirect_uri=${redirectUri}`,
      );
    }
    const responseType = params.get("response_type");
    if (responseType !== "code") {
      return renderError(res, 400, "unsupported_response_type", `Unsupported response_type: ${responseType ?? "(missing)"}. The local cloud supports only "code".`);
    }
    const scopes = (params.get("scope") ?? "").split(/\s+/).filter(Boolean);
    if (scopes.length === 0) return renderError(res, 400, "invalid_request", "Missing required parameter: scope");
    const codeChallenge = params.get("code_challenge") ?? undefined;
    const method = params.get("code_challenge_method") ?? (codeChallenge ? "plain" : undefined);
    if (method !== undefined && method !== "plain" && method !== "S256") {
      return renderError(res, 400, "invalid_request", `Invalid code_challenge_method: ${method}`);
    }
    if (method !== undefined && !codeChallenge) {
      return renderError(res, 400, "invalid_request", "code_challenge_method requires code_challenge");
    }
    const prompt = (params.get("prompt") ?? "").split(/\s+/);
    const requestId = randomString(24);
    // Google's granular consent: with more than one scope requested, each non-sign-in scope gets its own checkbox.
    const granular = scopes.length > 1 && scopes.some((scope) => !IDENTITY_SCOPES.has(scope));
    pending.set(requestId, {
      clientId: client.clientId,
      redirectUri,
      scopes,
      state: params.get("state") ?? undefined,
      nonce: params.get("nonce") ?? undefined,
      offline: params.get("access_type") === "offline",
      forceConsent: prompt.includes("consent"),
      granular,
      includeGrantedScopes: params.get("include_granted_scopes") === "true",
      codeChallenge,
      codeChallengeMethod: method,
      expiresAt: now() + AUTH_REQUEST_TTL_MS,
    });
    sendText(
      res,
      200,
      renderConsentPage({ requestId, clientId: client.clientId, accounts, scopes, granular, action: url.pathname }),
      "text/html; charset=utf-8",
      NO_STORE,
    );
  }

  async function consent(req: http.IncomingMessage, res: http.ServerResponse) {
    const form = await readForm(req);
    const requestId = form.get("request_id") ?? "";
    const request = pending.get(requestId);
    if (!request || request.expiresAt <= now()) {
      return renderError(res, 400, "invalid_request", "This sign-in request has expired. Start again from the app.");
    }
    pending.delete(requestId);
    const redirect = new URL(request.redirectUri);
    if (request.state !== undefined) redirect.searchParams.set("state", request.state);
    if (form.get("deny")) {
      redirect.searchParams.set("error", "access_denied");
      res.writeHead(302, { location: redirect.toString() });
      return res.end();
    }
    const account = accountBySub(form.get("account") ?? "");
    if (!account) return renderError(res, 400, "invalid_request", "Unknown account.");
    const firstConsent = !grants.has(grantKey(request.clientId, account.sub));
    // Unticked checkboxes are simply absent from the form, as a browser sends it.
    const ticked = new Set(form.getAll("scope"));
    const granted = request.scopes.filter((scope) => !request.granular || IDENTITY_SCOPES.has(scope) || ticked.has(scope));
    if (request.includeGrantedScopes) {
      for (const scope of grants.get(grantKey(request.clientId, account.sub)) ?? []) {
        if (!granted.includes(scope)) granted.push(scope);
      }
    }
    if (granted.length === 0) {
      redirect.searchParams.set("error", "access_denied");
      res.writeHead(302, { location: redirect.toString(), ...NO_STORE });
      return res.end();
    }
    const code = `4/${randomString(48)}`;
    codes.set(code, {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      sub: account.sub,
      scopes: granted,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      withRefreshToken: request.offline && (firstConsent || request.forceConsent),
      expiresAt: now() + CODE_TTL_MS,
      used: false,
    });
    recordGrant(request.clientId, account.sub, granted);
    redirect.searchParams.set("code", code);
    redirect.searchParams.set("scope", granted.join(" "));
    redirect.searchParams.set("authuser", String(accounts.indexOf(account)));
    redirect.searchParams.set("prompt", firstConsent || request.forceConsent ? "consent" : "none");
    res.writeHead(302, { location: redirect.toString(), ...NO_STORE });
    res.end();
  }

  function authenticateClient(req: http.IncomingMessage, form: URLSearchParams): OAuthClientConfig | "unknown" | "bad_secret" {
    let clientId = form.get("client_id") ?? undefined;
    let secret = form.get("client_secret") ?? undefined;
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (basic) {
      const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const decode = (v: string) => decodeURIComponent(v.replace(/\+/g, " "));
      clientId = decode(decoded.slice(0, colon));
      secret = decode(decoded.slice(colon + 1));
    }
    const client = clientId ? clients.get(clientId) : undefined;
    if (!client) return "unknown";
    if (!secret || !safeEqual(secret, client.clientSecret)) return "bad_secret";
    return client;
  }

  async function token(req: http.IncomingMessage, res: http.ServerResponse) {
    const form = await readForm(req);
    const client = authenticateClient(req, form);
    if (client === "unknown") return oauthError(res, 401, "invalid_client", "The OAuth client was not found.");
    if (client === "bad_secret") return oauthError(res, 401, "invalid_client", "Unauthorized");
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code") return exchangeCode(res, client, form);
    if (grantType === "refresh_token") return refresh(res, client, form);
    return oauthError(res, 400, "unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
  }

  function exchangeCode(res: http.ServerResponse, client: OAuthClientConfig, form: URLSearchParams) {
    const record = codes.get(form.get("code") ?? "");
    if (!record || record.clientId !== client.clientId) return oauthError(res, 400, "invalid_grant", "Malformed auth code.");
    if (record.used || record.expiresAt <= now()) return oauthError(res, 400, "invalid_grant", "Bad Request");
    // Google burns a code on its first redemption attempt, even a failed one.
    record.used = true;
    if (form.get("redirect_uri") !== record.redirectUri) return oauthError(res, 400, "redirect_uri_mismatch", "Bad Request");
    if (record.codeChallenge) {
      const verifier = form.get("code_verifier");
      if (!verifier) return oauthError(res, 400, "invalid_grant", "Missing code verifier.");
      const computed = record.codeChallengeMethod === "S256" ? s256(verifier) : verifier;
      if (!safeEqual(computed, record.codeChallenge)) return oauthError(res, 400, "invalid_grant", "Invalid code verifier.");
    }
    const account = accountBySub(record.sub)!;
    sendJson(res, 200, tokenResponse(tokensFor(client.clientId, account, record.scopes, record.withRefreshToken, record.nonce)), NO_STORE);
  }

  function refresh(res: http.ServerResponse, client: OAuthClientConfig, form: URLSearchParams) {
    const refreshToken = form.get("refresh_token") ?? "";
    const record = refreshTokens.get(refreshToken);
    if (refreshTokenState(record) === "dead" || record!.clientId !== client.clientId) {
      return oauthError(res, 400, "invalid_grant", "Token has been expired or revoked.");
    }
    const account = accountBySub(record!.sub)!;
    const accessToken = issueAccessToken(client.clientId, account.sub, record!.scopes, refreshToken);
    sendJson(
      res,
      200,
      tokenResponse({
        accessToken,
        expiresIn: options.accessTokenTtlSeconds,
        scope: record!.scopes.join(" "),
        idToken: record!.scopes.includes("openid") ? idToken(client.clientId, account, accessToken) : undefined,
      }),
      NO_STORE,
    );
  }

  async function revokeEndpoint(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const form = req.method === "POST" ? await readForm(req) : new URLSearchParams();
    const tokenValue = form.get("token") ?? url.searchParams.get("token") ?? "";
    if (!revoke(tokenValue)) return oauthError(res, 400, "invalid_token", "Token expired or revoked");
    sendJson(res, 200, {});
  }

  function userinfo(req: http.IncomingMessage, res: http.ServerResponse) {
    const auth = authenticate(req.headers.authorization);
    if (!auth.ok) {
      return sendJson(
        res,
        401,
        { error: "invalid_request", error_description: "Invalid Credentials" },
        { "www-authenticate": `Bearer realm="${issuer()}/", error="invalid_token"` },
      );
    }
    const { account } = auth.grant;
    sendJson(res, 200, {
      sub: account.sub,
      name: account.name,
      given_name: account.givenName,
      ...(account.familyName ? { family_name: account.familyName } : {}),
      ...(account.picture ? { picture: account.picture } : {}),
      email: account.email,
      email_verified: true,
    });
  }

  async function tokeninfo(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const form = req.method === "POST" ? await readForm(req) : url.searchParams;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const accessToken = form.get("access_token") ?? bearer ?? "";
    const record = accessTokens.get(accessToken);
    if (!record || record.revoked || record.expiresAt <= now()) {
      return oauthError(res, 400, "invalid_token", "Invalid Value");
    }
    const account = accountBySub(record.sub)!;
    const expiresIn = Math.floor((record.expiresAt - now()) / 1000);
    sendJson(res, 200, {
      azp: record.clientId,
      aud: record.clientId,
      sub: account.sub,
      scope: record.scopes.join(" "),
      exp: String(Math.floor(record.expiresAt / 1000)),
      expires_in: String(expiresIn),
      email: account.email,
      email_verified: "true",
      access_type: record.refreshToken ? "offline" : "online",
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /.well-known/openid-configuration":
        sendJson(res, 200, discovery());
        return true;
      case "GET /o/oauth2/v2/auth":
      case "GET /o/oauth2/auth":
        authorize(res, url);
        return true;
      case "POST /o/oauth2/v2/auth":
      case "POST /o/oauth2/auth":
        await consent(req, res);
        return true;
      case "POST /token":
      case "POST /o/oauth2/token":
        await token(req, res);
        return true;
      case "GET /revoke":
      case "POST /revoke":
      case "POST /o/oauth2/revoke":
        await revokeEndpoint(req, res, url);
        return true;
      case "GET /v1/userinfo":
      case "GET /oauth2/v3/userinfo":
      case "GET /oauth2/v2/userinfo":
        userinfo(req, res);
        return true;
      case "GET /oauth2/v3/certs":
        sendJson(res, 200, { keys: [key.publicJwk] }, { "cache-control": "public, max-age=3600" });
        return true;
      case "GET /oauth2/v1/certs":
        sendJson(res, 200, { [key.kid]: key.publicPem }, { "cache-control": "public, max-age=3600" });
        return true;
      case "GET /oauth2/v3/tokeninfo":
      case "POST /oauth2/v3/tokeninfo":
      case "GET /tokeninfo":
      case "POST /tokeninfo":
        await tokeninfo(req, res, url);
        return true;
      default:
        return false;
    }
  }

  return {
    handle,
    authenticate,
    accounts: (): Account[] => accounts.map((a) => ({ ...a })),
    findAccount: (email: string) => accounts.find((a) => a.email.toLowerCase() === email.toLowerCase()),
    /** Same effect as the user removing the app's access: the refresh token and its access tokens die. */
    revokeRefreshToken: (token: string): boolean => revoke(token),
    expireAccessTokens(): void {
      for (const record of accessTokens.values()) record.expiresAt = Math.min(record.expiresAt, now());
    },
    /** Skips the consent page: tokens as if `email` had just consented (first consent: with a refresh token if offline). */
    issueTokens(input: { clientId: string; email: string; scopes: string[]; offline?: boolean; nonce?: string }): IssuedTokens {
      const client = clients.get(input.clientId);
      if (!client) throw new Error(`local cloud google: unknown client ${input.clientId}`);
      const account = accounts.find((a) => a.email.toLowerCase() === input.email.toLowerCase());
      if (!account) throw new Error(`local cloud google: unknown account ${input.email}`);
      return tokensFor(client.clientId, account, input.scopes, input.offline ?? false, input.nonce);
    },
    snapshot() {
      return {
        grants: [...grants].map(([g, scopes]) => {
          const [clientId, sub] = g.split(" ");
          return { clientId, sub, scopes: [...scopes] };
        }),
        refreshTokens: [...refreshTokens.entries()].map(([t, r]) => ({
          tokenPrefix: `${t.slice(0, 8)}…`,
          clientId: r.clientId,
          sub: r.sub,
          issuedAt: new Date(r.issuedAt).toISOString(),
          state: refreshTokenState(r),
        })),
        liveAccessTokens: [...accessTokens.values()].filter((r) => !r.revoked && r.expiresAt > now()).length,
      };
    },
  };
}

export type OAuthServer = ReturnType<typeof createOAuthServer>;
