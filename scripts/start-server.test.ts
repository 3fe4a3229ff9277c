import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "start-server.mjs");

/** Runs `npm start`'s server with arguments and environment that it must refuse before starting. */
function refuse(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", timeout: 10_000, env: { ...process.env, ...env } });
  return { status: run.status, stderr: run.stderr };
}

describe("npm start's server refuses bad options with a message naming them", () => {
  it.each([["0"], ["70000"], ["http"], ["1.5"]])("port %s", (port) => {
    const { status, stderr } = refuse(["-p", port]);
    expect(status).toBe(2);
    expect(stderr).toContain("the port must be a whole number from 1 to 65535");
  });

  it.each([["0"], ["many"], ["65"]])("WEB_CONCURRENCY=%s", (value) => {
    const { status, stderr } = refuse([], { WEB_CONCURRENCY: value });
    expect(status).toBe(2);
    expect(stderr).toContain(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${value}")`);
  });

  it("an unknown option", () => {
    const { status, stderr } = refuse(["--turbo"]);
    expect(status).toBe(2);
    expect(stderr).toContain("--turbo");
    expect(stderr).toContain("The options are -p/--port <port> and -H/--hostname <address>.");
  });
});
