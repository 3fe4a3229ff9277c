import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "../fixtures";
import { expectNoAxeViolations } from "../fixtures/axe";
import { withE2EDatabase } from "../fixtures/database";

/** A guest booking whose appointment ended `daysAgo` days ago, and the manage token for it. */
async function pastBooking(daysAgo: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const endsAt = new Date(Date.now() - daysAgo * 24 * 60 * 60_000);
  const startsAt = new Date(endsAt.getTime() - 30 * 60_000);
  await withE2EDatabase(async (client) => {
    // Cancelled, so the row stays out of the no-overlap constraint: a link expires whatever the state.
    await client.query(
      `INSERT INTO bookings (provider_id, service_id, location_id, mode, starts_at, ends_at, blocked_starts_at, blocked_ends_at,
                             status, cancelled_at, cancelled_by, manage_token_hash, guest_name, guest_email, guest_phone)
       SELECT s.provider_id, s.id, NULL, 'ONLINE', $1, $2, $1, $2, 'CANCELLED', $2, 'PATIENT', $3,
              'Expired Link Patient', 'expired.link@example.com', '+447700900555'
         FROM services s JOIN providers p ON p.id = s.provider_id
        WHERE p.slug = 'amelia-hart' AND s.is_online
        LIMIT 1`,
      [startsAt, endsAt, createHash("sha256").update(token).digest("hex")],
    );
  });
  return token;
}

test("a manage link says it has expired 30 days after the appointment, and shows nothing of the booking", async ({ page }) => {
  const fresh = await pastBooking(29);
  await page.goto(`/bookings/${fresh}`);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/expired/i);
  await expect(page.getByText("cancelled", { exact: false }).first()).toBeVisible();

  const expired = await pastBooking(31);
  await page.goto(`/bookings/${expired}`);
  await expect(page.getByRole("heading", { level: 1, name: "This booking link has expired" })).toBeVisible();
  await expect(page.getByText(/booking links stop working 30 days after the appointment/)).toBeVisible();
  await expect(page.getByText("Expired Link Patient")).toHaveCount(0);
  await expectNoAxeViolations(page, "expired manage link");

  const calendar = await page.request.get(`/api/bookings/ics?token=${expired}`);
  expect(calendar.status()).toBe(404);
  expect(await calendar.text()).toMatch(/This link has expired/);
});
