import type { APIResponse, Page } from "@playwright/test";
import { DEMO, expect, PROVIDER_PATHS, test } from "../fixtures";

// A well-formed manage token that matches no booking: the header rules go by path, not by booking.
const UNKNOWN_MANAGE_PATH = `/bookings/${"A".repeat(43)}`;

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function nonceOf(response: APIResponse): string {
  const scriptSrc = directives(response.headers()["content-security-policy"] ?? "").get("script-src") ?? [];
  const nonce = scriptSrc.map((value) => /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(value)?.[1]).find(Boolean);
  if (!nonce) throw new Error(`script-src has no nonce: ${scriptSrc.join(" ")}`);
  return nonce;
}

/** The headers every response must carry, whatever its path or status. */
function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  const policy = directives(headers["content-security-policy"] ?? "");
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("script-src")).toEqual(expect.arrayContaining(["'self'", "'strict-dynamic'"]));
  expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  expect(policy.get("script-src")).not.toContain("'unsafe-eval'");
  expect(policy.get("style-src")).not.toContain("'unsafe-inline'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  const permissions = headers["permissions-policy"] ?? "";
  for (const feature of ["camera=()", "microphone=()", "geolocation=(self)"]) expect(permissions).toContain(feature);
  // Plain HTTP here: HSTS is only for HTTPS.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** A JSON endpoint's headers: the static API policy instead of a page's nonce policy. */
function expectApiHeaders(response: APIResponse) {
  const headers = response.headers();
  const policy = directives(headers["content-security-policy"] ?? "");
  expect(policy.get("default-src")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect([...policy.keys()].filter((name) => name.endsWith("-src") && name !== "default-src")).toEqual([]);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test.describe("security headers of the production build", () => {
  test("a page, API routes and a 404 carry the policy; each page gets its own nonce", async ({ request }) => {
    const home = await request.get("/");
    expect(home.status()).toBe(200);
    expectSecurityHeaders(home);
    expect(home.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");

    const again = await request.get("/");
    expect(nonceOf(again)).not.toBe(nonceOf(home));

    // The JSON endpoints carry a static policy that lets nothing load, run or frame them.
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expectApiHeaders(health);

    const trpc = await request.get(`/api/trpc/auth.me?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
    expect(trpc.status()).toBe(200);
    expectApiHeaders(trpc);
    const refused = await request.get("/api/trpc/no.such.procedure");
    expect(refused.status()).toBe(404);
    expectApiHeaders(refused);

    const missingPage = await request.get("/no-such-page");
    expect(missingPage.status()).toBe(404);
    expectSecurityHeaders(missingPage);

    const missingApi = await request.get("/api/no-such-route");
    expect(missingApi.status()).toBe(404);
    expectSecurityHeaders(missingApi);

    // Built assets are not rendered, so they carry no nonce, but never get sniffed.
    const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(await home.text())?.[1];
    expect(asset).toBeTruthy();
    const script = await request.get(asset ?? "");
    expect(script.status()).toBe(200);
    expect(script.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("every script and style element of a page carries the nonce of its response", async ({ request }) => {
    for (const path of ["/", PROVIDER_PATHS[DEMO.provider], "/sign-in", "/no-such-page"]) {
      const response = await request.get(path);
      const nonce = nonceOf(response);
      const html = await response.text();
      const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
      expect(tags.length, path).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
    }
  });

  test("HSTS and upgrade-insecure-requests only when served over HTTPS", async ({ request }) => {
    const response = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers()["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(directives(response.headers()["content-security-policy"] ?? "").has("upgrade-insecure-requests")).toBe(true);

    const plain = await request.get("/");
    expect(directives(plain.headers()["content-security-policy"] ?? "").has("upgrade-insecure-requests")).toBe(false);
  });

  test("URLs that carry a manage token send no Referer", async ({ page, request }) => {
    const manage = await request.get(UNKNOWN_MANAGE_PATH);
    expect(manage.headers()["referrer-policy"]).toBe("no-referrer");
    const ics = await request.get(`/api/bookings/ics?token=${"A".repeat(43)}`);
    expect(ics.headers()["referrer-policy"]).toBe("no-referrer");

    // What the browser does with it: even a same-origin request from the page names no URL.
    await page.goto(UNKNOWN_MANAGE_PATH);
    const [sent] = await Promise.all([page.waitForRequest("**/api/health"), page.evaluate(() => fetch("/api/health").then((r) => r.status))]);
    expect(await sent.headerValue("referer")).toBeNull();

    // Elsewhere the strict-origin-when-cross-origin default stays: same-origin requests name the page.
    await page.goto("/");
    const [fromHome] = await Promise.all([page.waitForRequest("**/api/health"), page.evaluate(() => fetch("/api/health").then((r) => r.status))]);
    expect(await fromHome.headerValue("referer")).toMatch(/\/$/);
  });
});

/** Records CSP violations in every document the page opens, before any of its scripts run. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleReports: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) consoleReports.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return async () => [...consoleReports, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))];
}

test("pages work under the policy: no violation while browsing, booking lookups, signing in and the provider calendar", async ({ page, signInWithGoogle }) => {
  const violations = await watchViolations(page);

  await page.goto("/");
  await expect(page.getByRole("list", { name: "Providers" })).toBeVisible();
  expect(await violations()).toEqual([]);

  // Hydration and the tRPC client: choosing a service fetches its free times.
  await page.goto(PROVIDER_PATHS[DEMO.provider]);
  await page.getByRole("radio").first().check();
  await expect(page.getByTestId("slot-status")).toContainText(/ in /);
  expect(await violations()).toEqual([]);

  // next-auth's client and the OAuth redirects, then a page that positions with style attributes.
  await signInWithGoogle(DEMO.provider, "/provider/calendar");
  await expect(page).toHaveURL(/\/provider\/calendar$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
});
