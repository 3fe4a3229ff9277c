import os from "node:os";
import path from "node:path";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { runMigrations } from "@/server/db/migrate";
import { freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { TEMPLATE_DATABASE, withDatabaseName } from "./database-names";

declare module "vitest" {
  export interface ProvidedContext {
    /** A connection string to the test server's maintenance database. */
    testServerUrl: string;
    /** Why the test database could not be prepared; every integration file then fails with it. */
    testServerError: string | null;
  }
}

/**
 * One PostgreSQL server for the whole integration run: DATABASE_URL when given (CI's
 * PostgreSQL 15), else an embedded server in a temp dir on a free port. Migrations run once
 * into a template database; each test file clones it (CREATE DATABASE ... TEMPLATE), so files
 * are isolated and run in parallel.
 *
 * A failure here is handed to the test files instead of thrown: Vitest 4 reports a throwing
 * global setup but still exits 0, and a run that could not reach its database must fail.
 */
export default async function setup(project: TestProject) {
  let stop = async () => undefined as void;
  try {
    let serverUrl: string;
    const external = process.env.DATABASE_URL;
    if (external) {
      serverUrl = external;
    } else {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "medbookings-test-pg-"));
      // Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter the dir.
      chmodSync(dataDir, 0o755);
      stop = async () => rmSync(dataDir, { recursive: true, force: true });
      const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: await freePort(), database: "postgres" });
      serverUrl = embedded.adminUrl;
      stop = async () => {
        await embedded.stop();
        rmSync(dataDir, { recursive: true, force: true });
      };
    }

    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    } finally {
      await admin.end();
    }
    await runMigrations(withDatabaseName(serverUrl, TEMPLATE_DATABASE));
    project.provide("testServerUrl", serverUrl);
    project.provide("testServerError", null);
  } catch (error) {
    await stop();
    project.provide("testServerUrl", "");
    project.provide("testServerError", error instanceof Error ? error.message : String(error));
    stop = async () => undefined;
  }
  return async () => {
    await stop();
  };
}
