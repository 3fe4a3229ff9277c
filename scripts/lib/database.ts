import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";

export const DEV_DATA_DIR = path.resolve(process.env.EMBEDDED_DB_DIR ?? ".data/postgres");
export const DEV_DB_PORT = 54329;

export interface ResolvedDatabase {
  url: string;
  kind: "embedded" | "external";
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set (a server you run), else the embedded PostgreSQL with its data under
 * .data/ — the zero-setup default for a fresh clone.
 */
export async function resolveDatabase(options: { dataDir?: string; port?: number } = {}): Promise<ResolvedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, kind: "external", stop: async () => undefined };
  const port = options.port ?? Number(process.env.EMBEDDED_DB_PORT ?? DEV_DB_PORT);
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? DEV_DATA_DIR,
    port,
    database: "medbookings",
  });
  return { url: embedded.url, kind: "embedded", stop: () => embedded.stop() };
}
