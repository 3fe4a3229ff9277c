import { readFile } from "node:fs/promises";
import { DEMO, expect, firstOfferedSlot, PROVIDER_PATHS, test, waitForSlots } from "../fixtures";

const SERVICE = /^General consultation/;

test("a guest books a slot, downloads the .ics, cancels through the manage link and the slot is offered again", async ({ page, context }) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    // The app ships no favicon yet; anything else logged as an error fails the journey.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) consoleErrors.push(message.text());
  });
  await page.goto("/");
  await page.getByRole("list", { name: "Providers" }).getByRole("link", { name: DEMO.provider }).click();
  await expect(page).toHaveURL(new RegExp(`${PROVIDER_PATHS[DEMO.provider]}$`));
  await expect(page.getByRole("heading", { level: 1, name: DEMO.provider })).toBeVisible();

  await page.getByRole("radio", { name: SERVICE }).check();
  await expect(page.getByTestId("times-shown-in")).toContainText("Europe/London");
  await waitForSlots(page);
  // Patients may cancel until 24 hours before; a time two weeks out is always still changeable.
  await page.getByRole("button", { name: "Next 2 weeks" }).click();
  await waitForSlots(page);
  const slot = firstOfferedSlot(page);
  const slotName = await slot.getAttribute("aria-label");
  expect(slotName).toMatch(/^\w+day \d{1,2} \w+, \d{2}:\d{2}, (in person at .+|online)$/);
  await slot.click();

  await expect(page.getByRole("heading", { name: "Complete your booking" })).toBeFocused();
  await expect(page.getByRole("timer")).toBeVisible();

  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please check the form" })).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("checkbox", { name: /I agree to the terms/ })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Full name").fill("Jordan Guest");
  await page.getByLabel("Email").fill("jordan.guest@example.com");
  await page.getByLabel("Mobile phone").fill("07700 900123");
  await page.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByLabel("Mobile phone")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Please enter the phone number in international format").first()).toBeVisible();

  await page.getByLabel("Mobile phone").fill("+447700900123");
  await page.getByLabel(/Notes for the provider/).fill("Recurring headaches; first visit.");
  await page.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{43}\?new=1$/);
  const manageUrl = page.url().replace(/\?new=1$/, "");
  await expect(page.getByRole("status").filter({ hasText: "Booking confirmed" })).toBeVisible();
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await expect(page.getByText("Harbour Health King's Cross").first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Add to calendar (.ics)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^medbookings-\d{4}-\d{2}-\d{2}\.ics$/);
  const ics = await readFile(await download.path(), "utf8");
  expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics).toMatch(/\r\nUID:[0-9a-f-]{36}@medbookings\r\n/);
  expect(ics).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
  expect(ics).toMatch(/\r\nDTSTART;TZID=Europe\/London:\d{8}T\d{6}\r\n/);
  expect(ics).toContain("\r\nSTATUS:CONFIRMED\r\n");
  expect(ics.replace(/\r\n /g, "")).toContain(manageUrl);

  // While booked, the time is not offered to anyone else.
  const other = await context.browser()!.newPage();
  await other.goto(PROVIDER_PATHS[DEMO.provider]);
  await other.getByRole("radio", { name: SERVICE }).check();
  await waitForSlots(other);
  await other.getByRole("button", { name: "Next 2 weeks" }).click();
  await waitForSlots(other);
  await expect(other.getByRole("button", { name: slotName!, exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: "Cancel booking", exact: true }).click();
  await page.getByLabel(/Reason/).fill("Feeling better, thank you.");
  await page.getByRole("button", { name: "Yes, cancel booking" }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Cancelled");
  await expect(page.getByText("Your booking is cancelled.")).toBeVisible();

  await other.reload();
  await other.getByRole("radio", { name: SERVICE }).check();
  await waitForSlots(other);
  await other.getByRole("button", { name: "Next 2 weeks" }).click();
  await waitForSlots(other);
  await expect(other.getByRole("button", { name: slotName!, exact: true })).toBeVisible();
  await other.close();
  // Hydration mismatches (e.g. a time formatted in the server's zone) surface as console errors.
  expect(consoleErrors).toEqual([]);
});

test("an unknown manage link and an unknown provider show friendly not-found pages", async ({ page }) => {
  const response = await page.goto(`/bookings/${"a".repeat(43)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find this booking" })).toBeVisible();

  const provider = await page.goto("/providers/no-such-provider");
  expect(provider?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Provider not found" })).toBeVisible();

  const ics = await page.request.get(`/api/bookings/ics?token=${"b".repeat(43)}`);
  expect(ics.status()).toBe(404);
  const malformed = await page.request.get("/api/bookings/ics?token=short");
  expect(malformed.status()).toBe(400);
});
