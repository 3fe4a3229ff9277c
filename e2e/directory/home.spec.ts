import { expectNoAxeViolations } from "../fixtures/axe";
import { DEMO, expect, test } from "../fixtures";

test("a visitor sees seeded providers on the home page and can filter them", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Book a healthcare appointment" })).toBeVisible();
  const providers = page.getByRole("list", { name: "Providers" });
  await expect(providers.getByRole("heading", { name: DEMO.provider })).toBeVisible();
  // The seed's twenty, or twenty-one once the onboarding journey (running alongside) approved Dr. Amara Okafor.
  await expect(page.getByText(/^2[01] providers found$/)).toBeVisible();
  await expectNoAxeViolations(page, "the directory");

  await page.getByLabel("Language", { exact: true }).selectOption("de");
  await expect(page.getByText("1 provider found")).toBeVisible();
  await expect(providers.getByRole("heading", { name: "Dr. Hannah Schulz" })).toBeVisible();

  await page.getByLabel("Language", { exact: true }).selectOption("");
  await page.getByLabel("Specialty", { exact: true }).selectOption({ label: "Cardiology" });
  await expect(page.getByText("3 providers found")).toBeVisible();

  await page.getByLabel("Specialty", { exact: true }).selectOption("");
  await page.getByLabel("Service", { exact: true }).fill("video check-in");
  await expect(page.getByText("5 providers found")).toBeVisible();
  await page.getByLabel("Visit type", { exact: true }).selectOption("IN_PERSON");
  await expect(page.getByText("0 providers found")).toBeVisible();
});
