/**
 * Closed-loop HTTP load: `concurrency` async clients, each sending its next GET as soon as the
 * previous answer's body has been read, over keep-alive sockets (node:http Agent, one socket
 * per client), until `requests` have been sent or `maxSeconds` have passed. Latency is measured
 * per request with performance.now(), from send to the last byte of the body.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface LoadOptions {
  url: string;
  concurrency: number;
  requests: number;
  maxSeconds: number;
  /** Extra check on a 200 body; return an error message to count the request as failed. */
  validate?: (body: string) => string | null;
  /** Checked before each request: true ends the run early (Ctrl-C). */
  shouldStop?: () => boolean;
}

export interface LoadResult {
  requests: number;
  errors: number;
  firstErrors: string[];
  durationMs: number;
  latenciesMs: number[];
  bytes: number;
  stoppedByTimeLimit: boolean;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function createAgent(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

export function get(agent: http.Agent, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { accept: "application/json" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.setTimeout(30_000, () => request.destroy(new Error("no answer within 30 s")));
  });
}

export async function runLoad(agent: http.Agent, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let sent = 0;
  let errors = 0;
  let bytes = 0;
  let stoppedByTimeLimit = false;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;

  const recordError = (message: string) => {
    errors++;
    if (firstErrors.length < 5) firstErrors.push(message);
  };

  async function client() {
    while (sent < options.requests) {
      if (options.shouldStop?.()) return;
      if (performance.now() > deadline) {
        stoppedByTimeLimit = true;
        return;
      }
      sent++;
      const t0 = performance.now();
      try {
        const { status, body } = await get(agent, options.url);
        const elapsed = performance.now() - t0;
        bytes += body.length;
        if (status !== 200) {
          recordError(`HTTP ${status}: ${body.slice(0, 200)}`);
          continue;
        }
        const problem = options.validate?.(body) ?? null;
        if (problem) {
          recordError(problem);
          continue;
        }
        latencies.push(elapsed);
      } catch (error) {
        recordError((error as Error).message);
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, () => client()));
  return {
    requests: sent,
    errors,
    firstErrors,
    durationMs: performance.now() - started,
    latenciesMs: latencies,
    bytes,
    stoppedByTimeLimit,
  };
}

/** Nearest-rank percentiles of successful requests. */
export function summarize(latencies: number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return {
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
  };
}
