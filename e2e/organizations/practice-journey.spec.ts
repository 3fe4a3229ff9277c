import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "../fixtures/axe";
import { localCloud } from "../fixtures/local-cloud";
import { DEMO, expect, test, waitForSlots } from "../fixtures";

/** The Google account the seed does not create: signing in with it is a first visit. */
const NEWCOMER = "Noor Haddad";
const OWNER = DEMO.patient;
/** Signed in, not a member, not the invitee; no other spec uses this account. */
const WRONG_ACCOUNT = "Dr. Kenji Watanabe";
const INVITEE = { name: "Sam Rivera", email: "sam.patient@demo.medbookings.test" } as const;
/**
 * No other spec books or counts the times of this provider (the directory spec only names her),
 * and both her services are offered in person and online. Her seeded week: Monday to Friday
 * 09:00–12:30 in person at Harbour Health King's Cross and 14:00–17:00 online, Europe/London.
 */
const PROVIDER = { name: "Dr. Hannah Schulz", path: "/providers/hannah-schulz", serviceName: "Psychiatry — follow-up", service: /^Psychiatry — follow-up/ } as const;
/** A demo clinic the Places emulator knows, open Monday to Friday 08:00–20:00 (Europe/London). */
const PLACE = { query: "Harbour Health Southbank", address: "20 Belvedere Road, London SE1 7GP, UK" } as const;
/** A practice owner of a seeded organization no other spec changes the members of. */
const PRACTICE_OWNER = "Dr. Ananya Iyer";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** The year of the next 25 December, on the London calendar the browser uses. */
function nextChristmas(): { year: number; date: string } {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const year = Number(today.slice(0, 4));
  const thisYears = `${year}-12-25`;
  const chosen = today <= thisYears ? year : year + 1;
  return { year: chosen, date: `${chosen}-12-25` };
}

