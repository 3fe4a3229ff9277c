/**
 * Load over a mix of URLs, in two shapes.
 *
 * - Closed loop (`runClosedMix`): `concurrency` clients each send their next request when the
 *   previous answer arrived, for a fixed time. With enough clients the server is saturated and
 *   requests/s is its throughput; the latency then only measures the queue the clients built.
 * - Open loop (`runOpenLoop`): requests are sent on a fixed schedule (request i at
 *   start + i / rate) whether or not earlier ones were answered, as independent visitors do, and
 *   each latency is measured from the request's *scheduled* send time, so a stall of the server
 *   or of this process counts against every request it delayed (no coordinated omission).
 */
import type http from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { get } from "./load";

export interface MixResult {
  requests: number;
  errors: number;
  firstErrors: string[];
  durationMs: number;
  latenciesMs: number[];
  /** Open loop only: how far behind schedule the sender was at worst (this process's own lag). */
  maxSendLagMs: number;
}

export interface MixOptions {
  urls: readonly string[];
  /** Picks the next URL index; a seeded PRNG keeps runs comparable. */
  pick: () => number;
  validate?: (body: string) => string | null;
  shouldStop?: () => boolean;
}

async function timed(agent: http.Agent, url: string, validate: MixOptions["validate"]): Promise<string | null> {
  try {
    const { status, body } = await get(agent, url);
    if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
    return validate?.(body) ?? null;
  } catch (error) {
    return (error as Error).message;
  }
}

export async function runClosedMix(agent: http.Agent, options: MixOptions & { concurrency: number; seconds: number }): Promise<MixResult> {
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let requests = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  async function client() {
    while (performance.now() < deadline && !options.shouldStop?.()) {
      const url = options.urls[options.pick()]!;
      requests++;
      const t0 = performance.now();
      const problem = await timed(agent, url, options.validate);
      if (problem) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push(problem);
      } else latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, () => client()));
  return { requests, errors, firstErrors, durationMs: performance.now() - started, latenciesMs: latencies, maxSendLagMs: 0 };
}

export async function runOpenLoop(agent: http.Agent, options: MixOptions & { ratePerSecond: number; seconds: number }): Promise<MixResult> {
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  const total = Math.round(options.ratePerSecond * options.seconds);
  const interval = 1000 / options.ratePerSecond;
  const inFlight: Promise<void>[] = [];
  let errors = 0;
  let sent = 0;
  let maxSendLagMs = 0;
  const started = performance.now();
  while (sent < total && !options.shouldStop?.()) {
    const due = started + sent * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait - 0.5);
    // Send everything that is due (a late timer sends the backlog at once, on its schedule).
    while (sent < total && started + sent * interval <= performance.now()) {
      const scheduled = started + sent * interval;
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - scheduled);
      const url = options.urls[options.pick()]!;
      sent++;
      inFlight.push(
        timed(agent, url, options.validate).then((problem) => {
          if (problem) {
            errors++;
            if (firstErrors.length < 5) firstErrors.push(problem);
          } else latencies.push(performance.now() - scheduled);
        }),
      );
    }
  }
  await Promise.all(inFlight);
  return { requests: sent, errors, firstErrors, durationMs: performance.now() - started, latenciesMs: latencies, maxSendLagMs };
}
