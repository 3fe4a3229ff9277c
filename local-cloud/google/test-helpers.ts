import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type RunningEmulator } from "../lib/http";
import { createGoogleEmulator, type GoogleEmulator, type GoogleEmulatorOptions } from "./index";

/**
 * Plays the person on the consent page: opens it, submits the form as `email`'s account button
 * would, with every scope checkbox ticked except those in `untick`, and returns the redirect.
 */
export async function consentAs(
  running: RunningEmulator<GoogleEmulator>,
  authorizationUrl: string,
  email: string,
  options: { untick?: string[] } = {},
): Promise<URL> {
  const page = await fetch(authorizationUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const account = running.emulator.listAccounts().find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!requestId || !action || !html.includes(`name="account" value="${account.sub}"`)) {
    throw new Error("consent page has no form for that account");
  }
  const decode = (value: string) => value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  const checkboxes = [...html.matchAll(/<input type="checkbox"[^>]*name="scope" value="([^"]+)"/g)].map((m) => decode(m[1]!));
  const unknown = (options.untick ?? []).filter((scope) => !checkboxes.includes(scope));
  if (unknown.length > 0) throw new Error(`the consent page has no checkbox for ${unknown.join(", ")}`);
  const form = new URLSearchParams({ request_id: requestId });
  for (const scope of checkboxes) if (!options.untick?.includes(scope)) form.append("scope", scope);
  form.append("account", account.sub);
  const response = await fetch(new URL(action, running.url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) throw new Error(`consent answered ${response.status}`);
  return new URL(location);
}

export const CLIENT_ID = "medbookings-test.apps.googleusercontent.com";
export const CLIENT_SECRET = "GOCSPX-test-secret";
export const PROVIDER = "dr.ada@example.com";
export const CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";

export interface GoogleHarness {
  running: RunningEmulator<GoogleEmulator>;
  emulator: GoogleEmulator;
  /** What the app's integration needs to talk to this emulator. */
  config: { clientId: string; clientSecret: string; oauthBaseUrl: string; apiRootUrl: string };
  accessToken: string;
  refreshToken: string;
  close(): Promise<void>;
}

/** The Google emulator on a random port, one provider account and tokens with calendar access. */
export async function startGoogleForTests(overrides: Partial<GoogleEmulatorOptions> = {}): Promise<GoogleHarness> {
  const running = await serve(
    createGoogleEmulator({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: ["http://localhost:3000/api/auth/callback/google", "http://localhost:3000/api/calendar-connections/google/callback"] }],
      accounts: [{ email: PROVIDER, name: "Ada Lovelace", timeZone: "Europe/Berlin" }],
      push: { retryBaseDelayMs: 5, maxAttempts: 3, requestTimeoutMs: 2000 },
      calendar: { meetDelayMs: 1500 },
      ...overrides,
    }),
  );
  const tokens = running.emulator.issueTokens({ clientId: CLIENT_ID, email: PROVIDER, scopes: ["openid", "email", CALENDAR_SCOPE], offline: true });
  return {
    running,
    emulator: running.emulator,
    config: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, oauthBaseUrl: running.url, apiRootUrl: running.url },
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken!,
    close: () => running.close(),
  };
}

export interface ReceivedNotification {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver: answers with the next scripted status (200 once the script runs out). */
export async function startReceiver(script: number[] = []) {
  const received: ReceivedNotification[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(script.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/google-calendar`,
    received,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function compactUuid(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}
