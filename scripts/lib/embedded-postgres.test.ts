import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedDatabaseError, freePort, startEmbeddedPostgres } from "./embedded-postgres";

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "medbookings-pg-unit-"));
  chmodSync(dir, 0o755);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, "data");
}

describe("embedded PostgreSQL start-up failures", () => {
  it("explains a taken port in one line with what to do", async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    cleanups.push(() => blocker.close());
    const attempt = startEmbeddedPostgres({ dataDir: tempDataDir(), port, database: "x" });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedDatabaseError);
    await expect(attempt).rejects.toThrow(new RegExp(`Port ${port} is already in use.*EMBEDDED_DB_PORT`));
  });

  it("refuses to start over a server that is still running, naming its pid", async () => {
    const dataDir = tempDataDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "postmaster.pid"), `${process.pid}\n${dataDir}\n`);
    await expect(startEmbeddedPostgres({ dataDir, port: await freePort(), database: "x" })).rejects.toThrow(
      new RegExp(`already running \\(pid ${process.pid}\\).*kill ${process.pid}`),
    );
  });
});
