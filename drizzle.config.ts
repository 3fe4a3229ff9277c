import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate` works offline from the schema alone; migrations are applied by
// `npm run db:migrate` (src/server/db/migrate.ts), which prints the SQL error when one fails.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
