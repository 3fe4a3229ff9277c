import { runMigrations } from "../src/server/db/migrate";
import { resolveDatabase } from "./lib/database";
import { EmbeddedDatabaseError } from "./lib/embedded-postgres";

try {
  const database = await resolveDatabase();
  try {
    await runMigrations(database.url);
    console.log(`Migrations applied (${database.kind} database).`);
  } finally {
    await database.stop();
  }
} catch (error) {
  console.error(error instanceof EmbeddedDatabaseError ? error.message : (error as Error).message);
  process.exit(1);
}
