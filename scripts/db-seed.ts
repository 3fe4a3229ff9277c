import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemo } from "../src/server/db/seed/seed";
import { resolveDatabase } from "./lib/database";
import { EmbeddedDatabaseError } from "./lib/embedded-postgres";

try {
  const database = await resolveDatabase();
  const handle = createDatabase(database.url, { max: 2 });
  try {
    await runMigrations(database.url);
    const result = await seedDemo(handle.db);
    console.log(
      result.seeded
        ? `Seeded ${result.providers} providers in ${result.organizations} organizations.`
        : `Not seeded: ${result.reason}.`,
    );
  } finally {
    await handle.close();
    await database.stop();
  }
} catch (error) {
  console.error(error instanceof EmbeddedDatabaseError ? error.message : (error as Error).message);
  process.exit(1);
}
