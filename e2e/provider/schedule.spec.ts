import type { APIRequestContext } from "@playwright/test";
import { expectNoAxeViolations } from "../fixtures/axe";
import { DEMO, expect, test } from "../fixtures";
import { decodePublicSlots, type CompactPublicSlots } from "../../src/features/availability/slot-encoding";

const PROVIDER = "Dr. Oliver Bennett";
const PROVIDER_SLUG = "oliver-bennett";
const PROVIDER_ZONE = "Europe/London";

interface PublicSlot {
  startsAt: string;
  mode: "IN_PERSON" | "ONLINE";
}

function trpcInput(value: unknown): string {
  return encodeURIComponent(JSON.stringify(value));
}

async function providerAndService(request: APIRequestContext): Promise<{ providerId: string; serviceId: string }> {
  const response = await request.get(`/api/trpc/providers.bySlug?input=${trpcInput({ json: { slug: PROVIDER_SLUG } })}`);
  expect(response.ok()).toBe(true);
  const profile = (await response.json()).result.data.json as {
    id: string;
    services: { id: string; isOnline: boolean; isInPerson: boolean }[];
  };
  const service = profile.services.find((s) => s.isOnline && s.isInPerson);
  if (!service) throw new Error("The demo provider should offer a service both online and in person");
  return { providerId: profile.id, serviceId: service.id };
}

async function publicSlots(request: APIRequestContext, ids: { providerId: string; serviceId: string }): Promise<PublicSlot[]> {
  const input = { json: { ...ids, from: new Date().toISOString(), days: 14 }, meta: { values: { from: ["Date"] } } };
  const response = await request.get(`/api/trpc/availability.slots?input=${trpcInput(input)}`);
  expect(response.ok()).toBe(true);
  const compact = (await response.json()).result.data.json as CompactPublicSlots;
  return decodePublicSlots(compact).slots.map((slot) => ({ startsAt: slot.startsAt.toISOString(), mode: slot.mode }));
}

const weekdayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: PROVIDER_ZONE, weekday: "long" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: PROVIDER_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const onWeekday = (slots: PublicSlot[], weekday: string) => slots.filter((slot) => weekdayFormat.format(new Date(slot.startsAt)) === weekday);

test("a provider changes the weekly schedule and the public slot list follows", async ({ page, signInWithGoogle }) => {
  const ids = await providerAndService(page.request);
  const before = await publicSlots(page.request, ids);
  expect(onWeekday(before, "Monday").filter((slot) => slot.mode === "IN_PERSON").length).toBeGreaterThan(0);
  expect(onWeekday(before, "Saturday")).toHaveLength(0);

  await signInWithGoogle(PROVIDER, "/provider/schedule");
  await expect(page.getByRole("heading", { name: "Weekly hours" })).toBeVisible();
  await expect(page.getByText("Times are in Europe/London; in-person hours follow the location's zone.")).toBeVisible();
  await expectNoAxeViolations(page, "the provider's schedule");

  // The seed gives Monday 09:00–12:30 in person first, then 14:00–17:00 online.
  await expect(page.getByLabel("Monday interval 1 mode")).toHaveValue("IN_PERSON");
  await page.getByRole("button", { name: "Remove Monday interval 1" }).click();
  await expect(page.getByLabel("Monday interval 1 mode")).toHaveValue("ONLINE");

  await page.getByRole("button", { name: "Add interval on Saturday" }).click();
  await page.getByLabel("Saturday interval 1 start").fill("10:00");
  await page.getByLabel("Saturday interval 1 end").fill("12:00");
  await page.getByLabel("Saturday interval 1 mode").selectOption({ label: "Online" });
  await expect(page.getByLabel("Saturday interval 1 location")).toHaveCount(0);

  await page.getByRole("button", { name: "Save week" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Weekly schedule saved" })).toBeVisible();

  const after = await publicSlots(page.request, ids);
  const saturday = onWeekday(after, "Saturday");
  expect(saturday.length).toBeGreaterThan(0);
  for (const slot of saturday) {
    expect(slot.mode).toBe("ONLINE");
    const time = timeFormat.format(new Date(slot.startsAt));
    expect(time >= "10:00" && time < "12:00").toBe(true);
  }
  const monday = onWeekday(after, "Monday");
  expect(monday.filter((slot) => slot.mode === "IN_PERSON")).toHaveLength(0);
  expect(monday.filter((slot) => slot.mode === "ONLINE").length).toBeGreaterThan(0);

  await page.reload();
  await expect(page.getByLabel("Saturday interval 1 start")).toHaveValue("10:00");
  await expect(page.getByLabel("Monday interval 1 mode")).toHaveValue("ONLINE");
});

test("an overlapping interval is rejected with a message on the field", async ({ page, signInWithGoogle }) => {
  await signInWithGoogle(PROVIDER, "/provider/schedule");
  await page.getByRole("button", { name: "Add interval on Tuesday" }).click();
  const start = page.getByLabel("Tuesday interval 3 start");
  await start.fill("11:00");
  await page.getByLabel("Tuesday interval 3 end").fill("13:00");
  await page.getByRole("button", { name: "Save week" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "The week was not saved" })).toContainText("Tuesday interval 3 start");
  await expect(start).toHaveAttribute("aria-invalid", "true");
  const describedBy = await start.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText("overlaps another one on the same day");
  await expect(page.getByLabel("Tuesday interval 1 start")).not.toHaveAttribute("aria-invalid", "true");
});

test("a visitor asking for the provider area is sent to sign in", async ({ page }) => {
  await page.goto("/provider/schedule");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprovider%2Fschedule$/);
});

test("a signed-in patient gets the providers-only page with HTTP 403", async ({ page, signInWithGoogle }) => {
  await signInWithGoogle(DEMO.patient);
  const response = await page.goto("/provider");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This area is for providers" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Provider" })).toHaveCount(0);
});

test("the provider pages load their data", async ({ page, signInWithGoogle }) => {
  await signInWithGoogle(PROVIDER, "/provider");
  await expect(page.getByText("Requests awaiting your approval")).toBeVisible();
  await expectNoAxeViolations(page, "the provider dashboard");
  await page.getByRole("navigation", { name: "Provider" }).getByRole("link", { name: "Bookings" }).click();
  await expect(page.getByText(/^\d+ bookings?$/)).toBeVisible();
  await expectNoAxeViolations(page, "the provider's bookings");
  await page.getByRole("navigation", { name: "Provider" }).getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Week of / })).toBeVisible();
  await page.getByRole("button", { name: "Next week" }).click();
  await expect(page.getByText(/bookings? this week$/)).toBeVisible();
  await expectNoAxeViolations(page, "the provider's week calendar");
  await page.getByRole("navigation", { name: "Provider" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("heading", { name: "Cardiology — follow-up" })).toBeVisible();
  await expectNoAxeViolations(page, "the provider's services");
  await page.getByRole("button", { name: "New service" }).click();
  await page.getByLabel("Duration (minutes)").fill("0");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByLabel("Duration (minutes)")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("navigation", { name: "Provider" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/London");
  await expectNoAxeViolations(page, "the provider's settings");
});
