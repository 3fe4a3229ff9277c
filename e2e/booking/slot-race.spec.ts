import { expect, firstOfferedSlot, openServiceSlots, PROVIDER_PATHS, test } from "../fixtures";

test("two patients race for the same slot: exactly one gets the form, the other is offered alternatives", async ({ browser }) => {
  // Two browser contexts load the provider page at once.
  test.slow();
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const pages = await Promise.all(contexts.map((context) => context.newPage()));
    await Promise.all(pages.map((page) => openServiceSlots(page, PROVIDER_PATHS["Dr. Oliver Bennett"], /^Cardiology — first visit/)));
    // Both pages open on the same first day with free times; pick the same time on each.
    const startsAt = await firstOfferedSlot(pages[0]!).getAttribute("data-starts-at");
    const mode = await firstOfferedSlot(pages[0]!).getAttribute("data-mode");
    expect(startsAt).toBeTruthy();
    const theSlot = (page: (typeof pages)[number]) => page.locator(`button[data-slot][data-starts-at="${startsAt}"][data-mode="${mode}"]`);

    await Promise.all(pages.map((page) => theSlot(page).click()));

    const outcomes = await Promise.all(
      pages.map(async (page) => {
        const form = page.getByRole("heading", { name: "Complete your booking" });
        const alternatives = page.getByRole("list", { name: "Nearest free times" });
        await expect(form.or(alternatives)).toBeVisible();
        return (await form.isVisible()) ? "form" : "taken";
      }),
    );
    expect(outcomes.filter((outcome) => outcome === "form")).toHaveLength(1);
    const loser = pages[outcomes.indexOf("taken")]!;
    await expect(loser.getByRole("alert").filter({ hasText: /took that time|no longer available/ })).toBeVisible();
    const offered = loser.getByRole("list", { name: "Nearest free times" }).getByRole("button");
    expect(await offered.count()).toBeGreaterThan(0);
    await expect(offered.filter({ hasText: /\d{2}:\d{2}/ }).first()).toBeVisible();
    // The lost time is no longer offered once the list has refreshed.
    await expect(theSlot(loser)).toHaveCount(0);
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
