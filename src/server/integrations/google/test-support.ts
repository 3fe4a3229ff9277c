import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createGoogleEmulator, type GoogleEmulator, type GoogleEmulatorOptions } from "../../../../local-cloud/google";
import { createGoogleCalendarIntegration, type GoogleCalendarIntegration } from "./client";

export const CLIENT_ID = "medbookings-test.apps.googleusercontent.com";
export const CLIENT_SECRET = "GOCSPX-test-secret";
export const PROVIDER = "dr.ada@example.com";
export const CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";

export interface GoogleHarness {
  running: RunningEmulator<GoogleEmulator>;
  emulator: GoogleEmulator;
  google: GoogleCalendarIntegration;
  accessToken: string;
  refreshToken: string;
  close(): Promise<void>;
}

/** The local-cloud Google emulator on a random port plus our integration pointed at it. */
export async function startGoogle(overrides: Partial<GoogleEmulatorOptions> = {}): Promise<GoogleHarness> {
  const running = await serve(
    createGoogleEmulator({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: ["http://localhost:3000/api/auth/callback/google"] }],
      accounts: [{ email: PROVIDER, name: "Ada Lovelace", timeZone: "Europe/Berlin" }],
      push: { retryBaseDelayMs: 5, maxAttempts: 3, requestTimeoutMs: 2000 },
      calendar: { meetDelayMs: 1500 },
      ...overrides,
    }),
  );
  const google = createGoogleCalendarIntegration({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    oauthBaseUrl: running.url,
    apiRootUrl: running.url,
  });
  const tokens = running.emulator.issueTokens({ clientId: CLIENT_ID, email: PROVIDER, scopes: ["openid", "email", CALENDAR_SCOPE], offline: true });
  return {
    running,
    emulator: running.emulator,
    google,
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
