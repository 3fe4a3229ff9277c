import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "../fixtures/axe";
import { expect, firstOfferedSlot, test, waitForSlots } from "../fixtures";
import { localCloud, readContactCode } from "../fixtures/local-cloud";

// The calendar journey of issue 9, end to end on the production build with its worker and the
// local cloud: a provider connects Google on the consent page; an event they create in Google (the
// Inbox, as the calendar's owner) reaches the app by push and takes the time off the public page;
// a guest books an online visit and its event, with a Meet link, appears in the provider's
// calendar; the provider moves that event in Google and the booking follows.

// A provider no other spec books, so the times seen here are this journey's own.
const PROVIDER = "Rachel Goldberg, PsyD";
const PROVIDER_PATH = "/providers/rachel-goldberg";
const CALENDAR = "rachel.goldberg@demo.medbookings.test";
const SERVICE = /^Video check-in/;

/** `2027-03-02T09:00:00.000Z` → the value of a datetime-local field read in UTC. */
const utcLocalInput = (iso: string) => iso.slice(0, 16);

async function openInboxCalendar(page: Page) {
  await page.goto(`${localCloud().inboxUrl}/calendars`);
  const section = page.getByRole("region", { name: new RegExp(CALENDAR.replace(/\./g, "\\.")) });
  await expect(section).toBeVisible();
  return section;
}

async function offeredStarts(page: Page): Promise<string[]> {
  await waitForSlots(page);
  return page.getByRole("list", { name: /^Times on / }).first().getByRole("button").evaluateAll((buttons) => buttons.map((b) => b.getAttribute("data-starts-at") ?? ""));
}

test("a provider connects Google: busy time blocks slots by push, an online booking lands in Google with Meet, and a move in Google moves the booking", async ({ page, context, signInWithGoogle }) => {
  test.setTimeout(90_000);
  expect(CALENDAR).toContain("@");

  // 1. Connect through the consent page (incremental authorization: calendar scopes now).
  await signInWithGoogle(PROVIDER, "/provider/calendar-sync");
  await expect(page.getByRole("heading", { level: 1, name: "Google Calendar" })).toBeVisible();
  await expectNoAxeViolations(page, "the Google Calendar page before connecting");
  await page.getByRole("link", { name: "Connect Google Calendar" }).click();
  const calendarBoxes = page.getByRole("checkbox");
  await expect(calendarBoxes.first()).toBeChecked();
  await page.getByRole("button", { name: new RegExp(PROVIDER.replace(/[.,]/g, ".")) }).click();
  await expect(page).toHaveURL(/\/provider\/calendar-sync\?connect=/);
  await expect(page.getByRole("checkbox", { name: /Blocks my availability/ }).first()).toBeChecked();
  // The first sync is recorded in the status panel.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("table").filter({ hasText: /OK|Full/ }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expectNoAxeViolations(page, "the Google Calendar page once connected");

  // 2. A busy event created in Google makes that time vanish from the public page within seconds.
  const visitor = await context.browser()!.newPage();
  await visitor.goto(PROVIDER_PATH);
  await visitor.getByRole("radio", { name: SERVICE }).check();
  await visitor.getByRole("button", { name: "Next 2 weeks" }).click();
  const [blocked] = await offeredStarts(visitor);
  expect(blocked).toBeTruthy();

  const inbox = await context.browser()!.newPage();
  const section = await openInboxCalendar(inbox);
  await section.getByText("Create an event as the provider").click();
  const create = section.getByRole("form", { name: `Create an event in ${CALENDAR}` });
  await create.getByLabel("Title").fill("Dentist (personal)");
  await create.getByLabel("Time zone").fill("UTC");
  await create.getByLabel("Start").fill(utcLocalInput(blocked!));
  await create.getByLabel("End").fill(utcLocalInput(new Date(Date.parse(blocked!) + 60 * 60_000).toISOString()));
  const pushedAt = Date.now();
  await create.getByRole("button", { name: "Create event" }).click();
  await expect(inbox.getByText(/Created event/)).toBeVisible();

  await expect(async () => {
    await visitor.reload();
    await visitor.getByRole("radio", { name: SERVICE }).check();
    await visitor.getByRole("button", { name: "Next 2 weeks" }).click();
    expect(await offeredStarts(visitor)).not.toContain(blocked);
  }).toPass({ timeout: 15_000 });
  expect(Date.now() - pushedAt).toBeLessThan(15_000);

  // 3. A guest books an online visit; its event appears in Google with a Meet link.
  const slot = firstOfferedSlot(visitor);
  await expect(slot).toHaveAccessibleName(/ Online /);
  await slot.click();
  await expect(visitor.getByRole("heading", { name: "Complete your booking" })).toBeFocused();
  await visitor.getByLabel("Full name").fill("Casey Calendar");
  await visitor.getByLabel("Email").fill("casey.calendar@example.com");
  await visitor.getByLabel("Mobile phone").fill("+1 212 555 0147");
  await visitor.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  await visitor.getByRole("button", { name: "Email me a code" }).click();
  await visitor.getByLabel("6-digit code").fill(await readContactCode(visitor.request, { email: "casey.calendar@example.com" }));
  await visitor.getByRole("button", { name: "Confirm booking" }).click();
  await expect(visitor.getByTestId("booking-status")).toHaveText("Confirmed");
  const bookedTime = await visitor.getByTestId("booking-time").textContent();

  const title = "MedBookings appointment (online)";
  await expect(async () => {
    await inbox.reload();
    const row = (await openInboxCalendar(inbox)).getByRole("row").filter({ hasText: title });
    await expect(row.getByRole("link", { name: /^https:\/\/meet\.google\.com\// })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  // 4. The provider moves the event in Google a day later; the booking follows.
  const calendarSection = await openInboxCalendar(inbox);
  await calendarSection.getByText(`Change “${title}” as the provider`).click();
  const move = calendarSection.getByRole("form", { name: `Move ${title}` });
  const start = await move.getByLabel("Start").inputValue();
  const end = await move.getByLabel("End").inputValue();
  const dayLater = (local: string) => new Date(Date.parse(`${local}:00Z`) + 24 * 3_600_000).toISOString().slice(0, 16);
  await move.getByLabel("Start").fill(dayLater(start));
  await move.getByLabel("End").fill(dayLater(end));
  await move.getByRole("button", { name: "Move" }).click();
  await expect(inbox.getByText(/Moved event/)).toBeVisible();

  await expect(async () => {
    await visitor.reload();
    await expect(visitor.getByTestId("booking-time")).not.toHaveText(bookedTime ?? "", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(visitor.getByTestId("booking-status")).toHaveText("Confirmed");
});
