import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createDatabase, isDatabaseUnavailableError } from "./client";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

describe("database pool timeouts and outage detection", () => {
  it("cancels a statement past the statement timeout, and reports it as unavailable", async () => {
    const slow = createDatabase(db.url, { max: 1, timeouts: { statementTimeoutMillis: 200 } });
    try {
      const started = performance.now();
      const error = await failure(() => slow.db.execute(sql`SELECT pg_sleep(3)`));
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it("gives up connecting to an unreachable server quickly, and reports it as unavailable", async () => {
    const down = createDatabase("postgresql://nobody:nothing@127.0.0.1:9/none", { max: 1, timeouts: { connectionTimeoutMillis: 1_000 } });
    try {
      const error = await failure(() => down.db.execute(sql`SELECT 1`));
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      await down.close();
    }
  });

  it("reports a server-side disconnect (administrator shutdown of the session) as unavailable", async () => {
    const victim = createDatabase(db.url, { max: 1 });
    try {
      const { rows } = await victim.pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const running = failure(() => victim.db.execute(sql`SELECT pg_sleep(5)`));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await db.pool.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
      expect(isDatabaseUnavailableError(await running)).toBe(true);
      // The pool recovers by itself with a fresh connection.
      await expect(victim.db.execute(sql`SELECT 1 AS ok`)).resolves.toBeTruthy();
    } finally {
      await victim.close();
    }
  });

  it("does not call a query defect an outage", async () => {
    const error = await failure(() => db.db.execute(sql`SELECT ${"a\u0000b"}::text`));
    expect(isDatabaseUnavailableError(error)).toBe(false);
    const syntax = await failure(() => db.db.execute(sql`SELEC 1`));
    expect(isDatabaseUnavailableError(syntax)).toBe(false);
  });

  it("recognises wrapped and aggregated connection errors", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailableError(new Error("Failed query", { cause: new AggregateError([refused]) }))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error("x"), { code: "08006" }))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error("x"), { code: "57P03" }))).toBe(true);
    expect(isDatabaseUnavailableError(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error("x"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailableError(null)).toBe(false);
  });
});
