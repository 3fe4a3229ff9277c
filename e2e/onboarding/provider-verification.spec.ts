import type { Locator, Page } from "@playwright/test";
import { expectNoAxeViolations } from "../fixtures/axe";
import { DEMO, expect, firstOfferedSlot, test, waitForHydration, waitForSlots } from "../fixtures";

/**
 * The seed's Google account with no user row (DEMO_APPLICANT): signing in is her first visit.
 * Only this spec uses her, and the journey runs once per database: every `playwright test` run
 * starts a fresh one (scripts/e2e-server.ts), so `--repeat-each` cannot replay her first visit.
 */
const APPLICANT = { name: "Dr. Amara Okafor", path: "/providers/amara-okafor" } as const;
const SERVICE = { name: "Online GP consultation", radio: /^Online GP consultation/ } as const;
const REJECTION_REASON = "The photo page is blurred: the name and the date of birth cannot be read.";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Tiny files whose magic numbers are all the server's type detection needs (as in the route's integration tests). */
const FILES = {
  pdf: Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
  png: Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    Buffer.from("IHDR"),
    Buffer.from([0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89]),
  ]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
  /** An ELF executable's header: what a renamed program looks like to the server. */
  elf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]),
} as const;

const MIME = { pdf: "application/pdf", png: "image/png", jpeg: "image/jpeg" } as const;

/** The three documents every provider sends (migration 0012), as the wizard and the review page name them. */
const DOCUMENTS = {
  licence: { name: "Professional licence", choose: "Choose your professional licence" },
  insurance: { name: "Proof of professional indemnity insurance", choose: "Choose your proof of professional indemnity insurance" },
  identity: { name: "Identity document", choose: "Choose your identity document", replace: "Replace your identity document" },
} as const;

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** The wizard's current step, by its heading ("Step 4 of 5: Documents"). */
function stepHeading(page: Page, position: number, label: string): Locator {
  return page.getByRole("heading", { level: 2, name: `Step ${position} of 5: ${label}` });
}

/** Chooses a file for one document of the wizard's documents step and presses Upload. */
async function chooseAndUpload(section: Locator, label: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await section.getByLabel(label, { exact: true }).setInputFiles(file);
  await section.getByRole("button", { name: "Upload", exact: true }).click();
}

/** A document's block on the admin review page. */
function reviewRequirement(page: Page, documentName: string): Locator {
  return page.getByTestId("review-requirement").filter({ has: page.getByRole("heading", { level: 3, name: documentName, exact: true }) });
}

/** Opens the applicant's review page from the review queue. */
async function openApplicantReview(page: Page, expectedCounts: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  const queue = page.getByRole("region", { name: "Providers awaiting review" });
  const card = queue.getByTestId("pending-provider").filter({ hasText: APPLICANT.name });
  await expect(card).toContainText(expectedCounts);
  await expect(card).toContainText("General practice");
  return card;
}

