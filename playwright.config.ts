import { existsSync } from "node:fs";
import net from "node:net";
import { defineConfig, devices } from "@playwright/test";

/**
 * Playwright cannot download its browser here: use PLAYWRIGHT_CHROMIUM_EXECUTABLE, else Debian's
 * /usr/bin/chromium (apt-get install -y chromium), else Playwright's own if one is installed.
 */
function chromiumExecutable(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) return process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

// The config is evaluated again in every worker; the port chosen first travels in the env.
function pickPort(): number {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  const server = net.createServer().listen(0, "127.0.0.1");
  const address = server.address() as net.AddressInfo | null;
  server.close();
  const port = address?.port ?? 3100;
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
