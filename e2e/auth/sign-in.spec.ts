import { expectNoAxeViolations } from "../fixtures/axe";
import { DEMO, expect, test } from "../fixtures";

test("the demo patient signs in with Google through the emulator and sees their name", async ({ page, signInWithGoogle }) => {
  await signInWithGoogle(DEMO.patient);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(`Signed in as ${DEMO.patient}`);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("the consent page shows the requested scopes and the demo accounts", async ({ page }) => {
  await page.goto("/sign-in");
  await expectNoAxeViolations(page, "the sign-in page");
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await expect(page.getByRole("button", { name: new RegExp(DEMO.patient) })).toBeVisible();
  await expect(page.getByText(/email address/i).first()).toBeVisible();
});
