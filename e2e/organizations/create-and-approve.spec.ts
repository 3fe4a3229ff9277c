import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "../fixtures/axe";
import { DEMO, expect, test } from "../fixtures";

const STRANGER = "Sam Rivera";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

test("a visitor asking for organizations is sent to sign in", async ({ page }) => {
  await page.goto("/organizations");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)organizations$/);
});

test("a signed-in person creates an organization, the platform admin approves it, and the owner sees it approved", async ({
  page,
  signInWithGoogle,
}) => {
  test.slow();
  const name = `Riverside Family Clinic ${randomBytes(3).toString("hex")}`;
  await signInWithGoogle(DEMO.patient, "/organizations");
  await expect(page.getByRole("heading", { level: 1, name: "Organizations" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Organizations" })).toBeVisible();
  await expect(page.getByText("You are not a member of any organization yet.")).toBeVisible();
  await expectNoAxeViolations(page, "/organizations with no organizations");

  // A name too short is refused next to the field, and the field is described by the message.
  const nameField = page.getByRole("textbox", { name: "Name" });
  await nameField.fill("R");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The organization was not created" })).toBeVisible();
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(nameField).toHaveAccessibleDescription(/name must be at least 2 characters/);
  await expectNoAxeViolations(page, "/organizations with a field error");

  await nameField.fill(name);
  await page.getByRole("textbox", { name: /Description/ }).fill("Family medicine and child health by the river.");
  await page.getByRole("button", { name: "Create organization" }).click();

  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/);
  const organizationUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("organization-status")).toHaveText("Awaiting review");
  await expect(page.getByTestId("organization-status-explanation")).toContainText("awaiting review by the MedBookings platform team");
  const members = page.getByRole("table", { name: `Members of ${name}` });
  const me = members.getByRole("row").filter({ hasText: DEMO.patient });
  await expect(me.getByTestId("member-role")).toHaveText("Owner");
  // Nobody gets controls on their own row.
  await expect(me.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2, name: "What each role can do" })).toBeVisible();
  await expectNoAxeViolations(page, "a new organization's page");

  // The last owner cannot leave: the server's refusal is shown.
  await page.getByRole("button", { name: "Leave organization" }).click();
  await expect(page.getByRole("button", { name: "Yes, leave" })).toBeFocused();
  await expectNoAxeViolations(page, "the leave confirmation");
  await page.getByRole("button", { name: "Yes, leave" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You are this organization's last owner" })).toBeVisible();
  await expect(page).toHaveURL(organizationUrl);

  await page.goto("/organizations");
  const listed = page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  await expect(listed).toContainText("Your role: Owner");
  await expect(listed.getByTestId("organization-status")).toHaveText("Awaiting review");
  await expectNoAxeViolations(page, "/organizations with an organization awaiting review");
  await signOut(page);

  await signInWithGoogle(DEMO.admin, "/admin");
  const pendingSection = page.getByRole("region", { name: "Organizations awaiting review" });
  const card = pendingSection.getByTestId("pending-organization").filter({ hasText: name });
  await expect(card).toContainText(`Owner: ${DEMO.patient} (patient@demo.medbookings.test)`);
  await expect(card).toContainText(/Created \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
  await expectNoAxeViolations(page, "/admin with an organization awaiting review");
  await card.getByRole("button", { name: `Approve ${name}` }).click();
  await expect(pendingSection.getByRole("status")).toHaveText(`${name} was approved.`);
  await expect(pendingSection.getByTestId("pending-organization").filter({ hasText: name })).toHaveCount(0);
  await signOut(page);

  await signInWithGoogle(DEMO.patient, "/organizations");
  const approved = page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  await expect(approved.getByTestId("organization-status")).toHaveText("Approved");
  await approved.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("organization-status")).toHaveText("Approved");
  await expect(page.getByTestId("organization-status-explanation")).toHaveCount(0);
});

test("an owner and an admin manage a practice's members within the role table; a stranger and a malformed id get not-found", async ({
  page,
  signInWithGoogle,
}) => {
  test.slow();
  await signInWithGoogle(DEMO.provider, "/organizations");
  const practice = page.getByRole("list", { name: "Your organizations" }).getByRole("link").first();
  const practiceName = (await practice.textContent()) ?? "";
  expect(practiceName).not.toBe("");
  await practice.click();
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/);
  const organizationPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: practiceName })).toBeVisible();
  await expect(page.getByTestId("my-organization-role")).toHaveText("Owner");

  const roleTable = page.getByRole("table", { name: "What each organization role may do" });
  await expect(roleTable.getByRole("columnheader")).toHaveText(["May…", "Staff", "Manager", "Admin", "Owner"]);
  await expect(roleTable.getByRole("row", { name: /Give or take the OWNER role/ })).toBeVisible();

  // A staff member's row: an owner may make them an admin, and removing asks first.
  const members = page.getByRole("table", { name: `Members of ${practiceName}` });
  const firstStaff = members.getByRole("row").filter({ has: page.getByTestId("member-role").getByText("Staff", { exact: true }) }).first();
  const staffName = (await firstStaff.getByRole("rowheader").textContent()) ?? "";
  expect(staffName).not.toBe("");
  // The row stays this member's after the role changes.
  const staff = members.getByRole("row").filter({ has: page.getByRole("rowheader", { name: staffName, exact: true }) });
  const roleSelect = staff.getByRole("combobox", { name: `Role for ${staffName}` });
  await expect(roleSelect.getByRole("option")).toHaveText(["Owner", "Admin", "Manager", "Staff"]);
  await roleSelect.selectOption("ADMIN");
  await staff.getByRole("button", { name: `Change role of ${staffName}` }).click();
  await expect(page.getByRole("region", { name: "Members" }).getByRole("status")).toHaveText(`${staffName} is now Admin.`);
  await expect(staff.getByTestId("member-role")).toHaveText("Admin");

  await staff.getByRole("button", { name: `Remove ${staffName}` }).click();
  await expect(staff.getByRole("button", { name: `Yes, remove ${staffName}` })).toBeFocused();
  await expectNoAxeViolations(page, "an organization's page with a removal to confirm");
  await staff.getByRole("button", { name: "Cancel" }).click();
  await expect(staff.getByRole("button", { name: `Remove ${staffName}` })).toBeFocused();
  await expect(members.getByRole("row").filter({ hasText: staffName })).toHaveCount(1);
  await signOut(page);

  // The new admin: no OWNER option, no controls on the owner's row or their own, and may remove staff.
  await signInWithGoogle(staffName, organizationPath);
  await expect(page.getByTestId("my-organization-role")).toHaveText("Admin");
  const owner = members.getByRole("row").filter({ has: page.getByRole("rowheader", { name: DEMO.provider, exact: true }) });
  await expect(owner.getByTestId("member-role")).toHaveText("Owner");
  await expect(owner.getByRole("button")).toHaveCount(0);
  await expect(owner.getByRole("combobox")).toHaveCount(0);
  const ownRow = members.getByRole("row").filter({ has: page.getByRole("rowheader", { name: `${staffName} (you)`, exact: true }) });
  await expect(ownRow.getByRole("button")).toHaveCount(0);
  const otherStaff = members.getByRole("row").filter({ has: page.getByTestId("member-role").getByText("Staff", { exact: true }) }).first();
  const otherName = (await otherStaff.getByRole("rowheader").textContent()) ?? "";
  expect(otherName).not.toBe("");
  const other = members.getByRole("row").filter({ has: page.getByRole("rowheader", { name: otherName, exact: true }) });
  await expect(other.getByRole("combobox", { name: `Role for ${otherName}` }).getByRole("option")).toHaveText(["Admin", "Manager", "Staff"]);
  await expectNoAxeViolations(page, "an organization's page seen by an admin");
  await other.getByRole("button", { name: `Remove ${otherName}` }).click();
  await other.getByRole("button", { name: `Yes, remove ${otherName}` }).click();
  await expect(page.getByRole("region", { name: "Members" }).getByRole("status")).toHaveText(`${otherName} was removed from ${practiceName}.`);
  await expect(other).toHaveCount(0);
  await signOut(page);

  await signInWithGoogle(STRANGER);
  const response = await page.goto(organizationPath);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText(practiceName)).toHaveCount(0);
  await expectNoAxeViolations(page, "an organization's page opened by a stranger");

  const malformed = await page.goto("/organizations/not-an-organization-id");
  expect(malformed?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
