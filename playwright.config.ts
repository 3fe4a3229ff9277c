import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";
import { ChromiumUnavailable, resolveChromium } from "./e2e/chromium";

// The config is evaluated again in every worker: the browser found first travels in the env.
function chromiumExecutable(): string | undefined {
  if (process.env.E2E_CHROMIUM_RESOLVED !== undefined) return process.env.E2E_CHROMIUM_RESOLVED || undefined;
  try {
    const { executablePath } = resolveChromium();
    process.env.E2E_CHROMIUM_RESOLVED = executablePath ?? "";
    return executablePath;
  } catch (error) {
    if (!(error instanceof ChromiumUnavailable)) throw error;
    // One line, not a stack trace: it says what to install.
    console.error(error.message);
    process.exit(1);
  }
}

// The config is evaluated again in every worker; the port chosen first travels in the env.
// Config loading is synchronous, so a short child process asks the OS for a free port.
function pickPort(): number {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  const port = Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
  process.env.E2E_PORT = String(port);
  return port;
}

const port = pickPort();
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    timezoneId: "Europe/London",
    locale: "en-GB",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: [
            "--no-sandbox",
            "--headless=new",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
