import { expectNoAxeViolations } from "../fixtures/axe";
import { expect, firstOfferedSlot, test, waitForSlots } from "../fixtures";
import { localCloud } from "../fixtures/local-cloud";

// An Adelaide practice (UTC+9:30/+10:30): times in every message name their zone.
const PROVIDER_PATH = "/providers/chloe-nguyen";
const SERVICE = /^General consultation/;
const GUEST = { name: "Morgan Messages", email: "morgan.messages@example.com", phone: "+61 412 345 678", e164: "+61412345678" };

test("a guest verifies with the code from the Inbox, gets the confirmation email with .ics and WhatsApp with the practice's card, replies 2 for the link, and is told when the booking is cancelled", async ({
  page,
  context,
}) => {
  // Two origins (app and Inbox), a real worker between them: a long journey.
  test.slow();
  const inbox = await context.newPage();
  const { inboxUrl } = localCloud();

  await page.goto(PROVIDER_PATH);
  await page.getByRole("radio", { name: SERVICE }).check();
  await waitForSlots(page);
  // Two weeks out: still changeable online (the cut-off is 24 hours before).
  await page.getByRole("button", { name: "Next 2 weeks" }).click();
  await waitForSlots(page);
  await firstOfferedSlot(page).click();
  await expect(page.getByRole("heading", { name: "Complete your booking" })).toBeFocused();

  await page.getByLabel("Full name").fill(GUEST.name);
  await page.getByLabel("Email").fill(GUEST.email);
  await page.getByLabel("Mobile phone").fill(GUEST.phone);
  await page.getByRole("checkbox", { name: /send my confirmation, reminders and changes on WhatsApp/ }).check();
  await page.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByText(/We sent a 6-digit code to m\*+@example\.com/)).toBeVisible();

  // The code, as the guest finds it: in the Inbox, in the email's subject.
  await inbox.goto(`${inboxUrl}/email`);
  const codeMail = inbox.getByRole("article").filter({ has: inbox.getByRole("heading", { name: /^Your MedBookings code: \d{6}$/ }) }).filter({ hasText: GUEST.email });
  await expect(async () => {
    await inbox.reload();
    await expect(codeMail.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const code = /(\d{6})$/.exec((await codeMail.first().getByRole("heading").first().textContent()) ?? "")?.[1];
  expect(code).toMatch(/^\d{6}$/);

  await page.getByLabel("6-digit code").fill(code!);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{43}\?new=1$/);
  const manageUrl = page.url().replace(/\?new=1$/, "");
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");

  // The confirmation email, with the calendar invitation attached.
  const confirmation = inbox.getByRole("article").filter({ has: inbox.getByRole("heading", { name: /^Confirmed: Dr\. Chloe Nguyen/ }) }).filter({ hasText: GUEST.email });
  await expect(async () => {
    await inbox.reload();
    await expect(confirmation).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(confirmation.getByRole("link", { name: /^Download .+\.ics$/ })).toBeVisible();
  await confirmation.getByText(/^Show .+\.ics as text$/).click();
  const invitation = confirmation.getByText(/METHOD:REQUEST/);
  await expect(invitation).toBeVisible();
  await expect(invitation).toContainText("DTSTART;TZID=Australia/Adelaide:");

  // WhatsApp: the approved confirmation template, with the practice's contact card.
  await inbox.goto(`${inboxUrl}/messages`);
  const thread = inbox.getByRole("region", { name: `WhatsApp with ${GUEST.e164}` });
  await expect(async () => {
    await inbox.reload();
    await expect(thread.getByText(/is confirmed\. Manage it:/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(thread.getByRole("group", { name: /^Contact card: / }).or(thread.getByRole("link", { name: /\.vcf|contact card/i })).first()).toBeVisible();
  await expectNoAxeViolations(page, "the confirmation page");

  // The patient replies "2": the answer is their manage link.
  await thread.getByRole("textbox", { name: "Reply" }).fill("2");
  await thread.getByRole("button", { name: "Send reply" }).click();
  const threadAgain = inbox.getByRole("region", { name: `WhatsApp with ${GUEST.e164}` });
  await expect(async () => {
    await inbox.reload();
    await expect(threadAgain.getByText(manageUrl).last()).toBeVisible({ timeout: 1_000 });
    // Two messages carry the link now: the confirmation and the reply.
    expect(await threadAgain.getByText(manageUrl).count()).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 20_000 });

  // Cancelling: the cancellation email cancels the calendar event too.
  await page.getByRole("button", { name: "Cancel booking", exact: true }).click();
  await page.getByRole("button", { name: "Yes, cancel booking" }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Cancelled");
  await inbox.goto(`${inboxUrl}/email`);
  const cancelled = inbox.getByRole("article").filter({ has: inbox.getByRole("heading", { name: /^Cancelled: Dr\. Chloe Nguyen/ }) }).filter({ hasText: GUEST.email });
  await expect(async () => {
    await inbox.reload();
    await expect(cancelled).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await cancelled.getByText(/^Show .+\.ics as text$/).click();
  await expect(cancelled.getByText(/METHOD:CANCEL/)).toBeVisible();
});
