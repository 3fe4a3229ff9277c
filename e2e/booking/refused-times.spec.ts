import { expect, PROVIDER_PATHS, test } from "../fixtures";

interface TrpcError {
  error: { json: { message: string; data: { appCode: string; fieldErrors: Record<string, string[]> | null } } };
}

test("a hold too soon or beyond the booking horizon is refused with a reason", async ({ request }) => {
  const slug = PROVIDER_PATHS["Dr. Lucas Moreau"].split("/").pop()!;
  const profile = await request.get(`/api/trpc/providers.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug } }))}`);
  expect(profile.ok()).toBe(true);
  const provider = (await profile.json()) as { result: { data: { json: { id: string; services: { id: string }[] } } } };
  const providerId = provider.result.data.json.id;
  const serviceId = provider.result.data.json.services[0]!.id;

  async function hold(startsAt: Date) {
    const response = await request.post("/api/trpc/bookings.hold", {
      data: { json: { providerId, serviceId, startsAt: startsAt.toISOString(), mode: "ONLINE", locationId: null } },
    });
    expect(response.status()).toBe(400);
    return ((await response.json()) as TrpcError).error.json;
  }

  const quarter = 15 * 60_000;
  const tooSoon = await hold(new Date(Math.ceil((Date.now() + 30 * 60_000) / quarter) * quarter));
  expect(tooSoon.data.appCode).toBe("VALIDATION");
  expect(tooSoon.message).toMatch(/at least 2 hours ahead/);
  expect(tooSoon.data.fieldErrors?.startsAt?.[0]).toBe(tooSoon.message);

  const tooFar = await hold(new Date(Math.ceil((Date.now() + 90 * 86_400_000) / quarter) * quarter));
  expect(tooFar.data.appCode).toBe("VALIDATION");
  expect(tooFar.message).toMatch(/Bookings open 60 days ahead/);
});
