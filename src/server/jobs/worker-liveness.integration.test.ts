import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@/server/logger/logger";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { addJob } from "./job-repository";
import type { JobName } from "./job-names";
import { startJobWorker, type JobHandlers, type JobWorker } from "./worker";

let db: TestDatabase;
let worker: JobWorker;
let runs = 0;
let finished = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  const idle = async () => undefined;
  const handlers = Object.fromEntries(
    (["outbox.drain", "notification.send", "booking.remind", "reminders.sweep", "holds.purge", "contact-cards.purge", "webhook-receipts.purge", "notifications.recover"] as JobName[]).map((name) => [name, idle]),
  ) as unknown as JobHandlers;
  // A job that outlives the staleness limit three times over, in a worker that is alive.
  handlers["holds.purge"] = async () => {
    runs += 1;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    finished += 1;
  };
  worker = await startJobWorker({
    connectionString: db.url,
    db: db.db,
    handlers,
    logger: createLogger({ level: "silent" }),
    concurrency: 2,
    pollIntervalMs: 100,
    heartbeatMs: 200,
    staleAfterMs: 1_000,
    periodicJobs: [],
  });
});
afterAll(async () => {
  await worker?.stop();
  await db?.drop();
});

describe("heartbeats", () => {
  it("never free the jobs of a live worker, however long they run (graphile locks them in the pool's name)", async () => {
    await addJob(db.db, "holds.purge", {});
    const deadline = Date.now() + 15_000;
    while (finished === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(finished).toBe(1);
    // Freed, the job would have been picked up again while still running.
    expect(runs).toBe(1);
    const beating = await db.db.execute<{ worker_id: string }>(sql`SELECT worker_id FROM job_worker_heartbeats`);
    expect(beating.rows.some((row) => row.worker_id.startsWith("pool-"))).toBe(true);
  });
});
