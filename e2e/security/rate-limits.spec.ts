import type { APIResponse } from "@playwright/test";
import { RATE_LIMIT_POLICIES, type RateLimitPolicyName } from "../../src/server/rate-limit/policies";
import { expect, test } from "../fixtures";
import { e2eRateLimitMultiplier } from "../fixtures/rate-limits";

/*
 * The route handlers outside tRPC (next-auth's sign-in steps, the .ics download) count against
 * the shared limits too. Each test plays a client of its own: behind one trusted proxy hop the
 * client is the last x-forwarded-for entry, and `next start` keeps the header a request sends.
 * Those addresses are not 127.0.0.1, so the rest of the suite keeps its allowance.
 */

function allowance(policy: RateLimitPolicyName): number {
  return Math.max(1, Math.floor(RATE_LIMIT_POLICIES[policy].points * e2eRateLimitMultiplier()));
}

/** Sends `count` requests, `inFlight` at a time, and returns the answers in the order sent. */
async function burst(count: number, inFlight: number, send: () => Promise<APIResponse>): Promise<APIResponse[]> {
  const answers: APIResponse[] = [];
  for (let sent = 0; sent < count; sent += inFlight) {
    const batch = Array.from({ length: Math.min(inFlight, count - sent) }, send);
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

/** Each run has a fresh database, so a fixed address per test starts with a full allowance. */
async function expectRefusedAfter(client: string, policy: RateLimitPolicyName, send: (client: string) => Promise<APIResponse>) {
  const allowed = allowance(policy);
  const answers = await burst(allowed, 25, () => send(client));
  expect(answers.filter((answer) => answer.status() === 429)).toHaveLength(0);

  const refused = await send(client);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await refused.text()).toMatch(/Too many attempts\. Please wait \d+ seconds and try again\./);

  // Another client is unaffected.
  expect((await send("198.51.100.200")).status()).not.toBe(429);
}

test.describe("rate limits on routes outside tRPC", () => {
  test.describe.configure({ timeout: 120_000 });

  test("sign-in steps: a client past its allowance is answered 429 with Retry-After", async ({ request }) => {
    await expectRefusedAfter("203.0.113.21", "sign-in:client", (client) =>
      request.post("/api/auth/signin/google", { headers: { "x-forwarded-for": client }, maxRedirects: 0 }),
    );
  });

  test("the .ics download shares the manage-link allowance with the manage page", async ({ request, page }) => {
    const unknownToken = "B".repeat(43);
    await expectRefusedAfter("203.0.113.22", "manage:client", (client) =>
      request.get(`/api/bookings/ics?token=${unknownToken}`, { headers: { "x-forwarded-for": client } }),
    );
    // The page reads the booking through the same limit, rendered on the server.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.22" });
    const response = await page.goto(`/bookings/${unknownToken}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Please wait a moment" })).toBeVisible();
    await expect(page.getByText(/Too many attempts\. Please wait \d+ seconds and try again\./)).toBeVisible();
  });
});