test("a new provider onboards, has a document rejected and replaced, is approved, sets online hours, and a patient books her", async ({
  page,
  context,
  signInWithGoogle,
}) => {
  // Four sign-ins of the applicant, two of the admin and one of the patient, with axe runs: a long journey.
  test.setTimeout(300_000);

  // 1. Her first sign-in: the header offers onboarding, and she starts her profile.
  await signInWithGoogle(APPLICANT.name, "/");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Offer care on MedBookings" }).click();
  await expect(page).toHaveURL(/\/provider\/onboarding$/);
  await expect(page.getByRole("heading", { level: 1, name: "Offer care on MedBookings" })).toBeVisible();
  await waitForHydration(page);
  const start = page.getByRole("form", { name: "Start your provider profile" });
  await expect(start.getByRole("textbox", { name: "Name patients will see" })).toHaveValue(APPLICANT.name);
  await expect(start.getByRole("combobox", { name: "Time zone" })).toHaveValue("Europe/London");
  await expectNoAxeViolations(page, "the onboarding start page");
  await start.getByRole("button", { name: "Start and continue" }).click();
  await expect(page).toHaveURL(/\/provider\/onboarding\?step=profile$/);
  await expect(stepHeading(page, 1, "Profile")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Your provider profile is started. Next, complete your profile." })).toBeVisible();
  // Once there is a profile, the header links to the provider area instead.
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Provider area" })).toBeVisible();

  // Profile.
  const profile = page.getByRole("form", { name: "Profile" });
  await profile.getByRole("textbox", { name: "Registration number" }).fill("GMC 7654321");
  await profile.getByRole("combobox", { name: "Time zone" }).selectOption("Europe/London");
  await profile.getByRole("textbox", { name: "Introduction (optional)" }).fill("General practitioner offering video consultations for adults: everyday illnesses, repeat prescriptions and advice.");
  await expectNoAxeViolations(page, "the onboarding profile step");
  await profile.getByRole("button", { name: "Save and continue" }).click();

  // Specialties and languages.
  await expect(stepHeading(page, 2, "Specialties & languages")).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  const specialties = page.getByRole("form", { name: "Specialties and languages" });
  await specialties.getByRole("group", { name: "Specialties" }).getByRole("checkbox", { name: "General practice", exact: true }).check();
  await specialties.getByRole("group", { name: "Languages you consult in" }).getByRole("checkbox", { name: "English", exact: true }).check();
  await specialties.getByRole("button", { name: "Save and continue" }).click();

  // Services: one online service, so no location is needed, booked without approval.
  await expect(stepHeading(page, 3, "Services")).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Specialties and languages saved. You have 3 documents to send." })).toBeVisible();
  await expect(page.getByText("No services yet. Add at least one to continue.")).toBeVisible();
  await page.getByRole("button", { name: "Add a service" }).click();
  const serviceForm = page.getByRole("form", { name: "New service" });
  await serviceForm.getByRole("textbox", { name: "Name", exact: true }).fill(SERVICE.name);
  await serviceForm.getByRole("spinbutton", { name: "Duration (minutes)" }).fill("30");
  await serviceForm.getByRole("spinbutton", { name: "Price" }).fill("45.00");
  await expect(serviceForm.getByRole("checkbox", { name: "Online", exact: true })).toBeChecked();
  await serviceForm.getByRole("checkbox", { name: "In person", exact: true }).uncheck();
  await expect(serviceForm.getByRole("checkbox", { name: /^Requires my approval/ })).not.toBeChecked();
  await expectNoAxeViolations(page, "the onboarding service form");
  await serviceForm.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created “${SERVICE.name}”.` })).toBeVisible();
  const services = page.getByRole("list", { name: "Your services" });
  await expect(services.getByRole("listitem").filter({ hasText: SERVICE.name })).toContainText("30 min · £45.00 · Online");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // Documents: a renamed executable is refused with the server's reason and nothing is listed;
  // then a PDF, a JPEG and a PNG are accepted.
  await expect(stepHeading(page, 4, "Documents")).toBeFocused();
  await expect(page.getByText("0 of 3 uploaded.")).toBeVisible();
  const licence = page.getByRole("region", { name: DOCUMENTS.licence.name, exact: true });
  const insurance = page.getByRole("region", { name: DOCUMENTS.insurance.name, exact: true });
  const identity = page.getByRole("region", { name: DOCUMENTS.identity.name, exact: true });
  await chooseAndUpload(licence, DOCUMENTS.licence.choose, { name: "licence.pdf", mimeType: MIME.pdf, buffer: FILES.elf });
  await expect(licence.getByRole("alert")).toHaveText(
    "The professional licence must be a PDF, PNG or JPEG file, and this file's content is ELF (application/x-elf). Choose a PDF, PNG or JPEG file: renaming a file does not change its type.",
  );
  await expect(licence.getByLabel(DOCUMENTS.licence.choose, { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(licence.getByText("No file uploaded yet.")).toBeVisible();
  await expect(licence.getByText(/^On file:/)).toHaveCount(0);
  await expect(page.getByText("0 of 3 uploaded.")).toBeVisible();
  await expectNoAxeViolations(page, "the documents step with a refused file");

  await chooseAndUpload(licence, DOCUMENTS.licence.choose, { name: "licence.pdf", mimeType: MIME.pdf, buffer: FILES.pdf });
  await expect(licence.getByRole("status").filter({ hasText: "licence.pdf was uploaded and is waiting for review." })).toBeVisible();
  await expect(licence.getByRole("alert")).toHaveCount(0);
  await expect(licence.getByText(/^On file: licence\.pdf/)).toContainText("Waiting for review");
  await chooseAndUpload(insurance, DOCUMENTS.insurance.choose, { name: "indemnity-certificate.jpg", mimeType: MIME.jpeg, buffer: FILES.jpeg });
  await expect(insurance.getByRole("status").filter({ hasText: "indemnity-certificate.jpg was uploaded and is waiting for review." })).toBeVisible();
  await chooseAndUpload(identity, DOCUMENTS.identity.choose, { name: "passport.png", mimeType: MIME.png, buffer: FILES.png });
  await expect(identity.getByRole("status").filter({ hasText: "passport.png was uploaded and is waiting for review." })).toBeVisible();
  await expect(page.getByText("3 of 3 uploaded.")).toBeVisible();
  await expectNoAxeViolations(page, "the documents step with three files");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // Review & submit, with the provider terms.
  await expect(stepHeading(page, 5, "Review & submit")).toBeFocused();
  const send = page.getByRole("form", { name: "Send for review" });
  await send.getByRole("checkbox", { name: /^I accept the provider terms/ }).check();
  await expectNoAxeViolations(page, "the review and submit step");
  await send.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile was sent for review. Your public page stays unpublished until our team approves it." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Your profile is waiting for review" })).toBeVisible();
  await expect(send).toHaveCount(0);
  await expectNoAxeViolations(page, "the wizard of a profile waiting for review");

  // Her public page does not exist while she waits.
  const unpublished = await page.goto(APPLICANT.path);
  expect(unpublished?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Provider not found" })).toBeVisible();
  await signOut(page);

  // 2. The admin finds her in the queue, views a file, rejects one document and approves the others.
  await signInWithGoogle(DEMO.admin, "/admin/review");
  const card = await openApplicantReview(page, "3 required documents: 0 approved, 3 to review");
  await expectNoAxeViolations(page, "the review queue");
  await card.getByRole("link", { name: APPLICANT.name }).click();
  await expect(page).toHaveURL(/\/admin\/providers\/[0-9a-f-]{36}$/);
  const reviewPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: APPLICANT.name })).toBeVisible();
  await expect(page.getByTestId("provider-status")).toHaveText("Waiting for verification");
  const profileFacts = page.getByRole("region", { name: "Profile", exact: true });
  await expect(profileFacts).toContainText("GMC 7654321");
  await expect(profileFacts).toContainText(`Public address${APPLICANT.path}`);
  await expect(profileFacts).toContainText(`${SERVICE.name}: 30 minutes, £45.00, online`);
  const documents = page.getByRole("region", { name: "Documents", exact: true });
  await expect(documents).toContainText("0 of 3 required documents approved, 3 to review, 0 rejected, 0 missing.");
  await expectNoAxeViolations(page, "the provider review page");

  // Viewing a file opens it in a new tab through a short-lived link: the tab gets the bytes as sent, typed as detected.
  const identityReview = reviewRequirement(page, DOCUMENTS.identity.name);
  await expect(identityReview).toContainText("passport.png");
  await expect(identityReview).toContainText("Detected typePNG");
  const documentResponse = context.waitForEvent("response", (response) => /^\/api\/provider-documents\/[0-9a-f-]{36}$/.test(new URL(response.url()).pathname));
  const popupOpened = page.waitForEvent("popup");
  await identityReview.getByRole("button", { name: /^View passport\.png/ }).click();
  const popup = await popupOpened;
  const viewed = await documentResponse;
  expect(viewed.status()).toBe(200);
  expect(viewed.headers()["content-type"]).toBe(MIME.png);
  expect(viewed.headers()["content-disposition"]).toMatch(/^inline; filename="passport\.png"/);
  expect((await viewed.body()).equals(FILES.png)).toBe(true);
  await popup.close();

  await identityReview.getByRole("button", { name: /^Reject…/ }).click();
  const rejectForm = page.getByRole("form", { name: `Reject the ${DOCUMENTS.identity.name}` });
  const reason = rejectForm.getByRole("textbox", { name: `Why is the ${DOCUMENTS.identity.name} not accepted?` });
  await expect(reason).toBeFocused();
  await reason.fill(REJECTION_REASON);
  await expectNoAxeViolations(page, "the provider review page while rejecting a document");
  await rejectForm.getByRole("button", { name: /^Reject file/ }).click();
  await expect(documents.getByRole("status")).toHaveText(
    `${DOCUMENTS.identity.name}: passport.png rejected. The profile went back to the provider, who was emailed the reason.`,
  );
  await expect(identityReview).toContainText("Rejected");
  await expect(identityReview).toContainText(REJECTION_REASON);

  await reviewRequirement(page, DOCUMENTS.licence.name).getByRole("button", { name: /^Approve/ }).click();
  await expect(documents.getByRole("status")).toHaveText(`${DOCUMENTS.licence.name}: licence.pdf approved.`);
  await reviewRequirement(page, DOCUMENTS.insurance.name).getByRole("button", { name: /^Approve/ }).click();
  await expect(documents.getByRole("status")).toHaveText(`${DOCUMENTS.insurance.name}: indemnity-certificate.jpg approved.`);
  await expect(documents).toContainText("2 of 3 required documents approved, 0 to review, 1 rejected, 0 missing.");
  // The profile went back to her: nothing to approve until she sends it again.
  const decision = page.getByRole("region", { name: "Decision", exact: true });
  await expect(decision.getByRole("button", { name: "Approve profile…" })).toBeDisabled();
  await expect(decision).toContainText("Approval waits until the provider sends the profile for review.");
  await expectNoAxeViolations(page, "the provider review page after the document decisions");
  await signOut(page);

  // 3. She reads why, replaces the file and sends her profile again.
  await signInWithGoogle(APPLICANT.name, "/provider");
  const banner = page.getByRole("region", { name: "Provider profile status" });
  await expect(banner.getByRole("heading", { name: "Our team needs a new document from you" })).toBeVisible();
  await expect(banner.getByRole("listitem")).toHaveText(`${DOCUMENTS.identity.name}: ${REJECTION_REASON}`);
  await expectNoAxeViolations(page, "the provider dashboard with a document sent back");
  await banner.getByRole("link", { name: "Upload a new file" }).click();
  await expect(page).toHaveURL(/\/provider\/onboarding$/);
  await expect(stepHeading(page, 4, "Documents")).toBeVisible();
  await expect(page.getByText("3 of 3 uploaded, 2 approved, 1 not accepted.")).toBeVisible();
  await expect(identity).toContainText(`Why it was not accepted: ${REJECTION_REASON} Upload a new file to replace it.`);
  await expect(identity.getByText(/^On file: passport\.png/)).toContainText("Not accepted");
  await expect(licence).toContainText("This document is approved and cannot be replaced.");
  await expect(licence.getByLabel(DOCUMENTS.licence.choose)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Continue", exact: true })).toBeDisabled();
  await expectNoAxeViolations(page, "the documents step with a rejected file");
  await chooseAndUpload(identity, DOCUMENTS.identity.replace, { name: "passport-rescan.jpg", mimeType: MIME.jpeg, buffer: FILES.jpeg });
  await expect(identity.getByRole("status").filter({ hasText: "passport-rescan.jpg was uploaded and is waiting for review." })).toBeVisible();
  await expect(identity.getByText(/^On file: passport-rescan\.jpg/)).toContainText("Waiting for review");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(stepHeading(page, 5, "Review & submit")).toBeFocused();
  const resend = page.getByRole("form", { name: "Send for review" });
  await resend.getByRole("checkbox", { name: /^I accept the provider terms/ }).check();
  await resend.getByRole("button", { name: "Send for review again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile was sent for review again. We will let you know when our team has looked at it." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Your profile is waiting for review" })).toBeVisible();
  await signOut(page);

  // 4. The admin approves the new file, then the provider, confirming the decision.
  await signInWithGoogle(DEMO.admin, "/admin/review");
  await openApplicantReview(page, "3 required documents: 2 approved, 1 to review");
  await page.goto(reviewPath);
  await expect(documents).toContainText("2 of 3 required documents approved, 1 to review, 0 rejected, 0 missing.");
  await expect(identityReview).toContainText("passport-rescan.jpg");
  await expect(identityReview.getByRole("heading", { level: 4, name: "Replaced files" })).toBeVisible();
  await expect(identityReview.getByRole("button", { name: /^View passport\.png/ })).toBeVisible();
  await identityReview.getByRole("button", { name: /^Approve/ }).click();
  await expect(documents.getByRole("status")).toHaveText(`${DOCUMENTS.identity.name}: passport-rescan.jpg approved.`);
  await expect(documents).toContainText("3 of 3 required documents approved, 0 to review, 0 rejected, 0 missing.");
  await decision.getByRole("button", { name: "Approve profile…" }).click();
  const confirmation = decision.getByTestId("decision-confirm");
  await expect(confirmation).toContainText(`${APPLICANT.name} becomes visible in search and can be booked at once.`);
  await expect(confirmation.getByRole("button", { name: "Yes, approve" })).toBeFocused();
  await expectNoAxeViolations(page, "the provider review page confirming the approval");
  await confirmation.getByRole("button", { name: "Yes, approve" }).click();
  await expect(decision.getByRole("status")).toHaveText(`${APPLICANT.name} approved: the profile is live, and the provider was emailed.`);
  await expect(decision.getByRole("status")).toBeFocused();
  await expect(page.getByTestId("provider-status")).toHaveText("Approved");
  await expect(page.getByRole("region", { name: "Decision history" })).toContainText(`Profile approved by ${DEMO.admin}`);
  await signOut(page);

  // 5. She sets her weekly online hours: every day 09:00–17:00, London time.
  await signInWithGoogle(APPLICANT.name, "/provider/schedule");
  await waitForHydration(page);
  const week = page.getByRole("form", { name: "Weekly hours" });
  await expect(page.getByText("Times are in Europe/London; in-person hours follow the location's zone.")).toBeVisible();
  for (const day of WEEKDAYS) {
    await week.getByRole("button", { name: `Add interval on ${day}` }).click();
    await expect(week.getByLabel(`${day} interval 1 mode`)).toHaveValue("ONLINE");
    await week.getByLabel(`${day} interval 1 start`).fill("09:00");
    await week.getByLabel(`${day} interval 1 end`).fill("17:00");
  }
  await expectNoAxeViolations(page, "the new provider's schedule");
  await week.getByRole("button", { name: "Save week" }).click();
  await expect(week.getByRole("status").filter({ hasText: "Weekly schedule saved: 7 intervals a week." })).toBeVisible();
  await signOut(page);

  // 6. A patient finds her in the directory and books her online service.
  await signInWithGoogle(DEMO.patient, "/");
  await waitForHydration(page);
  await page.getByRole("textbox", { name: "Name or keyword" }).fill("Okafor");
  await page.getByRole("combobox", { name: "Visit type" }).selectOption("ONLINE");
  await expect(page.getByText("1 provider found")).toBeVisible();
  const found = page.getByRole("list", { name: "Providers" });
  await expect(found.getByRole("list", { name: `Services of ${APPLICANT.name}` })).toContainText(`${SERVICE.name} · 30 min · online`);
  await found.getByRole("link", { name: APPLICANT.name }).click();
  await expect(page).toHaveURL(new RegExp(`${APPLICANT.path}$`));
  await expect(page.getByRole("heading", { level: 1, name: APPLICANT.name })).toBeVisible();
  await page.getByRole("radio", { name: SERVICE.radio }).check();
  await waitForSlots(page);
  await expect(firstOfferedSlot(page)).toBeVisible();
  await expectNoAxeViolations(page, "the new provider's page with her free times");
  await firstOfferedSlot(page).click();
  await expect(page.getByRole("heading", { name: "Complete your booking" })).toBeVisible();
  await expect(page.getByText(`Booking as ${DEMO.patient}`)).toBeVisible();
  await expectNoAxeViolations(page, "the booking form for the new provider");
  await page.getByRole("checkbox", { name: /I agree to the terms/ }).check();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{43}\?new=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Booking confirmed" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(APPLICANT.name);
  await expect(page.getByRole("main")).toContainText(SERVICE.name);
});
