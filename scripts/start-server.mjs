// `npm start`: the production server, on the build in .next.
//
// `next start` serves from one process, so one event loop: it cannot use a second core however
// many requests wait; it saturates near 1,000 ms / (CPU per request) requests a second. This
// runs WEB_CONCURRENCY copies of the same Next.js request handler through Next's documented
// custom-server API (`next()`, `getRequestHandler()`) in a node:cluster, all listening on one
// port. Nothing in the app keeps state in a process that
// another process would need: sessions, rate limits, holds and the availability versions that
// guard each process's slot cache all live in PostgreSQL.
//
// Options as `next start`: -p/--port (or PORT, default 3000), -H/--hostname (default: all interfaces).
// WEB_CONCURRENCY: the number of processes (default 1, as `next start`). More processes use more
// cores but each costs its own memory, pool connections and cache, and on a small machine they
// compete with PostgreSQL: bench:api measures one and two side by side.
// Plain JavaScript with node: imports and next only, like check-node.mjs: no build step.
import cluster from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** How long a process may take to finish its open requests after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(2);
}

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
      strict: true,
    }));
  } catch (error) {
    fail(`${error.message} The options are -p/--port <port> and -H/--hostname <address>.`);
  }
  const portText = values.port ?? process.env.PORT ?? "3000";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) fail(`the port must be a whole number from 1 to 65535 (got "${portText}").`);
  const concurrencyText = process.env.WEB_CONCURRENCY ?? "1";
  const concurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 64) {
    fail(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${concurrencyText}").`);
  }
  // Not the HOSTNAME variable: shells and containers set it to the machine's own name.
  return { port, hostname: values.hostname, concurrency };
}

function runPrimary({ port, hostname, concurrency }) {
  let stopping = false;
  const listening = new Set();

  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => {
      listening.add(worker.id);
      if (listening.size === concurrency) {
        console.log(`▲ MedBookings ready on http://${hostname ?? "localhost"}:${port} (${concurrency} process${concurrency === 1 ? "" : "es"})`);
      }
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    const wasListening = listening.delete(worker.id);
    if (stopping) {
      // The last process is gone: a startup failure keeps its exit code (set below), a shutdown exits 0.
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    // A process that never started listening failed at startup (a missing build, invalid
    // configuration): starting it again would fail the same way, so the server stops with it.
    if (!wasListening) {
      console.error(`start: a server process exited during startup (${signal ?? `code ${code}`}); stopping.`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = code || 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode);
      return;
    }
    console.error(`start: a server process stopped (${signal ?? `code ${code}`}); starting another.`);
    fork();
  });

  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 2_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGTERM"));

  for (let i = 0; i < concurrency; i++) fork();
}

async function runWorker({ port, hostname }) {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: ROOT, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      console.error("start: request handler failed", error instanceof Error ? error.name : typeof error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end("Internal Server Error");
    });
  });
  // As `next start`: keep-alive sockets outlive a load balancer's idle timeout.
  server.keepAliveTimeout = 65_000;
  server.on("error", (error) => {
    console.error(`start: cannot listen on ${hostname ?? "*"}:${port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname);
  process.on("SIGTERM", () => {
    // Finish the requests in flight, close idle keep-alive sockets, then leave.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  });
  process.on("SIGINT", () => {});
}

const options = readOptions();
if (cluster.isPrimary) runPrimary(options);
else await runWorker(options);
