import { inject } from "vitest";

// Integration files build their own context; nothing here reads the app's env schema.
process.env.SKIP_ENV_VALIDATION ??= "1";
// Keys derived from the app secret (hold client hashes) need one; any fixed value will do.
process.env.NEXTAUTH_SECRET ??= "integration-tests-only-secret-0123456789abcdef";

const setupError = inject("testServerError");
if (setupError) throw new Error(`The integration test database could not be prepared: ${setupError}`);
