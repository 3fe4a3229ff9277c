/**
 * EXPLAIN (ANALYZE, BUFFERS) of the exact statements the slots procedure sends. The SQL is not
 * copied here: `computeServiceSlots` runs for real against the seeded database through a
 * drizzle handle whose `execute` records each statement, so the plans are those of the app's
 * own text and parameters. Also times each statement alone (client round trip, no HTTP).
 */
import { performance } from "node:perf_hooks";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { computeServiceSlots } from "../../src/features/availability/server/compute-service-slots";
import { createDatabase, type DbExecutor } from "../../src/server/db/client";
import { summarize } from "./load";

export interface ExplainOptions {
  url: string;
  providerId: string;
  serviceId: string;
  from: Date;
  to: Date;
  now: Date;
  repetitions?: number;
}

export interface ExplainedStatement {
  label: string;
  plan: string;
  p50Ms: number;
  p95Ms: number;
  rows: number;
}

export async function explainSlotQueries(options: ExplainOptions): Promise<{ statements: ExplainedStatement[]; slotCount: number }> {
  const handle = createDatabase(options.url, { max: 1 });
  try {
    const captured: { sql: string; params: unknown[] }[] = [];
    const dialect = new PgDialect();
    const recording = new Proxy(handle.db, {
      get(target, property, receiver) {
        if (property === "execute") {
          return (query: SQL) => {
            captured.push(dialect.sqlToQuery(query));
            return target.execute(query);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    }) as DbExecutor;

    const { slots } = await computeServiceSlots({
      db: recording,
      providerId: options.providerId,
      serviceId: options.serviceId,
      from: options.from,
      to: options.to,
      now: options.now,
    });

    const labels = ["findSlotConfig", "findBusy"];
    const statements: ExplainedStatement[] = [];
    for (const [index, query] of captured.entries()) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < (options.repetitions ?? 200); i++) {
        const t0 = performance.now();
        const result = await handle.pool.query(query.sql, query.params);
        times.push(performance.now() - t0);
        rows = result.rowCount ?? 0;
      }
      const explained = await handle.pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
      const summary = summarize(times);
      statements.push({
        label: labels[index] ?? `statement ${index + 1}`,
        plan: explained.rows.map((row) => row["QUERY PLAN"]).join("\n"),
        p50Ms: summary.p50,
        p95Ms: summary.p95,
        rows,
      });
    }
    return { statements, slotCount: slots.length };
  } finally {
    await handle.close();
  }
}
