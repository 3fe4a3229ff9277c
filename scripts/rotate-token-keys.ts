/**
 * `npm run tokens:rotate`: re-encrypts every stored OAuth token with TOKEN_ENCRYPTION_KEY.
 * Run it after moving the old key into TOKEN_ENCRYPTION_PREVIOUS_KEYS; once it reports nothing
 * left under an old key, the old key can be dropped. Prints counts only, never a token.
 *
 * Keys come from the environment; with neither DATABASE_URL nor TOKEN_ENCRYPTION_KEY set, it
 * works on the embedded dev database with the keys `npm run dev` uses (.data/dev-secrets.json).
 */
import { reencryptStoredTokens, TokenRotationError } from "../src/server/auth/auth-repository";
import { createTokenCipher, parsePreviousKeys } from "../src/server/auth/token-crypto";
import { createDatabase } from "../src/server/db/client";
import { resolveDatabase } from "./lib/database";
import { loadDevSecrets } from "./lib/dev-secrets";
import { EmbeddedDatabaseError } from "./lib/embedded-postgres";

function resolveKeys(): { writeKey: string; previousKeys: string[] } {
  const writeKey = process.env.TOKEN_ENCRYPTION_KEY;
  if (writeKey) return { writeKey, previousKeys: parsePreviousKeys(process.env.TOKEN_ENCRYPTION_PREVIOUS_KEYS) };
  if (process.env.DATABASE_URL) throw new Error("TOKEN_ENCRYPTION_KEY is not set: it is the key every token is rewritten with.");
  const dev = loadDevSecrets();
  return { writeKey: dev.TOKEN_ENCRYPTION_KEY, previousKeys: parsePreviousKeys(dev.TOKEN_ENCRYPTION_PREVIOUS_KEYS) };
}

try {
  const cipher = createTokenCipher(resolveKeys());
  const database = await resolveDatabase();
  const handle = createDatabase(database.url, { max: 1 });
  try {
    const report = await reencryptStoredTokens(handle.db, cipher);
    console.log(
      `Token rotation (${database.kind} database, write key ${cipher.writeKeyId}): ${report.rewritten} token(s) re-encrypted, ${report.alreadyCurrent} already current, across ${report.accounts} account(s) and ${report.calendarConnections} connected calendar account(s).`,
    );
  } finally {
    await handle.close();
    await database.stop();
  }
} catch (error) {
  const known = error instanceof TokenRotationError || error instanceof EmbeddedDatabaseError;
  // Anything else may come from the driver; print its message only, never its parameters.
  console.error(known ? error.message : `Token rotation failed: ${(error as Error).message}`);
  process.exit(1);
}
