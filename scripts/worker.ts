/**
 * `npm run worker`: the background job worker (graphile-worker on the app's PostgreSQL). It
 * drains the outbox into notifications, sends them (SendGrid, Twilio), schedules reminders,
 * syncs connected Google calendars (with the app's TOKEN_ENCRYPTION_KEY to open their tokens)
 * and runs the periodic jobs. Run as many as you like against the same database; SIGTERM finishes
 * running jobs and stops. `npm run dev` and the e2e server start one for you.
 */
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => undefined, error: console.error });

const { env } = await import("../env.mjs");
const { createDatabase } = await import("../src/server/db/client");
const { createLogger } = await import("../src/server/logger/logger");
const { startJobWorker } = await import("../src/server/jobs/worker");
const { createProductJobHandlers, productJobDepsFrom } = await import("../src/server/jobs/product-jobs");

const logger = createLogger({ level: env.LOG_LEVEL });
const missing = [
  env.SENDGRID_API_KEY ? null : "SENDGRID_API_KEY",
  env.TWILIO_ACCOUNT_SID ? null : "TWILIO_ACCOUNT_SID",
  env.TWILIO_AUTH_TOKEN ? null : "TWILIO_AUTH_TOKEN",
].filter(Boolean);
if (missing.length > 0) {
  console.error(`[worker] cannot send messages: ${missing.join(", ")} not set (README: configuration). npm run dev sets local ones.`);
  process.exit(1);
}

const concurrency = env.WORKER_CONCURRENCY;
const database = createDatabase(env.DATABASE_URL, { max: concurrency + 4 });
const { readMigrationState } = await import("../src/server/db/migrate");
const migrations = await readMigrationState((text) => database.pool.query(text));
if (migrations.pending > 0) {
  console.error(`[worker] the database has ${migrations.pending} pending migration(s): run npm run db:migrate first.`);
  await database.close();
  process.exit(1);
}
const { handlers } = createProductJobHandlers(
  productJobDepsFrom({ ...env, SENDGRID_API_KEY: env.SENDGRID_API_KEY!, TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID!, TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN! }),
);

const worker = await startJobWorker({ connectionString: env.DATABASE_URL, db: database.db, handlers, logger, concurrency });
logger.info({ processId: worker.processId, concurrency }, "job worker started");

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "job worker stopping");
  await worker.stop();
  await database.close();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
worker.done.catch((error: unknown) => {
  logger.fatal({ err: error }, "job worker crashed");
  process.exit(1);
});