/** Creates an organization as whoever is signed in, and returns its path. */
async function createOrganization(page: Page, name: string): Promise<string> {
  await page.goto("/organizations");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function approveAsAdmin(page: Page, signInWithGoogle: (name: string, path?: string) => Promise<void>, name: string) {
  await signInWithGoogle(DEMO.admin, "/admin");
  const pendingSection = page.getByRole("region", { name: "Organizations awaiting review" });
  const card = pendingSection.getByTestId("pending-organization").filter({ hasText: name });
  await card.getByRole("button", { name: `Approve ${name}` }).click();
  await expect(pendingSection.getByRole("status")).toHaveText(`${name} was approved.`);
  await signOut(page);
}

test("a new user opens a practice: approved, a provider joins, a location from the place search with its hours and holidays, and a patient books there but not on 25 December", async ({
  page,
  signInWithGoogle,
}) => {
  // Five people sign in one after another through the Google emulator: a long journey.
  test.setTimeout(240_000);
  const suffix = randomBytes(3).toString("hex");
  const organizationName = `Southbank Mind Clinic ${suffix}`;
  const locationName = `Southbank Mind Clinic ${suffix} Belvedere Road`;
  const christmas = nextChristmas();

  // A first sign-in creates Noor's account; she opens an organization.
  await signInWithGoogle(NEWCOMER, "/organizations");
  await expect(page.getByRole("heading", { level: 1, name: "Organizations" })).toBeVisible();
  await expect(page.getByText("You are not a member of any organization yet.")).toBeVisible();
  const organizationPath = await createOrganization(page, organizationName);
  await expect(page.getByTestId("organization-status")).toHaveText("Awaiting review");
  await expectNoAxeViolations(page, "the new organization's page");

  // Until the platform approves it, the network page says why nobody can be invited yet.
  await page.goto(`${organizationPath}/providers`);
  await expect(page.getByRole("heading", { level: 1, name: `Providers of ${organizationName}` })).toBeVisible();
  await expectNoAxeViolations(page, "the providers page of an organization awaiting review");
  await signOut(page);

  await approveAsAdmin(page, signInWithGoogle, organizationName);

  // The owner finds the provider and invites her to the network.
  await signInWithGoogle(NEWCOMER, `${organizationPath}/providers`);
  await expect(page.getByRole("heading", { level: 1, name: `Providers of ${organizationName}` })).toBeVisible();
  await expect(page.getByText("No providers yet. Invite one below.")).toBeVisible();
  await expectNoAxeViolations(page, "an approved organization's empty provider network");
  await page.getByRole("searchbox", { name: "Provider name" }).fill("Schulz");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 provider matches “Schulz”." })).toBeVisible();
  const candidate = page.getByTestId("provider-candidates").getByRole("listitem").filter({ hasText: PROVIDER.name });
  await expectNoAxeViolations(page, "the provider search results");
  await candidate.getByRole("button", { name: `Invite ${PROVIDER.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${PROVIDER.name} is invited.` })).toBeVisible();
  await expect(candidate).toContainText("Invited, awaiting an answer");
  const networkRow = page.getByTestId("network-provider").filter({ hasText: PROVIDER.name });
  await expect(networkRow.getByTestId("network-status")).toHaveText("Invited");
  await expectNoAxeViolations(page, "the provider network with an invitation");
  await signOut(page);

  // The provider accepts on her organizations page.
  await signInWithGoogle(PROVIDER.name, "/provider/organizations");
  const invitation = page.getByRole("group", { name: organizationName });
  await expect(invitation).toContainText(`Invited by ${NEWCOMER}`);
  await expectNoAxeViolations(page, "the provider's organizations with an invitation");
  await invitation.getByRole("button", { name: `Accept the invitation from ${organizationName}` }).click();
  await expect(page.getByTestId("my-organizations-outcome").getByRole("status")).toHaveText(new RegExp(`^You joined ${organizationName}\\.`));
  const joined = page.getByRole("region", { name: "Organizations you work with" }).getByRole("group", { name: organizationName });
  await expect(joined).toContainText("No locations yet");
  await expectNoAxeViolations(page, "the provider's organizations after accepting");
  await signOut(page);

  // The owner adds a location from the place search: the place fills the form, hours included.
  await signInWithGoogle(NEWCOMER, `${organizationPath}/locations`);
  await expect(page.getByRole("heading", { level: 1, name: `Locations of ${organizationName}` })).toBeVisible();
  await expectNoAxeViolations(page, "an organization with no locations");
  await page.getByRole("button", { name: "Add a location" }).click();
  const form = page.getByRole("form", { name: "Add a location" });
  const search = form.getByRole("combobox", { name: "Find the place" });
  await search.fill(PLACE.query);
  const suggestion = form.getByRole("option", { name: new RegExp(`^${PLACE.query}`) }).first();
  await expect(suggestion).toBeVisible();
  await expectNoAxeViolations(page, "the place search with suggestions");
  await suggestion.click();
  await expect(form.getByRole("textbox", { name: "Address" })).toHaveValue(PLACE.address);
  await expect(form.getByRole("textbox", { name: "Name" })).toHaveValue(PLACE.query);
  await expect(form.getByRole("combobox", { name: "Time zone" })).toHaveValue("Europe/London");
  await expect(form.getByRole("textbox", { name: "Country code" })).toHaveValue("GB");
  await expect(form.getByRole("textbox", { name: /^Region code/ })).toHaveValue("GB-ENG");
  await expect(form.getByRole("textbox", { name: /^Phone/ })).toHaveValue("+44 20 7946 0102");
  const hours = form.getByRole("table", { name: /opening hours/i });
  await expect(hours.getByRole("row", { name: /^Monday/ })).toContainText("08:00–20:00");
  await expect(hours.getByRole("row", { name: /^Friday/ })).toContainText("08:00–20:00");
  await expect(hours.getByRole("row", { name: /^Saturday/ })).toContainText("Closed");
  await expectNoAxeViolations(page, "the location form filled from a place");
  await form.getByRole("textbox", { name: "Name" }).fill(locationName);
  await form.getByRole("button", { name: "Add the location" }).click();
  await expect(page.getByRole("status").filter({ hasText: locationName })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: locationName })).toBeVisible();
  await expectNoAxeViolations(page, "the locations page with the new location");

  // The owner closes the location on the public holidays of the year of the next 25 December.
  await page.goto(`${organizationPath}/closures`);
  await expect(page.getByRole("heading", { level: 1, name: "Closures and holidays" })).toBeVisible();
  const closures = page.getByTestId("location-closures").filter({ has: page.getByRole("heading", { level: 2, name: locationName }) });
  await closures.getByRole("combobox", { name: "Year" }).selectOption(String(christmas.year));
  const christmasRow = closures.getByTestId("holiday-row").filter({ has: page.getByRole("rowheader", { name: "Christmas Day" }) });
  await expect(christmasRow.getByTestId("holiday-decision")).toHaveText("Not decided");
  await expectNoAxeViolations(page, "the closures page with undecided holidays");
  await closures.getByRole("button", { name: new RegExp(`^Accept all \\d+ undecided holidays of ${christmas.year}$`) }).click();
  await expect(closures.getByRole("status").filter({ hasText: `${locationName} is closed on` })).toBeVisible();
  await expect(christmasRow.getByTestId("holiday-decision")).toHaveText("Closed");
  await expectNoAxeViolations(page, "the closures page with the holidays accepted");
  await signOut(page);

  // The provider's in-person hours at the new location follow its opening hours. Her seeded
  // weekday hours (King's Cross mornings, online afternoons) overlap them, and she cannot be in
  // two places at once: the server refuses, she clears her old week, and then uses them.
  await signInWithGoogle(PROVIDER.name, "/provider/schedule");
  const useHours = page.getByRole("button", { name: `Use ${locationName}'s opening hours` });
  await useHours.click();
  const preview = page.getByRole("heading", { level: 3, name: `Use ${locationName}'s opening hours?` });
  await expect(preview).toBeFocused();
  await expect(page.getByText(`You have no in-person hours at ${locationName} yet.`)).toBeVisible();
  await expectNoAxeViolations(page, "the schedule with the opening-hours preview");
  const replace = page.getByRole("button", { name: `Replace my hours at ${locationName}` });
  await replace.click();
  await expect(page.getByRole("alert").filter({ hasText: /^This interval overlaps .+ a provider cannot be in two places at once\.$/ })).toBeVisible();
  await expectNoAxeViolations(page, "the schedule with the opening hours refused");
  await page.getByRole("button", { name: "Cancel" }).first().click();
  const week = page.getByRole("form", { name: "Weekly hours" });
  const removeButtons = week.getByRole("button", { name: /^Remove / });
  while ((await removeButtons.count()) > 0) await removeButtons.first().click();
  await expect(week.getByText("Not available.")).toHaveCount(7);
  await week.getByRole("button", { name: "Save week" }).click();
  await expect(week.getByRole("status").filter({ hasText: "Weekly schedule saved: 0 intervals a week." })).toBeVisible();
  await useHours.click();
  await expect(preview).toBeFocused();
  await expect(page.getByText(/Your 0 other intervals stay\./)).toBeVisible();
  await replace.click();
  await expect(page.getByRole("status").filter({ hasText: `Your in-person hours at ${locationName} now follow its opening hours.` })).toBeVisible();
  await expectNoAxeViolations(page, "the schedule after using the opening hours");
  // Patients may book 60 days ahead by default: the next 25 December can be further off.
  await page.goto("/provider/services");
  await page.getByRole("button", { name: `Edit ${PROVIDER.serviceName}` }).click();
  const serviceForm = page.getByRole("form", { name: `Edit ${PROVIDER.serviceName}` });
  await serviceForm.getByRole("spinbutton", { name: "Booking horizon (days)" }).fill("400");
  await serviceForm.getByRole("button", { name: "Save service" }).click();
  await expect(page.getByText(`Saved “${PROVIDER.serviceName}”.`)).toBeVisible();
  await signOut(page);

  // A patient books an in-person time at the new location.
  await signInWithGoogle(DEMO.patient, PROVIDER.path);
  await page.getByRole("radio", { name: PROVIDER.service }).check();
  await waitForSlots(page);
  // Her only hours are at the new location: the page names it, and its times are the in-person ones.
  await expect(page.getByRole("region", { name: `Where to find ${PROVIDER.name}` })).toContainText(locationName);
  const atNewLocation = page.locator("button[data-slot][data-mode='IN_PERSON']");
  // Two weeks out: the first weekday there is open 08:00–20:00, past the booking cut-off.
  await page.getByRole("button", { name: "Next 2 weeks" }).click();
  await waitForSlots(page);
  const bookableDay = page.locator('[role="tab"][data-date]').filter({ hasNotText: "No times" }).first();
  await bookableDay.click();
  await expect(atNewLocation.first()).toBeVisible();
  await expectNoAxeViolations(page, "the provider page with times at the new location");
  await atNewLocation.first().click();
  await expect(page.getByRole("heading", { name: "Complete your booking" })).toBeVisible();
  await page.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{43}\?new=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Booking confirmed" })).toBeVisible();
  const where = page.getByRole("definition").filter({ hasText: locationName });
  await expect(where).toContainText(PLACE.address);
  await expect(page.getByTestId("booking-time")).toContainText(/^\w{3}, \d{1,2} Dec \d{4}, \d{2}:\d{2}–\d{2}:\d{2} \(Europe\/London \(GMT\)/);
  await expectNoAxeViolations(page, "the confirmation of a booking at the new location");

  // On 25 December the location is closed: no time there, whatever else the provider offers.
  await page.goto(PROVIDER.path);
  await page.getByRole("radio", { name: PROVIDER.service }).check();
  await waitForSlots(page);
  const christmasTab = page.locator(`[role="tab"][data-date="${christmas.date}"]`);
  for (let weeks = 0; weeks < 30 && (await christmasTab.count()) === 0; weeks++) {
    await page.getByRole("button", { name: "Next 2 weeks" }).click();
    await waitForSlots(page);
  }
  await christmasTab.click();
  await expect(christmasTab).toHaveAttribute("aria-selected", "true");
  const panel = page.getByRole("tabpanel");
  await expect(panel.getByRole("heading", { level: 4 })).toContainText("25 December");
  // Her only hours are the location's, so the closed day has no time at all, online included.
  await expect(christmasTab).toContainText("No times");
  await expect(panel.locator("button[data-slot]")).toHaveCount(0);
  await expect(panel).toContainText("No free times on this day. Choose another day above.");
  await expectNoAxeViolations(page, "the slot picker on 25 December");
  // A weekday that is not a holiday is open there, so the empty Christmas is the closure's doing.
  const openDay = [1, 2, 3, 4]
    .map((back) => new Date(Date.UTC(christmas.year, 11, 25 - back)))
    .find((day) => day.getUTCDay() >= 1 && day.getUTCDay() <= 5)!
    .toISOString()
    .slice(0, 10);
  const openTab = page.locator(`[role="tab"][data-date="${openDay}"]`);
  if ((await openTab.count()) > 0) {
    await openTab.click();
    await expect(panel.locator("button[data-slot][data-mode='IN_PERSON']").first()).toBeVisible();
  }
});

