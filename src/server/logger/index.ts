import "server-only";
import { env } from "~/env";
import { createLogger, LOG_LEVELS, type LogLevel } from "./logger";

export type { Logger } from "./logger";

const level = (LOG_LEVELS as readonly string[]).includes(env.LOG_LEVEL ?? "") ? (env.LOG_LEVEL as LogLevel) : "info";

// One logger per server process (next dev re-evaluates modules; pino holds a stream).
const globalForLogger = globalThis as unknown as { medbookingsLogger?: ReturnType<typeof createLogger> };

export function getLogger() {
  globalForLogger.medbookingsLogger ??= createLogger({ level });
  return globalForLogger.medbookingsLogger;
}
