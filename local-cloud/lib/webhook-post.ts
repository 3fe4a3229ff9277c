import http from "node:http";
import https from "node:https";

export interface WebhookResult {
  /** The app's HTTP status; null when no answer came. */
  statusCode: number | null;
  /** Why no answer came, worded as the global fetch() words it (the Inbox shows it). */
  error: string | null;
}

// The wording fetch() (undici) used for these failures when the emulators posted with it; the
// Inbox shows it ("the app could not be reached (fetch failed)"), so it stays the same.
const NETWORK_ERROR = "fetch failed";
const TIMEOUT_ERROR = "The operation was aborted due to timeout";
const BODY_ERROR = "terminated";

/**
 * Posts vendor webhooks (Twilio status/inbound callbacks, SendGrid event batches) to the app.
 *
 * Hand-written on node:http with keep-alive agents instead of the global fetch(): fetch builds a
 * Request, web streams, an AbortSignal and a timer per call, which made each status callback
 * cost several times what the post itself does (the emulators post about four per WhatsApp
 * message). What the app receives does not change: the same method, URL, headers (the vendor's
 * own plus the ones fetch added), body and timeout over the whole exchange; no redirect is
 * followed (fetch ran with redirect: "manual", so a 3xx is the answer); connections are kept
 * alive as fetch kept them, and closed before the server's announced Keep-Alive timeout.
 */
export class WebhookPoster {
  private readonly agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets: 32 }),
    "https:": new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };

  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<WebhookResult> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve({ statusCode: null, error: `Failed to parse URL from ${url}` });
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") {
      return Promise.resolve({ statusCode: null, error: NETWORK_ERROR });
    }
    const payload = Buffer.from(body, "utf8");
    const fullHeaders = {
      // What fetch() sent besides the caller's headers; kept so the app sees the same request.
      accept: "*/*",
      "accept-language": "*",
      "sec-fetch-mode": "cors",
      "accept-encoding": "gzip, deflate",
      ...headers,
      "content-length": String(payload.length),
    };
    const agent = this.agents[target.protocol as "http:" | "https:"];
    return new Promise<WebhookResult>((resolve) => new Exchange(target, agent, fullHeaders, payload, timeoutMs, resolve).start());
  }

  close(): void {
    this.agents["http:"].destroy();
    this.agents["https:"].destroy();
  }
}

/**
 * One webhook post: the request, its answer and its timeout. A class rather than closures made per
 * post, which cost more than the post on this hot path (the emulators post ~1 callback a message).
 */
class Exchange {
  private settled = false;
  private request: http.ClientRequest | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly target: URL,
    private readonly agent: http.Agent,
    private readonly headers: Record<string, string>,
    private readonly payload: Buffer,
    timeoutMs: number,
    private readonly resolve: (result: WebhookResult) => void,
  ) {
    this.timer = setTimeout(() => this.timeout(), timeoutMs);
    this.timer.unref();
  }

  start(): void {
    this.send(true);
  }

  private send(retryOnStaleSocket: boolean): void {
    const transport = this.target.protocol === "https:" ? https : http;
    const req = transport.request(this.target, { method: "POST", agent: this.agent, headers: this.headers });
    this.request = req;
    req.on("response", (res) => {
      const statusCode = res.statusCode ?? null;
      res.on("error", () => this.finish(null, BODY_ERROR));
      res.on("aborted", () => this.finish(null, BODY_ERROR));
      res.on("end", () => this.finish(statusCode, null));
      res.on("close", () => (res.complete ? this.finish(statusCode, null) : this.finish(null, BODY_ERROR)));
      res.resume();
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (this.settled) return;
      // A kept-alive connection the server dropped as idle just as we reused it fails before the
      // app answered anything: an artifact of our connection pool, not a failure a vendor's fresh
      // connection would meet, so send once more on a new connection.
      if (retryOnStaleSocket && req.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
        this.send(false);
        return;
      }
      this.finish(null, NETWORK_ERROR);
    });
    req.end(this.payload);
  }

  private timeout(): void {
    this.finish(null, TIMEOUT_ERROR);
    this.request?.destroy();
  }

  private finish(statusCode: number | null, error: string | null): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.resolve({ statusCode, error });
  }
}
