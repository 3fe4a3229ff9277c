import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface DevSecrets {
  NEXTAUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
  /** Added by hand when rotating the dev key (see `npm run tokens:rotate`); passed to the app as is. */
  TOKEN_ENCRYPTION_PREVIOUS_KEYS?: string;
}

/**
 * Secrets for local runs, generated once per clone and kept in .data/ (git-ignored), so
 * sessions and encrypted tokens survive restarts without anyone writing a .env.
 */
export function loadDevSecrets(dataDir = ".data"): DevSecrets {
  const file = path.resolve(dataDir, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  const secrets: DevSecrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