test("an owner invites someone by email; the link shows the invitation, the wrong account sees a masked address, and the invitee joins", async ({
  page,
  context,
  signInWithGoogle,
}) => {
  test.setTimeout(180_000);
  const organizationName = `Invitation Test Practice ${randomBytes(3).toString("hex")}`;
  // Not the newcomer: the journey above signs her in for the first time, perhaps at this moment.
  await signInWithGoogle(OWNER, "/organizations");
  const organizationPath = await createOrganization(page, organizationName);
  await signOut(page);
  await approveAsAdmin(page, signInWithGoogle, organizationName);

  await signInWithGoogle(OWNER, organizationPath);
  const invitations = page.getByRole("region", { name: "Invitations" });
  await invitations.getByRole("textbox", { name: "Email address" }).fill(INVITEE.email);
  await invitations.getByRole("combobox", { name: "Role" }).selectOption("MANAGER");
  await invitations.getByRole("button", { name: "Send invitation" }).click();
  await expect(invitations.getByRole("status").filter({ hasText: `Invitation sent to ${INVITEE.email} as Manager.` })).toBeVisible();
  const sent = invitations.getByTestId("organization-invitation").filter({ hasText: INVITEE.email });
  await expect(sent).toBeVisible();
  await expectNoAxeViolations(page, "the members page with an open invitation");

  // The email, as Sam finds it in the Inbox.
  const inbox = await context.newPage();
  const { inboxUrl } = localCloud();
  await inbox.goto(`${inboxUrl}/email`);
  const mail = inbox.getByRole("article").filter({ has: inbox.getByRole("heading", { name: `Join ${organizationName} on MedBookings` }) });
  await expect(async () => {
    await inbox.reload();
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // The email's HTML is shown in a sandboxed frame, as a mail client would.
  const href = await mail.getByTitle(/^Email body: /).contentFrame().getByRole("link", { name: "Accept the invitation" }).first().getAttribute("href");
  expect(href).toMatch(/\/invitations\/[A-Za-z0-9_-]+$/);
  const invitationPath = new URL(href!).pathname;
  await inbox.close();

  // Opened with another account, the link shows the address masked: the owner is told she is a member already.
  await page.goto(invitationPath);
  await expect(page.getByRole("heading", { level: 1, name: `Invitation to join ${organizationName}` })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: `You are already a member of ${organizationName}.` })).toBeVisible();
  await expect(page.getByText(INVITEE.email)).toHaveCount(0);
  await signOut(page);

  // Someone else is told to sign in with the invited address, which stays masked.
  await signInWithGoogle(WRONG_ACCOUNT, invitationPath);
  await expect(page.getByRole("heading", { level: 1, name: `Invitation to join ${organizationName}` })).toBeVisible();
  await expect(page.getByText(/^This invitation was sent to s\*+@demo\.medbookings\.test, and you are signed in with another account\./)).toBeVisible();
  await expect(page.getByText(INVITEE.email)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Accept/ })).toHaveCount(0);
  await expectNoAxeViolations(page, "an invitation opened with the wrong account");
  // The page's own way out: sign out and come back to the link with the right account.
  await page.getByRole("button", { name: "Sign out and sign in with another account" }).click();
  await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(invitationPath)}`);
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await page.getByRole("button", { name: new RegExp(INVITEE.name) }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText(INVITEE.name);
  await expect(page).toHaveURL(invitationPath);
  await expect(page.getByRole("heading", { level: 1, name: `Invitation to join ${organizationName}` })).toBeVisible();
  await expect(page.getByTestId("invitation-organization")).toHaveText(organizationName);
  await expect(page.getByTestId("invitation-role")).toHaveText("Manager");
  await expect(page.getByText(INVITEE.email)).toBeVisible();
  await expectNoAxeViolations(page, "an invitation opened by the invitee");
  await page.getByRole("button", { name: `Accept and join ${organizationName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `You joined ${organizationName}` })).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Your role there is Manager." })).toBeVisible();
  await expectNoAxeViolations(page, "an accepted invitation");
  await page.getByRole("link", { name: `Open ${organizationName}` }).click();
  const members = page.getByRole("table", { name: `Members of ${organizationName}` });
  await expect(members.getByRole("row").filter({ hasText: INVITEE.name }).getByTestId("member-role")).toHaveText("Manager");
});

test("a practice owner's calendar and phone booking pages pass axe once loaded", async ({ page, signInWithGoogle }) => {
  test.slow();
  await signInWithGoogle(PRACTICE_OWNER, "/organizations");
  const practice = page.getByRole("list", { name: "Your organizations" }).getByRole("link", { name: "Sahyadri Clinic" });
  await practice.click();
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/);
  const organizationPath = new URL(page.url()).pathname;

  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page).toHaveURL(`${organizationPath}/calendar`);
  await expect(page.getByRole("heading", { level: 1, name: "Calendar · Sahyadri Clinic" })).toBeVisible();
  await expect(page.getByRole("table", { name: /^Hours and bookings by provider and day, week of / })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
  await expectNoAxeViolations(page, "an organization's calendar");

  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Phone booking" }).click();
  await expect(page).toHaveURL(`${organizationPath}/book`);
  await expect(page.getByRole("heading", { level: 1, name: "Book for a patient on the phone" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Provider" })).toHaveValue(/^[0-9a-f-]{36}$/);
  await expect(page.getByRole("combobox", { name: "Service" })).toHaveValue(/^[0-9a-f-]{36}$/);
  await waitForSlots(page);
  await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
  await expectNoAxeViolations(page, "an organization's phone booking page");
});
