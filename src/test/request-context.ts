import { Writable } from "node:stream";
import { createLogger, type Logger } from "@/server/logger/logger";
import type { RateLimiter } from "@/server/rate-limit/rate-limiter";

/** For tests that fire many calls from one address: counts nothing, refuses nothing. */
export const unlimitedRateLimiter: RateLimiter = { consume: () => Promise.resolve() };

export const silentLogger: Logger = createLogger({ level: "silent" });

/** A logger whose JSON lines are kept in memory, for tests that read what was logged. */
export function capturingLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ level: "info", destination });
  const text = () => chunks.join("");
  return {
    logger,
    text,
    lines: () =>
      text()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
