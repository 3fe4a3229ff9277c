import { OAuth2Client } from "google-auth-library";
import { errors, generators, Issuer, type BaseClient } from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type RunningEmulator } from "../lib/http";
import { createGoogleEmulator, type GoogleEmulator } from "./index";
import { consentAs } from "./test-helpers";

const CLIENT_ID = "medbookings-test.apps.googleusercontent.com";
const CLIENT_SECRET = "GOCSPX-local-secret";
const REDIRECT_URI = "http://localhost:3000/api/auth/callback/google";
const ALICE = "alice@example.com";
const BOB = "bob@example.com";

let running: RunningEmulator<GoogleEmulator>;
let issuer: Issuer<BaseClient>;

function oidcClient(secret = CLIENT_SECRET, method: "client_secret_basic" | "client_secret_post" = "client_secret_basic") {
  return new issuer.Client({
    client_id: CLIENT_ID,
    client_secret: secret,
    redirect_uris: [REDIRECT_URI],
    response_types: ["code"],
    token_endpoint_auth_method: method,
  });
}

/** The flow next-auth runs: PKCE S256 + state + nonce, then the callback with all checks. */
async function signIn(email: string, extra: Record<string, string> = {}, client = oidcClient()) {
  const codeVerifier = generators.codeVerifier();
  const state = generators.state();
  const nonce = generators.nonce();
  const url = client.authorizationUrl({
    scope: "openid email profile",
    code_challenge: generators.codeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  const redirect = await consentAs(running, url, email);
  const params = client.callbackParams(redirect.toString());
  return { client, params, codeVerifier, state, nonce, redirect };
}

beforeAll(async () => {
  running = await serve(
    createGoogleEmulator({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
      accounts: [
        { email: ALICE, name: "Alice Provider", picture: "http://localhost/alice.png" },
        { email: BOB, name: "Bob Doctor" },
      ],
    }),
  );
  issuer = await Issuer.discover(running.url);
});

afterAll(async () => {
  await running.close();
});

describe("OIDC discovery and sign-in with openid-client (what next-auth uses)", () => {
  it("publishes an issuer equal to the base URL and Google's endpoint paths", () => {
    expect(issuer.metadata.issuer).toBe(running.url);
    expect(issuer.metadata.authorization_endpoint).toBe(`${running.url}/o/oauth2/v2/auth`);
    expect(issuer.metadata.token_endpoint).toBe(`${running.url}/token`);
    expect(issuer.metadata.jwks_uri).toBe(`${running.url}/oauth2/v3/certs`);
    expect(issuer.metadata.code_challenge_methods_supported).toEqual(["plain", "S256"]);
  });

  it("renders an accessible consent page with every account and the scopes in words", async () => {
    const url = oidcClient().authorizationUrl({ scope: "openid email https://www.googleapis.com/auth/calendar.events", state: "s" });
    const html = await (await fetch(url)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Alice Provider");
    expect(html).toContain(BOB);
    expect(html).toContain("View and edit events on all your calendars");
    expect(html.match(/<button type="submit" class="account"/g)).toHaveLength(2);
  });

  it("completes code + PKCE + state + nonce, verifies the id token via JWKS, reads userinfo and refreshes", async () => {
    const flow = await signIn(ALICE, { access_type: "offline", prompt: "consent" });
    expect(flow.params.state).toBe(flow.state);
    expect(flow.redirect.searchParams.get("scope")).toBe("openid email profile");
    const tokens = await flow.client.callback(REDIRECT_URI, flow.params, {
      code_verifier: flow.codeVerifier,
      state: flow.state,
      nonce: flow.nonce,
    });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens.token_type).toBe("Bearer");
    const claims = tokens.claims();
    expect(claims).toMatchObject({ iss: running.url, aud: CLIENT_ID, email: ALICE, email_verified: true, name: "Alice Provider", nonce: flow.nonce });
    expect(claims.sub).toMatch(/^\d{21}$/);
    expect(claims.given_name).toBe("Alice");
    expect(claims.family_name).toBe("Provider");

    const userinfo = await flow.client.userinfo(tokens);
    expect(userinfo).toMatchObject({ sub: claims.sub, email: ALICE, picture: "http://localhost/alice.png" });

    const refreshed = await flow.client.refresh(tokens.refresh_token!);
    expect(refreshed.access_token).toMatch(/^ya29\./);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeUndefined();
  });

  it("accepts client_secret_post as well as HTTP Basic", async () => {
    const flow = await signIn(BOB, {}, oidcClient(CLIENT_SECRET, "client_secret_post"));
    const tokens = await flow.client.callback(REDIRECT_URI, flow.params, {
      code_verifier: flow.codeVerifier,
      state: flow.state,
      nonce: flow.nonce,
    });
    expect(tokens.claims().email).toBe(BOB);
  });

  it("rejects a wrong PKCE verifier with invalid_grant", async () => {
    const flow = await signIn(ALICE);
    const error = await flow.client
      .callback(REDIRECT_URI, flow.params, { code_verifier: generators.codeVerifier(), state: flow.state, nonce: flow.nonce })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.OPError);
    expect((error as errors.OPError).error).toBe("invalid_grant");
  });

  it("accepts a plain PKCE challenge", async () => {
    const verifier = generators.codeVerifier();
    const client = oidcClient();
    const url = client.authorizationUrl({ scope: "openid email", code_challenge: verifier, code_challenge_method: "plain", state: "x" });
    const params = client.callbackParams((await consentAs(running, url, ALICE)).toString());
    const tokens = await client.callback(REDIRECT_URI, params, { code_verifier: verifier, state: "x" });
    expect(tokens.access_token).toMatch(/^ya29\./);
  });

  it("makes a code single-use", async () => {
    const flow = await signIn(ALICE);
    const checks = { code_verifier: flow.codeVerifier, state: flow.state, nonce: flow.nonce };
    await flow.client.callback(REDIRECT_URI, flow.params, checks);
    const error = await flow.client.callback(REDIRECT_URI, flow.params, checks).catch((e: unknown) => e);
    expect((error as errors.OPError).error).toBe("invalid_grant");
  });

  it("answers a wrong client secret with 401 invalid_client", async () => {
    const flow = await signIn(ALICE, {}, oidcClient("wrong-secret"));
    const error = await flow.client
      .callback(REDIRECT_URI, flow.params, { code_verifier: flow.codeVerifier, state: flow.state, nonce: flow.nonce })
      .catch((e: unknown) => e);
    expect((error as errors.OPError).error).toBe("invalid_client");
    expect((error as errors.OPError).response?.statusCode).toBe(401);
  });

  it("shows Google's redirect_uri_mismatch error page instead of redirecting", async () => {
    const url = new URL(oidcClient().authorizationUrl({ scope: "openid", state: "s" }));
    url.searchParams.set("redirect_uri", "http://evil.example/callback");
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("Error 400: redirect_uri_mismatch");
  });

  it("shows invalid_client for an unknown client id", async () => {
    const response = await fetch(`${running.url}/o/oauth2/v2/auth?client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=openid`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Error 401: invalid_client");
  });

  it("sends a refresh token only on the first offline consent or with prompt=consent", async () => {
    const exchange = async (extra: Record<string, string>) => {
      const flow = await signIn(BOB, extra);
      return flow.client.callback(REDIRECT_URI, flow.params, { code_verifier: flow.codeVerifier, state: flow.state, nonce: flow.nonce });
    };
    // Bob consented in an earlier test, but never offline: Google still treats a repeat consent as not first.
    expect((await exchange({ access_type: "offline" })).refresh_token).toBeUndefined();
    expect((await exchange({ access_type: "offline", prompt: "consent" })).refresh_token).toMatch(/^1\/\//);
    expect((await exchange({ access_type: "offline" })).refresh_token).toBeUndefined();
    expect((await exchange({ prompt: "consent" })).refresh_token).toBeUndefined();
  });

  it("revokes a refresh token: refresh then fails with invalid_grant, its access tokens die, the next consent is first again", async () => {
    const flow = await signIn(ALICE, { access_type: "offline", prompt: "consent" });
    const tokens = await flow.client.callback(REDIRECT_URI, flow.params, { code_verifier: flow.codeVerifier, state: flow.state, nonce: flow.nonce });
    await flow.client.revoke(tokens.refresh_token!);
    const error = await flow.client.refresh(tokens.refresh_token!).catch((e: unknown) => e);
    expect((error as errors.OPError).error).toBe("invalid_grant");
    const userinfo = await fetch(`${running.url}/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(401);
    expect(userinfo.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const again = await signIn(ALICE, { access_type: "offline" });
    const fresh = await again.client.callback(REDIRECT_URI, again.params, { code_verifier: again.codeVerifier, state: again.state, nonce: again.nonce });
    expect(fresh.refresh_token).toMatch(/^1\/\//);
  });

  it("answers /revoke of an unknown token with 400 invalid_token", async () => {
    const response = await fetch(`${running.url}/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "token=ya29.unknown",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_token" });
  });

  it("redirects with error=access_denied when the person cancels", async () => {
    const url = oidcClient().authorizationUrl({ scope: "openid", state: "keep-me" });
    const html = await (await fetch(url)).text();
    const requestId = /name="request_id" value="([^"]+)"/.exec(html)![1]!;
    const response = await fetch(`${running.url}/o/oauth2/v2/auth`, {
      method: "POST",
      body: new URLSearchParams({ request_id: requestId, deny: "1" }),
      redirect: "manual",
    });
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("keep-me");
  });
});

describe("access token lifetime and control methods", () => {
  let clocked: RunningEmulator<GoogleEmulator>;
  beforeAll(async () => {
    clocked = await serve(
      createGoogleEmulator({
        clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
        accounts: [{ email: ALICE, name: "Alice Provider" }],
        now: () => Date.UTC(2026, 2, 2, 9),
      }),
    );
  });
  afterAll(() => clocked.close());

  it("expires access tokens by the emulator clock and by expireAccessTokens()", async () => {
    const issue = () => clocked.emulator.issueTokens({ clientId: CLIENT_ID, email: ALICE, scopes: ["openid", "email"], offline: true });
    const userinfo = (token: string) => fetch(`${clocked.url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    const first = issue();
    expect((await userinfo(first.accessToken)).status).toBe(200);
    clocked.emulator.advanceTime(3600 * 1000 - 1);
    expect((await userinfo(first.accessToken)).status).toBe(200);
    clocked.emulator.advanceTime(1);
    expect((await userinfo(first.accessToken)).status).toBe(401);
    const second = issue();
    clocked.emulator.expireAccessTokens();
    expect((await userinfo(second.accessToken)).status).toBe(401);
  });

  it("serves tokeninfo and the control API over HTTP", async () => {
    const tokens = running.emulator.issueTokens({ clientId: CLIENT_ID, email: BOB, scopes: ["email"], offline: true });
    const info = await (await fetch(`${running.url}/oauth2/v3/tokeninfo?access_token=${tokens.accessToken}`)).json();
    expect(info).toMatchObject({ aud: CLIENT_ID, email: BOB, scope: "email", access_type: "offline" });
    const accounts = await (await fetch(`${running.url}/__control/accounts`)).json();
    expect(accounts.accounts.map((a: { email: string }) => a.email)).toEqual([ALICE, BOB]);
    const revoke = await fetch(`${running.url}/__control/oauth/revoke-refresh-token`, {
      method: "POST",
      body: JSON.stringify({ token: tokens.refreshToken }),
    });
    expect(await revoke.json()).toEqual({ revoked: true });
    const before = clocked.emulator.now();
    await fetch(`${clocked.url}/__control/clock/advance`, { method: "POST", body: JSON.stringify({ ms: 5000 }) });
    expect(clocked.emulator.now() - before).toBeGreaterThanOrEqual(5000);
  });
});

describe("google-auth-library OAuth2Client against the emulator", () => {
  const endpoints = () => ({
    oauth2AuthBaseUrl: `${running.url}/o/oauth2/v2/auth`,
    oauth2TokenUrl: `${running.url}/token`,
    oauth2RevokeUrl: `${running.url}/revoke`,
    tokenInfoUrl: `${running.url}/oauth2/v3/tokeninfo`,
    oauth2FederatedSignonPemCertsUrl: `${running.url}/oauth2/v1/certs`,
    oauth2FederatedSignonJwkCertsUrl: `${running.url}/oauth2/v3/certs`,
  });

  it("exchanges a code, refreshes, verifies the id token and reads tokeninfo", async () => {
    const client = new OAuth2Client({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI, endpoints: endpoints(), issuers: [running.url] });
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const authUrl = client.generateAuthUrl({
      scope: ["openid", "email", "https://www.googleapis.com/auth/calendar"],
      access_type: "offline",
      prompt: "consent",
      state: "gal",
      code_challenge: codeChallenge,
      code_challenge_method: "S256" as never,
    });
    expect(authUrl.startsWith(`${running.url}/o/oauth2/v2/auth?`)).toBe(true);
    const redirect = await consentAs(running, authUrl, BOB);
    const { tokens } = await client.getToken({ code: redirect.searchParams.get("code")!, codeVerifier });
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    client.setCredentials({ refresh_token: tokens.refresh_token });
    const { token } = await client.getAccessToken();
    expect(token).toMatch(/^ya29\./);
    const ticket = await client.verifyIdToken({ idToken: tokens.id_token!, audience: CLIENT_ID });
    expect(ticket.getPayload()?.email).toBe(BOB);
    const info = await client.getTokenInfo(token!);
    expect(info.email).toBe(BOB);
    const refreshed = await client.refreshAccessToken();
    expect(refreshed.credentials.access_token).not.toBe(token);
    await client.revokeToken(tokens.refresh_token!);
    const error: unknown = await client.refreshAccessToken().catch((e: unknown) => e);
    expect((error as { response?: { data?: unknown } }).response?.data).toMatchObject({ error: "invalid_grant" });
  });
});
