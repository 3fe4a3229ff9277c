import http from "node:http";
import type { AddressInfo } from "node:net";

/** A vendor emulator: one HTTP handler plus whatever state and control methods it exposes. */
export interface Emulator {
  readonly name: string;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> | void;
  /** Called once the server listens, with the emulator's own public base URL. */
  onListen?(baseUrl: string): void;
  close?(): Promise<void> | void;
}

export interface RunningEmulator<E extends Emulator = Emulator> {
  emulator: E;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The whole request body. Read with 'data'/'end' listeners rather than `for await`: the async
 * iterator costs a promise and a stream wrapper per request, on every API call of the emulators.
 */
export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once("error", reject);
    // A request whose connection closed before the body ended never ends: fail as the iterator did.
    req.once("close", () => {
      if (!req.complete) reject(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    });
  });
}

export async function readJson<T = unknown>(req: http.IncomingMessage): Promise<T | undefined> {
  const raw = await readBody(req);
  if (raw.length === 0) return undefined;
  return JSON.parse(raw.toString("utf8")) as T;
}

export async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req)).toString("utf8"));
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  body: string,
  contentType = "text/plain; charset=utf-8",
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** Starts an emulator on loopback. Port 0 picks a free port (what tests use). */
export async function serve<E extends Emulator>(
  emulator: E,
  options: { port?: number; host?: string } = {},
): Promise<RunningEmulator<E>> {
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? host}`);
    Promise.resolve(emulator.handle(req, res, url)).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 500, message } });
      else res.end();
    });
  });
  // Idle keep-alive connections stay open 5 s (Node's default; the live APIs keep theirs far
  // longer). Node's and undici's agents drop a connection 1 s before the "Keep-Alive: timeout=N"
  // the server announces, so with 1 s no client ever reused one: every API call paid a new TCP
  // connection on both sides.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new Error(
            `local cloud: port ${options.port} for ${emulator.name} is already in use; stop the other process or set another port`,
          ),
        );
      } else reject(error);
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  emulator.onListen?.(url);
  return {
    emulator,
    url,
    port,
    async close() {
      await emulator.close?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
