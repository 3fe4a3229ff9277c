import { sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import type { AddJobOptions, JobName, JobPayloads } from "./job-names";

/**
 * Adds a job in the caller's transaction through graphile-worker's own SQL API, so the job exists
 * exactly when the change that caused it commits (and never when it rolls back). The insert's
 * trigger NOTIFYs idle workers, which pick it up at once.
 */
export async function addJob<N extends JobName>(db: DbExecutor, name: N, payload: JobPayloads[N], options: AddJobOptions = {}): Promise<void> {
  await db.execute(sql`
    SELECT graphile_worker.add_job(
      identifier => ${name}::text,
      payload => ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null}::text,
      run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text,
      priority => ${options.priority ?? null}::int,
      job_key_mode => ${options.jobKey ? (options.jobKeyMode ?? "replace") : null}::text
    )`);
}

export interface JobSpec<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  options?: Omit<AddJobOptions, "jobKeyMode">;
}

/**
 * Adds many jobs in one statement (graphile-worker's add_jobs), in the caller's transaction, with
 * add_job's "replace" semantics for keyed jobs. A key given twice keeps its last spec: one
 * statement cannot insert-or-update the same job row twice.
 */
export async function addJobs(db: DbExecutor, jobs: JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const byKey = new Map<string, JobSpec>();
  const unkeyed: JobSpec[] = [];
  for (const job of jobs) {
    if (job.options?.jobKey) byKey.set(job.options.jobKey, job);
    else unkeyed.push(job);
  }
  const specs = [...unkeyed, ...byKey.values()].map((job) => ({
    identifier: job.name,
    payload: job.payload,
    queue_name: job.options?.queueName ?? null,
    run_at: job.options?.runAt?.toISOString() ?? null,
    max_attempts: job.options?.maxAttempts ?? null,
    job_key: job.options?.jobKey ?? null,
    priority: job.options?.priority ?? null,
  }));
  await db.execute(sql`
    SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW(s.identifier, s.payload, s.queue_name, s.run_at, s.max_attempts, s.job_key, s.priority, NULL::text[])::graphile_worker.job_spec
      FROM json_to_recordset(${JSON.stringify(specs)}::json)
        AS s(identifier text, payload json, queue_name text, run_at timestamptz, max_attempts int, job_key text, priority int)
    ))`);
}

/** Removes a pending job by key (e.g. a reminder of a booking that was cancelled). Locked (running) jobs are left alone. */
export async function removeJob(db: DbExecutor, jobKey: string): Promise<void> {
  await db.execute(sql`SELECT graphile_worker.remove_job(${jobKey}::text)`);
}

/** Heartbeats use the database clock, like graphile-worker's locked_at, never a task's injected clock. */
export async function beat(db: DbExecutor, processId: string, workerIds: string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await db.execute(sql`
    INSERT INTO job_worker_heartbeats (worker_id, process_id, seen_at)
    SELECT unnest(${sql.param(workerIds)}::text[]), ${processId}, now()
    ON CONFLICT (worker_id) DO UPDATE SET seen_at = excluded.seen_at`);
}

export async function forgetWorkers(db: DbExecutor, workerIds: string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await db.execute(sql`DELETE FROM job_worker_heartbeats WHERE worker_id = ANY(${sql.param(workerIds)}::text[])`);
}

/**
 * A worker killed outright (SIGKILL, OOM, a lost machine) leaves its jobs locked; graphile-worker
 * itself frees them only after 4 hours. Workers here beat every few seconds, so jobs locked by a
 * worker that has not beaten for `staleAfterMs` (or never did) are handed back to the queue.
 * Returns the ids of the workers whose jobs were freed.
 */
export async function unlockJobsOfDeadWorkers(db: DbExecutor, staleAfterMs: number): Promise<string[]> {
  const stale = `${Math.round(staleAfterMs)} milliseconds`;
  const result = await db.execute<{ locked_by: string }>(sql`
    SELECT DISTINCT j.locked_by
    FROM graphile_worker.jobs j
    LEFT JOIN job_worker_heartbeats h ON h.worker_id = j.locked_by
    WHERE j.locked_by IS NOT NULL
      AND j.locked_at < now() - ${stale}::interval
      AND (h.seen_at IS NULL OR h.seen_at < now() - ${stale}::interval)`);
  const dead = result.rows.map((row) => row.locked_by);
  if (dead.length > 0) {
    await db.execute(sql`SELECT graphile_worker.force_unlock_workers(${sql.param(dead)}::text[])`);
    await forgetWorkers(db, dead);
  }
  await db.execute(sql`DELETE FROM job_worker_heartbeats WHERE seen_at < now() - ${`${Math.round(10 * staleAfterMs)} milliseconds`}::interval`);
  return dead;
}
