import { inject } from "vitest";

// Integration files build their own context; nothing here reads the app's env schema.
process.env.SKIP_ENV_VALIDATION ??= "1";

const setupError = inject("testServerError");
if (setupError) throw new Error(`The integration test database could not be prepared: ${setupError}`);
