import { expectNoAxeViolations } from "../fixtures/axe";
import { expect, test, waitForSlots } from "../fixtures";
import { localCloud, readContactCode } from "../fixtures/local-cloud";

const PLACE_BOX = "Place or postcode";
// Next.js's route announcer is an (empty) alert on every page; any other alert is a message shown.
const ALERTS = '[role="alert"]:not(#__next-route-announcer__)';

// One place emulator serves the whole run and one test makes it fail: the tests of this file take turns.
test.describe.configure({ mode: "serial" });

test("a visitor picks King's Cross from the suggestions, sees providers nearest first with their next free time and place, and books that time from the result", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) consoleErrors.push(message.text());
  });
  await page.goto("/");
  await page.getByRole("link", { name: /^Find care near you/ }).click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByRole("heading", { level: 1, name: "Find care near you" })).toBeVisible();

  const box = page.getByRole("combobox", { name: PLACE_BOX });
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.pressSequentially("Kings Cro", { delay: 20 });
  const suggestions = page.getByRole("listbox", { name: /^Places matching/ });
  await expect(box).toHaveAttribute("aria-expanded", "true");
  const district = suggestions.getByRole("option", { name: /^King's Cross, London/ });
  await expect(district).toBeVisible();
  // Keyboard: Down moves the active option (announced through aria-activedescendant), Escape closes.
  await box.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.press("ArrowDown");
  await expect(district).toBeVisible();
  await district.click();
  await expect(box).toHaveValue("King's Cross");
  await expect(box).toHaveAttribute("aria-expanded", "false");

  const heading = page.getByRole("heading", { level: 2, name: /within 10 km of King's Cross, nearest first$/ });
  await expect(heading).toBeVisible();
  const results = page.getByRole("list", { name: /within 10 km of King's Cross/ });
  const items = results.getByRole("listitem");
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThanOrEqual(4);
  // Every London demo provider practises at Harbour Health King's Cross, 0.6 km from the district's centre.
  await expect(items.first()).toContainText("In person at Harbour Health King's Cross");
  await expect(items.first()).toContainText("14 Pancras Square");
  const distances = (await results.getByText(/ km away$/).allTextContents()).map((text) => Number(/([\d.]+) km away/.exec(text)![1]));
  expect(distances.length).toBeGreaterThanOrEqual(4);
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
  expect(distances[0]).toBeCloseTo(0.6, 1);
  await expect(items.first().getByTestId("next-free")).toContainText(/Next free: .+\(Europe\/London \((?:GMT|BST)\)\)/);
  await expectNoAxeViolations(page, "the search results near King's Cross");

  // A filter narrows the same search: a physiotherapist, still nearest first.
  await page.getByLabel("Specialty").selectOption({ label: "Physiotherapy" });
  await expect(page.getByRole("heading", { level: 2, name: /^1 provider within 10 km of King's Cross/ })).toBeVisible();
  const sofia = results.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Sofia Almeida" }) });
  const nextFree = sofia.getByTestId("next-free").locator("time");
  const startsAt = await nextFree.getAttribute("datetime");
  expect(startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);

  // The next free time books: one link, named for what it does, to the provider page opened on that time.
  const book = sofia.getByTestId("next-free").getByRole("link");
  await expect(book).toHaveAccessibleName(`Book ${await nextFree.textContent()} with Sofia Almeida`);
  const href = (await book.getAttribute("href"))!;
  const linked = new URL(href, page.url());
  expect(linked.pathname).toBe("/providers/sofia-almeida");
  expect(Object.fromEntries(linked.searchParams)).toEqual({
    service: expect.stringMatching(/^[0-9a-f-]{36}$/),
    mode: "IN_PERSON",
    location: expect.stringMatching(/^[0-9a-f-]{36}$/),
    start: startsAt,
  });
  await book.click();

  // No service or day to choose by hand: the service is chosen, that time's day is shown and the time
  // itself is marked and focused, but not yet reserved (holding is the visitor's click).
  await expect(page.getByRole("heading", { level: 1, name: "Sofia Almeida" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Therapy session/ })).toBeChecked();
  await waitForSlots(page);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(startsAt!));
  await expect(page.locator(`[role="tab"][data-date="${day}"]`)).toHaveAttribute("aria-selected", "true");
  const slot = page.locator(`button[data-starts-at="${startsAt}"][data-mode="IN_PERSON"]`);
  await expect(slot).toHaveCount(1);
  await expect(slot).toBeFocused();
  await expect(slot).toBeInViewport();
  await expect(slot).toHaveAttribute("data-requested", "true");
  await expect(slot).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("status").filter({ hasText: /^Your time, .+, in person at Harbour Health King's Cross, is marked below\. Select it to reserve it\.$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Complete your booking" })).toHaveCount(0);
  await expectNoAxeViolations(page, "the provider page opened on a search result's time");
  await slot.click();

  await expect(page.getByRole("heading", { name: "Complete your booking" })).toBeFocused();
  await expect(page.getByText("Harbour Health King's Cross").first()).toBeVisible();
  await page.getByLabel("Full name").fill("Sam Nearby");
  await page.getByLabel("Email").fill("sam.nearby@example.com");
  await page.getByLabel("Mobile phone").fill("07700 900456");
  await page.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByLabel("6-digit code")).toBeFocused();
  await page.getByLabel("6-digit code").fill(await readContactCode(page.request, { email: "sam.nearby@example.com" }));
  await page.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{43}\?new=1$/);
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await expect(page.getByText("Harbour Health King's Cross").first()).toBeVisible();

  // The same result link once that time is booked: the page says so and shows what is left.
  await page.goto(href);
  await expect(page.getByRole("radio", { name: /^Therapy session/ })).toBeChecked();
  await waitForSlots(page);
  await expect(page.getByRole("status").filter({ hasText: "That time has just been taken; here are the next free times." })).toBeVisible();
  await expect(page.locator(`button[data-starts-at="${startsAt}"][data-mode="IN_PERSON"]`)).toHaveCount(0);
  const shownDay = await page.locator('[role="tab"][aria-selected="true"]').getAttribute("data-date");
  expect(shownDay! >= day).toBe(true);
  await expect(page.getByRole("list", { name: /^Times on / }).first().getByRole("button").first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test("a provider link with a malformed or unknown service or time still opens a working page", async ({ page }) => {
  const plain = await page.goto("/providers/sofia-almeida?service=not-a-service&mode=SOMETIME&location=x&start=yesterday");
  expect(plain?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Sofia Almeida" })).toBeVisible();
  await expect(page.getByText("Choose a service to see free times.")).toBeVisible();
  const therapy = page.getByRole("radio", { name: /^Therapy session/ });
  const serviceId = (await therapy.getAttribute("value"))!;

  // A well-formed service that is not this provider's is ignored too.
  await page.goto(`/providers/sofia-almeida?service=${crypto.randomUUID()}&mode=ONLINE&start=2030-01-01T09:00:00Z`);
  await expect(page.getByText("Choose a service to see free times.")).toBeVisible();
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);

  // Her own service with a time that is not a date: the service is chosen, the times open as usual.
  const partial = await page.goto(`/providers/sofia-almeida?service=${serviceId}&mode=IN_PERSON&start=2027-13-45T99:00:00Z`);
  expect(partial?.status()).toBe(200);
  await expect(therapy).toBeChecked();
  await waitForSlots(page);
  await expect(page.locator("button[data-requested]")).toHaveCount(0);
  await expect(page.getByText(/has just been taken|has passed/)).toHaveCount(0);
});

test.describe("with location refused", () => {
  test.use({ permissions: [] });

  test("'Use my location' refused leaves the place box: no error, and a place can still be picked", async ({ page, context }) => {
    await context.clearPermissions();
    await page.goto("/search");
    const locate = page.getByRole("button", { name: "Use my location" });
    await expect(locate).toBeEnabled();
    await locate.click();
    await expect(locate).toBeEnabled();
    await expect(page.locator(ALERTS)).toHaveCount(0);
    const box = page.getByRole("combobox", { name: PLACE_BOX });
    await expect(box).toBeEditable();
    await box.pressSequentially("Shoredi", { delay: 20 });
    const first = page.getByRole("listbox", { name: /^Places matching/ }).getByRole("option").first();
    await expect(first).toHaveAccessibleName(/^Shoreditch, London/);
    await box.press("ArrowDown");
    await expect(first).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);
    await box.press("Enter");
    await expect(box).toHaveValue("Shoreditch");
    await expect(page.getByRole("heading", { level: 2, name: /within 10 km of Shoreditch, nearest first$/ })).toBeVisible();
    // No browser Maps key in the e2e environment: the list alone, no map element.
    await expect(page.getByTestId("results-map")).toHaveCount(0);
    await expect(page.locator("script[src*='maps.googleapis.com']")).toHaveCount(0);
    await expect(page.locator(ALERTS)).toHaveCount(0);
  });
});

test("a place service that is down says so in the place box, and search by words and filters still works", async ({ page, request }) => {
  await page.goto("/search");
  const fail = await request.post(`${localCloud().placesUrl}/__control/fail-next`, { data: { api: "places", status: 503, count: 20 } });
  expect(fail.ok()).toBe(true);
  try {
    await page.getByRole("combobox", { name: PLACE_BOX }).pressSequentially("Soho", { delay: 20 });
    await expect(page.getByRole("alert").filter({ hasText: "Place search is unavailable right now. You can still search by name, specialty and the other filters." })).toBeVisible();
    await page.getByLabel("Name, practice or city").fill("Mumbai");
    await expect(page.getByRole("heading", { level: 2, name: /^\d+ providers?, soonest first$/ })).toBeVisible();
    await expect(page.getByRole("list", { name: /soonest first$/ }).getByRole("listitem").first()).toContainText("Sahyadri Clinic");
    await expectNoAxeViolations(page, "the search page with place search down");
  } finally {
    await request.post(`${localCloud().placesUrl}/__control/reset`);
  }
});
