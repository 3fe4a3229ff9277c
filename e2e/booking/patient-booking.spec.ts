import { expectNoAxeViolations } from "../fixtures/axe";
import { DEMO, expect, firstOfferedSlot, PROVIDER_PATHS, test, waitForSlots } from "../fixtures";

test("the demo patient books while signed in and finds the booking under My bookings", async ({ page, signInWithGoogle }) => {
  test.slow();
  const providerPath = PROVIDER_PATHS["Dr. Priya Nair"];
  await signInWithGoogle(DEMO.patient, providerPath);
  await expect(page).toHaveURL(new RegExp(`${providerPath}$`));
  await page.getByRole("radio", { name: /^Dermatology — follow-up/ }).check();
  await waitForSlots(page);
  // Two weeks out, the booking can still be changed online (the cutoff is 24 hours before).
  await page.getByRole("button", { name: "Next 2 weeks" }).click();
  await waitForSlots(page);
  await firstOfferedSlot(page).click();

  await expect(page.getByRole("heading", { name: "Complete your booking" })).toBeVisible();
  await expect(page.getByText(`Booking as ${DEMO.patient}`)).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveCount(0);
  await page.getByLabel(/Notes for the provider/).fill("Follow-up on the eczema treatment.");
  await page.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  await page.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{43}\?new=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Booking confirmed" })).toBeVisible();

  // A second changeable booking: each booking's "Change this booking" block must not repeat a landmark name.
  await page.goto("/providers/sofia-almeida");
  await page.getByRole("radio", { name: /^Video check-in/ }).check();
  await waitForSlots(page);
  await page.getByRole("button", { name: "Next 2 weeks" }).click();
  await waitForSlots(page);
  await firstOfferedSlot(page).click();
  await page.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Booking confirmed" })).toBeVisible();

  await page.goto("/my-bookings");
  await expect(page.getByRole("heading", { level: 1, name: "My bookings" })).toBeVisible();
  const upcoming = page.getByRole("list", { name: "Upcoming" });
  const item = upcoming.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Dr. Priya Nair" }) });
  await expect(item).toHaveCount(1);
  await expect(item.getByRole("heading", { name: "Dermatology — follow-up" })).toBeVisible();
  await expect(item.getByTestId("booking-status")).toHaveText("Confirmed");
  await expect(item.getByTestId("booking-time")).toContainText("Europe/London");
  await expectNoAxeViolations(page, "My bookings");

  // Rescheduling from the list shows the day-at-a-time picker inside the booking.
  await item.getByRole("button", { name: "Reschedule" }).click();
  await expect(item.getByRole("tablist", { name: "Days" })).toBeVisible();
  await expectNoAxeViolations(page, "My bookings while rescheduling");
});

test("My bookings asks a signed-out visitor to sign in first", async ({ page }) => {
  await page.goto("/my-bookings");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)my-bookings$/);
});
