/**
 * Which Chromium the e2e tests drive, found without a download where possible:
 *   1. PLAYWRIGHT_CHROMIUM_EXECUTABLE, when set;
 *   2. a system browser: /usr/bin/chromium, chromium-browser, google-chrome;
 *   3. Playwright's own browser, if `npx playwright install chromium` ever ran;
 *   4. on Linux x64, the Chromium inside the @sparticuz/chromium npm package (a dev dependency),
 *      unpacked once into node_modules/.cache; it needs only libraries a desktop-capable Debian or
 *      Ubuntu already has (libnss3 and friends).
 * Otherwise one line says what to install. Used by playwright.config.ts, and run by `npm test`
 * before anything else (`tsx e2e/chromium.ts`) so a missing browser is known in a second.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

export interface ResolvedChromium {
  /** undefined: Playwright's own browser. */
  executablePath: string | undefined;
  source: string;
}

export class ChromiumUnavailable extends Error {}

const SYSTEM_BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const INSTALL_HINT =
  "install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; where downloads are allowed: `npx playwright install chromium`) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium or Chrome binary";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Fails with the loader's own words when a shared library is missing. */
function checkStarts(executable: string, source: string) {
  try {
    execFileSync(executable, ["--version"], { stdio: "pipe", timeout: 30_000 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim();
    const missing = /error while loading shared libraries: ([^:]+)/.exec(stderr)?.[1];
    const reason = missing ? `${missing} is missing` : (stderr.split("\n")[0] ?? String(error));
    throw new ChromiumUnavailable(
      `The e2e tests' Chromium (${source}) cannot start here (${reason}): install Chromium and its libraries (Debian/Ubuntu: \`sudo apt-get install -y chromium\`) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium or Chrome binary.`,
    );
  }
}

/** Unpacks @sparticuz/chromium into node_modules/.cache once; later runs reuse it. */
function sparticuzChromium(): string | undefined {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  const manifest = path.join(root, "node_modules/@sparticuz/chromium/package.json");
  if (!existsSync(manifest)) return undefined;
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  const cacheRoot = path.join(root, "node_modules/.cache");
  const target = path.join(cacheRoot, `sparticuz-chromium-${version}`);
  const executable = path.join(target, "chromium");
  if (existsSync(executable)) return executable;

  mkdirSync(cacheRoot, { recursive: true });
  // The package unpacks into os.tmpdir(): point that at a private folder, then move it into place
  // in one rename so an interrupted run never leaves half a browser behind.
  const staging = mkdtempSync(path.join(cacheRoot, `sparticuz-chromium-${version}.partial-`));
  try {
    const unpack = `const { default: c } = await import("@sparticuz/chromium"); process.stdout.write(await c.executablePath());`;
    execFileSync(process.execPath, ["--input-type=module", "-e", unpack], {
      cwd: root,
      env: { ...process.env, TMPDIR: staging },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 180_000,
    });
    if (!existsSync(executable)) renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return executable;
}

export function resolveChromium(): ResolvedChromium {
  const configured = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (configured) {
    if (!existsSync(configured)) throw new ChromiumUnavailable(`PLAYWRIGHT_CHROMIUM_EXECUTABLE is ${configured}, which does not exist: point it at a Chromium or Chrome binary, or unset it.`);
    return { executablePath: configured, source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE" };
  }
  const system = SYSTEM_BROWSERS.find((candidate) => existsSync(candidate));
  if (system) return { executablePath: system, source: "system browser" };
  if (existsSync(chromium.executablePath())) return { executablePath: undefined, source: "Playwright's own browser" };
  const packaged = sparticuzChromium();
  if (packaged) {
    checkStarts(packaged, "@sparticuz/chromium");
    return { executablePath: packaged, source: "@sparticuz/chromium" };
  }
  throw new ChromiumUnavailable(`No Chromium for the e2e tests: ${INSTALL_HINT}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const found = resolveChromium();
    console.log(`e2e browser: ${found.executablePath ?? chromium.executablePath()} (${found.source})`);
  } catch (error) {
    if (!(error instanceof ChromiumUnavailable)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
