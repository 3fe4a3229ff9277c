import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * The shared store of rate-limiter-flexible's RateLimiterPostgres (its own column layout, so
 * the library can use it with `tableCreated: true`): one row per limiter key, shared by every
 * app instance. `expire` is epoch milliseconds.
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});
