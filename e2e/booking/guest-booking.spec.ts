import { readFile } from "node:fs/promises";
import { expectNoAxeViolations } from "../fixtures/axe";
import { DEMO, expect, firstOfferedSlot, PROVIDER_PATHS, test, waitForSlots } from "../fixtures";
import { readContactCode } from "../fixtures/local-cloud";

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
  // One day at a time: the first day with a free time is selected and its times are shown.
  const day = page.getByRole("tab", { selected: true });
  await expect(day).toHaveAccessibleName(/^\w{3} \d{1,2} \w{3} \d+ times?$/);
  const dayDate = await day.getAttribute("data-date");
  const slot = firstOfferedSlot(page);
  // The accessible name is the visible text (axe: label-content-name-mismatch).
  await expect(slot).toHaveAccessibleName(/^\d{2}:\d{2} (In person|Online)$/);
  const startsAt = await slot.getAttribute("data-starts-at");
  const mode = await slot.getAttribute("data-mode");
  await expectNoAxeViolations(page, "the provider page with free times");
  await slot.click();

  await expect(page.getByRole("heading", { name: "Complete your booking" })).toBeFocused();
  await expect(page.getByRole("timer")).toBeVisible();
  await expectNoAxeViolations(page, "the booking form");

  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please check the form" })).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("checkbox", { name: /I agree to the terms/ })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Full name").fill("Jordan Guest");
  await page.getByLabel("Email").fill("jordan.guest@example.com");
  await page.getByLabel("Mobile phone").fill("7700 90");
  await page.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  // Notes past the limit are not cut: the counter and the field say so.
  const notes = page.getByLabel(/Notes for the provider/);
  await notes.fill("x".repeat(1003));
  await expect(page.getByTestId("character-count")).toHaveText("3 characters too many: 1,000 at most");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByLabel("Mobile phone")).toHaveAttribute("aria-invalid", "true");
  // The practice is in London: the hint and the message show how to write a UK number.
  await expect(page.getByText(/This does not look like a complete phone number\. Write it like 07\d{3} \d{6} or \+44 7\d{3} \d{6}\./).first()).toBeVisible();
  await expect(notes).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Notes can be at most 1,000 characters; please shorten them.").first()).toBeVisible();
  await expectNoAxeViolations(page, "the booking form with errors");

  // Typed the way people type it, national format with spaces.
  await page.getByLabel("Mobile phone").fill("07700 900123");
  await notes.fill("Recurring headaches; first visit.");
  await expect(page.getByTestId("character-count")).toHaveText("33 of 1,000 characters");
  // A guest proves the email they gave with a code before the booking is confirmed.
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByText(/We sent a 6-digit code to j\*+@example\.com/)).toBeVisible();
  await expect(page.getByLabel("6-digit code")).toBeFocused();
  await expect(page.getByRole("button", { name: "Resend code" })).toBeDisabled();
  await expectNoAxeViolations(page, "the booking form waiting for the code");
  await page.getByLabel("6-digit code").fill(await readContactCode(page.request, { email: "jordan.guest@example.com" }));
  await page.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{43}\?new=1$/);
  const manageUrl = page.url().replace(/\?new=1$/, "");
  await expect(page.getByRole("status").filter({ hasText: "Booking confirmed" })).toBeVisible();
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await expect(page.getByText("Harbour Health King's Cross").first()).toBeVisible();
  await expect(page.getByText(/We are sending you a confirmation \(by email, with a calendar invitation\)/)).toBeVisible();
  await expect(page.getByLabel("Link to this booking")).toHaveValue(manageUrl);
  await expect(page.getByRole("button", { name: "Copy link" })).toBeEnabled();
  await expectNoAxeViolations(page, "the confirmation page");

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
  const bookedSlot = other.locator(`button[data-starts-at="${startsAt}"][data-mode="${mode}"]`);
  await other.locator(`[role="tab"][data-date="${dayDate}"]`).click();
  await expect(other.locator(`[role="tab"][data-date="${dayDate}"]`)).toHaveAttribute("aria-selected", "true");
  await expect(bookedSlot).toHaveCount(0);

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
  await other.locator(`[role="tab"][data-date="${dayDate}"]`).click();
  await expect(bookedSlot).toBeVisible();
  await other.close();
  // Hydration mismatches (e.g. a time formatted in the server's zone) surface as console errors.
  expect(consoleErrors).toEqual([]);
});

test("an unknown manage link and an unknown provider show friendly not-found pages", async ({ page }) => {
  const response = await page.goto(`/bookings/${"a".repeat(43)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find this booking" })).toBeVisible();
  await expect(page.getByText(/confirmation email/)).toHaveCount(0);
  await expectNoAxeViolations(page, "the booking not-found page");

  const provider = await page.goto("/providers/no-such-provider");
  expect(provider?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Provider not found" })).toBeVisible();

  const ics = await page.request.get(`/api/bookings/ics?token=${"b".repeat(43)}`);
  expect(ics.status()).toBe(404);
  const malformed = await page.request.get("/api/bookings/ics?token=short");
  expect(malformed.status()).toBe(400);
});
