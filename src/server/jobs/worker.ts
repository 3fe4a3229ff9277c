import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Logger as JobQueueLogger, parseCronItems, run, type CronItem, type Runner, type Task, type TaskList, type WorkerEvents } from "graphile-worker";
import type { Database } from "@/server/db/client";
import type { Logger } from "@/server/logger/logger";
import { OUTBOX_QUEUE } from "@/server/outbox/outbox-repository";
import { beat, forgetWorkers, unlockJobsOfDeadWorkers } from "./job-repository";
import type { JobName, JobPayloads } from "./job-names";

export interface JobContext {
  db: Database;
  /** The clock every task reads; tests and benchmarks inject their own. */
  now: () => Date;
  logger: Logger;
  /** graphile-worker's job id and how many times it has been attempted (1 on the first run). */
  job: { id: string; attempts: number };
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

export interface JobWorkerOptions {
  connectionString: string;
  db: Database;
  handlers: JobHandlers;
  logger: Logger;
  now?: () => Date;
  /** Jobs run at once in this process (default 10). */
  concurrency?: number;
  /** How often to look for jobs scheduled in the future (new jobs arrive by LISTEN/NOTIFY at once). */
  pollIntervalMs?: number;
  /** Default: the periodic jobs of the product (PERIODIC_JOBS). */
  periodicJobs?: Array<CronItem & { task: JobName }>;
  /** How often this process says it is alive, and after how long silence another process frees its jobs. */
  heartbeatMs?: number;
  staleAfterMs?: number;
}

export interface JobWorker {
  processId: string;
  /** Finishes running jobs, then stops (SIGTERM). */
  stop(): Promise<void>;
  /** Resolves when the worker stops by itself (a fatal error) or after stop(). */
  done: Promise<void>;
}

/**
 * The product's periodic jobs. graphile-worker runs each once per matching minute across all
 * worker processes (it records the last run in its known_crontabs table). Given as items, not a
 * crontab string: the crontab syntax does not allow dots in task names, and ours are dot-case.
 */
export const PERIODIC_JOBS: Array<CronItem & { task: JobName }> = [
  // In the outbox queue, so it never runs beside an event-triggered drain: events stay in order.
  { task: "outbox.drain", match: "* * * * *", options: { queueName: OUTBOX_QUEUE, backfillPeriod: 0 } },
  { task: "reminders.sweep", match: "* * * * *", options: { backfillPeriod: 0 } },
  { task: "notifications.recover", match: "* * * * *", options: { backfillPeriod: 0 } },
  { task: "holds.purge", match: "*/5 * * * *", options: { backfillPeriod: 0 } },
  { task: "contact-cards.purge", match: "17 3 * * *", options: { backfillPeriod: 24 * 3_600_000 } },
  { task: "webhook-receipts.purge", match: "41 3 * * *", options: { backfillPeriod: 24 * 3_600_000 } },
  // Renews push channels and syncs calendars push left quiet (push is not fully reliable); purges old sync runs.
  { task: "calendar.reconcile", match: "*/10 * * * *", options: { backfillPeriod: 0 } },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Bridges graphile-worker's logger to ours: its job payloads are ids only, but errors can quote SQL, so only messages at warn and above. */
function jobQueueLogger(logger: Logger): JobQueueLogger {
  return new JobQueueLogger((scope) => (level, message) => {
    const fields = { jobQueue: { task: scope.taskIdentifier, jobId: scope.jobId, workerId: scope.workerId } };
    if (level === "error") logger.error(fields, message);
    else if (level === "warning") logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const now = options.now ?? (() => new Date());
  const processId = randomUUID();
  const workerIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter() as WorkerEvents;
  // graphile-worker 0.18 locks jobs in the name of the pool (locked_by = "pool-…"), not of the
  // individual worker, so both ids beat: a live pool's long job must never look abandoned.
  const remember = (id: string) => {
    workerIds.add(id);
    void beat(options.db, processId, [id]).catch(() => undefined);
  };
  events.on("pool:create", ({ workerPool }) => remember(workerPool.id));
  events.on("worker:create", ({ worker }) => remember(worker.workerId));

  const taskList: TaskList = {};
  for (const name of Object.keys(options.handlers) as JobName[]) {
    const handler = options.handlers[name] as JobHandler<JobName>;
    const task: Task = async (payload, helpers) => {
      await handler((isRecord(payload) ? payload : {}) as never, {
        db: options.db,
        now,
        logger: options.logger.child({ job: { name, id: helpers.job.id } }),
        job: { id: helpers.job.id, attempts: helpers.job.attempts },
      });
    };
    taskList[name] = task;
  }

  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  const concurrency = options.concurrency ?? 10;
  const runner: Runner = await run({
    connectionString: options.connectionString,
    concurrency,
    // Batching (graphile-worker's performance guide): the pool fetches and locks up to
    // concurrency + 1 jobs in one query and hands them out locally, and completions are written
    // together. Each saved statement matters: a message costs a handful. Jobs held locally are
    // locked in the pool's name, which beats below, so a killed process's jobs are still freed.
    preset: { worker: { localQueue: { size: concurrency + 1 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    pollInterval: options.pollIntervalMs ?? 1_000,
    taskList,
    parsedCronItems: parseCronItems(options.periodicJobs ?? PERIODIC_JOBS),
    noHandleSignals: true,
    logger: jobQueueLogger(options.logger),
    events,
  });

  // Beat for our workers, and free jobs that a dead process left locked. Every process does
  // both; the unlock is idempotent, so several processes doing it at once is harmless.
  const timer = setInterval(() => {
    void (async () => {
      await beat(options.db, processId, [...workerIds]);
      const freed = await unlockJobsOfDeadWorkers(options.db, staleAfterMs);
      if (freed.length > 0) options.logger.warn({ workers: freed.length }, "freed jobs locked by workers that stopped");
    })().catch((error: unknown) => options.logger.warn({ err: error }, "job worker heartbeat failed"));
  }, heartbeatMs);
  timer.unref();

  let stopping: Promise<void> | undefined;
  return {
    processId,
    done: runner.promise,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await runner.stop();
        await forgetWorkers(options.db, [...workerIds]).catch(() => undefined);
      })();
      return stopping;
    },
  };
}
