import { DEMO, expect, test } from "../fixtures";

test("a visitor asking for the admin area is sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin|\/sign-in\?callbackUrl=\/admin/);
});

test("a signed-in non-admin is refused the admin area", async ({ page, signInWithGoogle }) => {
  await signInWithGoogle(DEMO.patient);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Administration" })).toHaveCount(0);
});

test("the platform admin reaches the admin area", async ({ page, signInWithGoogle }) => {
  await signInWithGoogle(DEMO.admin, "/admin");
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
  await expect(page.getByText("Approved providers")).toBeVisible();
});
