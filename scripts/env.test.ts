import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const VALID = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/medbookings",
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: "x".repeat(32),
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  GOOGLE_CLIENT_ID: "client",
  GOOGLE_CLIENT_SECRET: "secret",
};

/** Loads env.mjs in a fresh Node process, as next.config.mjs does at start. */
function loadEnv(vars: Record<string, string | undefined>) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", NODE_ENV: "test" };
  for (const [key, value] of Object.entries(vars)) if (value !== undefined) env[key] = value;
  return spawnSync(process.execPath, ["--input-type=module", "-e", "await import('./env.mjs')"], { env, encoding: "utf8" });
}

describe("env.mjs", () => {
  it("accepts a complete configuration", () => {
    const result = loadEnv(VALID);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("refuses to start when a variable is missing or malformed, naming each one", () => {
    const result = loadEnv({ ...VALID, DATABASE_URL: undefined, TOKEN_ENCRYPTION_KEY: "too-short", SENDGRID_API_KEY: "nope" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("DATABASE_URL: is not set");
    expect(result.stderr).toContain("TOKEN_ENCRYPTION_KEY: must be 32 random bytes in base64");
    expect(result.stderr).toContain("SENDGRID_API_KEY: must start with SG.");
  });
});
