import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bookings, providers, storedContactCards } from "@/server/db/schema";
import { createBlobClient, type BlobClient } from "@/server/integrations/blob/client";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import {
  createLocation,
  createOrganization,
  createPatient,
  createProvider,
  linkProviderToOrganization,
} from "@/test/factories";
import { createBlobEmulator, type BlobEmulator } from "../../../../../local-cloud/blob";
import { serve, type RunningEmulator } from "../../../../../local-cloud/lib/http";
import { deleteContactCard } from "./delete-contact-card";
import { ensurePatientCard } from "./ensure-patient-card";
import { ensureProviderCard } from "./ensure-provider-card";
import { purgeContactCards } from "./purge-contact-cards";
import { sweepOrphanedContactCards } from "./sweep-orphaned-contact-cards";

const PUBLIC_TOKEN = "vercel_blob_rw_pubcards_s3cret";
const PRIVATE_TOKEN = "vercel_blob_rw_privcards_s3cret";
const APP_URL = "https://medbookings.example";
const DAY = 24 * 60 * 60_000;

let db: TestDatabase;
let emulator: RunningEmulator<BlobEmulator>;
let publicBlob: BlobClient;
let privateBlob: BlobClient;
const clock = { now: new Date("2027-03-01T08:00:00Z") };

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

beforeEach(async () => {
  clock.now = new Date("2027-03-01T08:00:00Z");
  // Each test has a fresh Blob store, so no row may point into an earlier one.
  await db.db.delete(storedContactCards);
  emulator = await serve(
    createBlobEmulator({
      stores: [
        { storeId: "pubcards", token: PUBLIC_TOKEN, access: "public" },
        { storeId: "privcards", token: PRIVATE_TOKEN, access: "private" },
      ],
      now: () => clock.now.getTime(),
    }),
  );
  vi.stubEnv("VERCEL_BLOB_API_URL", emulator.emulator.apiUrl);
  vi.stubEnv("VERCEL_BLOB_RETRIES", "0");
  publicBlob = createBlobClient({ token: PUBLIC_TOKEN, access: "public" });
  privateBlob = createBlobClient({ token: PRIVATE_TOKEN, access: "private" });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
});

function blobsIn(storeId: string) {
  return emulator.emulator.snapshot().stores.find((store) => store.storeId === storeId)?.blobs ?? [];
}

async function cardRow(subject: string) {
  const [row] = await db.db.select().from(storedContactCards).where(eq(storedContactCards.subject, subject));
  return row ?? null;
}

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

async function practiceProvider(overrides: { displayName?: string; status?: "APPROVED" | "SUSPENDED" } = {}) {
  const organization = await createOrganization(db.db, { name: "Sea Point Health" });
  await createLocation(db.db, { organizationId: organization.id, name: "Main rooms", formattedAddress: "12 Main Road, Sea Point, Cape Town" });
  const created = await createProvider(db.db, {
    provider: { displayName: overrides.displayName ?? "Dr Anna Lee", status: overrides.status ?? "APPROVED" },
    specialties: [{ slug: "gp", name: "General practitioner" }],
    services: [{ name: "Consultation" }],
  });
  await linkProviderToOrganization(db.db, created.provider.id, organization.id);
  return created;
}

let slotCounter = 0;
/** A booking straight in the table (the booking flow has its own tests); each in its own hour. */
async function insertBooking(
  providerId: string,
  serviceId: string,
  values: Partial<typeof bookings.$inferInsert> & { startsAt?: Date } = {},
) {
  slotCounter += 1;
  const startsAt = values.startsAt ?? new Date(Date.UTC(2027, 2, 2, 0) + slotCounter * 60 * 60_000);
  const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
  const [row] = await db.db
    .insert(bookings)
    .values({
      providerId,
      serviceId,
      mode: "ONLINE",
      status: "CONFIRMED",
      guestName: "Lena Guest",
      guestEmail: "lena@example.test",
      guestPhone: "+27825550101",
      ...values,
      startsAt,
      endsAt,
      blockedStartsAt: startsAt,
      blockedEndsAt: endsAt,
    })
    .returning();
  return row!;
}

describe("ensureProviderCard", () => {
  it("publishes the card under an unguessable name anyone can fetch, and remembers it with its content hash", async () => {
    const { provider } = await practiceProvider();

    const url = await ensureProviderCard({ db: db.db, providerId: provider.id, blob: publicBlob, appUrl: APP_URL });

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/vcard; charset=utf-8");
    const text = await response.text();
    const card = parse(text);
    expect(card.getFirstPropertyValue("fn")).toBe("Dr Anna Lee");
    expect(card.getFirstPropertyValue("org")).toBe("Sea Point Health");
    expect(card.getFirstPropertyValue("title")).toBe("General practitioner");
    expect(card.getFirstPropertyValue("url")).toBe(`${APP_URL}/providers/${provider.slug}`);
    expect((card.getFirstPropertyValue("adr") as string[])[2]).toBe("12 Main Road, Sea Point, Cape Town");

    const [stored] = blobsIn("pubcards");
    expect(stored?.pathname).toMatch(new RegExp(`^contact-cards/providers/${provider.slug}-[A-Za-z0-9]{30}\\.vcf$`));
    expect(await cardRow(`provider:${provider.id}`)).toMatchObject({
      access: "public",
      url,
      pathname: stored?.pathname,
      contentHash: createHash("sha256").update(text, "utf8").digest("hex"),
    });
  });

  it("uploads again only when the card changed, then deletes the old blob", async () => {
    const { provider } = await practiceProvider();
    const ensure = () => ensureProviderCard({ db: db.db, providerId: provider.id, blob: publicBlob, appUrl: APP_URL });
    const first = await ensure();
    const etag = blobsIn("pubcards")[0]?.etag;

    expect(await ensure()).toBe(first);
    expect(blobsIn("pubcards")).toEqual([expect.objectContaining({ etag })]);

    await db.db.update(providers).set({ displayName: "Dr Anna Lee-Smith" }).where(eq(providers.id, provider.id));
    const second = await ensure();

    expect(second).not.toBe(first);
    expect((await fetch(first)).status).toBe(404);
    expect(parse(await (await fetch(second)).text()).getFirstPropertyValue("fn")).toBe("Dr Anna Lee-Smith");
    expect(blobsIn("pubcards")).toHaveLength(1);
    expect((await cardRow(`provider:${provider.id}`))?.url).toBe(second);
  });

  it("keeps exactly one blob when two changes race", async () => {
    const { provider } = await practiceProvider();
    await ensureProviderCard({ db: db.db, providerId: provider.id, blob: publicBlob, appUrl: APP_URL });
    await db.db.update(providers).set({ displayName: "Dr Renamed" }).where(eq(providers.id, provider.id));

    const urls = await Promise.all(
      [1, 2, 3].map(() => ensureProviderCard({ db: db.db, providerId: provider.id, blob: publicBlob, appUrl: APP_URL })),
    );

    expect(new Set(urls).size).toBe(1);
    expect(blobsIn("pubcards")).toHaveLength(1);
    expect((await cardRow(`provider:${provider.id}`))?.url).toBe(urls[0]);
  });

  it("refuses the private store, unlisted providers and unknown ones, storing nothing", async () => {
    const { provider } = await practiceProvider();
    const suspended = await practiceProvider({ status: "SUSPENDED" });

    await expect(ensureProviderCard({ db: db.db, providerId: provider.id, blob: privateBlob, appUrl: APP_URL })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { blob: ["Must be the public store."] } },
    });
    await expect(
      ensureProviderCard({ db: db.db, providerId: suspended.provider.id, blob: publicBlob, appUrl: APP_URL }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(
      ensureProviderCard({ db: db.db, providerId: "00000000-0000-4000-8000-000000000000", blob: publicBlob, appUrl: APP_URL }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect([...blobsIn("pubcards"), ...blobsIn("privcards")]).toEqual([]);
  });

  it("returns the new card even when the old blob cannot be deleted, and the sweep removes it later", async () => {
    const { provider } = await practiceProvider();
    const first = await ensureProviderCard({ db: db.db, providerId: provider.id, blob: publicBlob, appUrl: APP_URL });
    const failingDeletes: BlobClient = { ...publicBlob, access: "public", deleteBlob: () => Promise.reject(new Error("storage hiccup")) };
    await db.db.update(providers).set({ displayName: "Dr Changed" }).where(eq(providers.id, provider.id));

    const second = await ensureProviderCard({ db: db.db, providerId: provider.id, blob: failingDeletes, appUrl: APP_URL });
    expect((await fetch(first)).status).toBe(200);

    // Too young to be told apart from a card being stored right now.
    expect(await sweepOrphanedContactCards({ db: db.db, blob: publicBlob, now: new Date(clock.now.getTime() + 30 * 60_000) })).toBe(0);
    expect(await sweepOrphanedContactCards({ db: db.db, blob: publicBlob, now: new Date(clock.now.getTime() + 61 * 60_000) })).toBe(1);
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);
  });
});

describe("ensurePatientCard", () => {
  it("stores the patient's card privately under the booking id, not the patient's name", async () => {
    const { provider, services } = await practiceProvider();
    const booking = await insertBooking(provider.id, services[0]!.id);

    const stored = await ensurePatientCard({ db: db.db, bookingId: booking.id, blob: privateBlob, now: clock.now });

    expect(stored.pathname).toMatch(new RegExp(`^contact-cards/patients/${booking.id}-[A-Za-z0-9]{30}\\.vcf$`));
    expect((await fetch(stored.url)).status).toBe(403);
    const file = await privateBlob.getPrivateBlob(stored.pathname);
    expect(file.contentType).toBe("text/vcard; charset=utf-8");
    const card = parse(await new Response(file.body).text());
    expect(card.getFirstPropertyValue("fn")).toBe("Lena Guest");
    expect(card.getAllProperties("email").map((p) => p.getFirstValue())).toEqual(["lena@example.test"]);
    expect(card.getAllProperties("tel").map((p) => p.getFirstValue())).toEqual(["+27825550101"]);
    expect(await cardRow(`patient:${booking.id}`)).toMatchObject({ access: "private", url: stored.url, pathname: stored.pathname });
    expect(blobsIn("pubcards")).toEqual([]);
  });

  it("uses the account's profile for a signed-in patient and replaces the card when their details change", async () => {
    const { provider, services } = await practiceProvider();
    const { user } = await createPatient(db.db, { user: { name: "Sipho Account", email: "sipho@example.test" }, profile: { phone: "+27825550199" } });
    const booking = await insertBooking(provider.id, services[0]!.id, { guestName: null, guestEmail: null, guestPhone: null, patientUserId: user.id });

    const first = await ensurePatientCard({ db: db.db, bookingId: booking.id, blob: privateBlob, now: clock.now });
    expect((await ensurePatientCard({ db: db.db, bookingId: booking.id, blob: privateBlob, now: clock.now })).uploaded).toBe(false);
    await db.db.update(bookings).set({ guestPhone: "+27825550777", guestName: "Sipho Guest-Name", guestEmail: "other@example.test" }).where(eq(bookings.id, booking.id));
    const second = await ensurePatientCard({ db: db.db, bookingId: booking.id, blob: privateBlob, now: clock.now });

    expect(first.uploaded).toBe(true);
    expect(second.uploaded).toBe(true);
    expect(blobsIn("privcards").map((blob) => blob.pathname)).toEqual([second.pathname]);
    const card = parse(await new Response((await privateBlob.getPrivateBlob(second.pathname)).body).text());
    expect(card.getFirstPropertyValue("fn")).toBe("Sipho Guest-Name");
    expect(card.getFirstPropertyValue("uid")).toBe(`urn:uuid:${user.id}`);
  });

  it("refuses the public store and bookings whose card is not kept", async () => {
    const { provider, services } = await practiceProvider();
    const booking = await insertBooking(provider.id, services[0]!.id);
    const cancelled = await insertBooking(provider.id, services[0]!.id, { status: "CANCELLED", cancelledAt: clock.now });
    const old = await insertBooking(provider.id, services[0]!.id, { startsAt: new Date(clock.now.getTime() - 31 * DAY) });

    await expect(ensurePatientCard({ db: db.db, bookingId: booking.id, blob: publicBlob, now: clock.now })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { blob: ["Must be the private store."] } },
    });
    for (const bookingId of [cancelled.id, old.id]) {
      await expect(ensurePatientCard({ db: db.db, bookingId, blob: privateBlob, now: clock.now })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
      });
    }
    expect([...blobsIn("pubcards"), ...blobsIn("privcards")]).toEqual([]);
  });
});

describe("deleteContactCard", () => {
  it("deletes the blob and the row, and a second delete finds nothing", async () => {
    const { provider, services } = await practiceProvider();
    const booking = await insertBooking(provider.id, services[0]!.id);
    const stored = await ensurePatientCard({ db: db.db, bookingId: booking.id, blob: privateBlob, now: clock.now });
    const subject = `patient:${booking.id}`;

    await expect(deleteContactCard({ db: db.db, subject, blob: publicBlob })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await deleteContactCard({ db: db.db, subject, blob: privateBlob })).toBe(true);

    expect(blobsIn("privcards")).toEqual([]);
    expect(await cardRow(subject)).toBeNull();
    await expect(privateBlob.getPrivateBlob(stored.pathname)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await deleteContactCard({ db: db.db, subject, blob: privateBlob })).toBe(false);
    await expect(deleteContactCard({ db: db.db, subject: "someone:1", blob: privateBlob })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { subject: ["Must start with provider: or patient:."] } },
    });
  });

  it("deletes a provider's public card", async () => {
    const { provider } = await practiceProvider();
    const url = await ensureProviderCard({ db: db.db, providerId: provider.id, blob: publicBlob, appUrl: APP_URL });

    expect(await deleteContactCard({ db: db.db, subject: `provider:${provider.id}`, blob: publicBlob })).toBe(true);
    expect((await fetch(url)).status).toBe(404);
    expect(await cardRow(`provider:${provider.id}`)).toBeNull();
  });
});

describe("purgeContactCards", () => {
  it("deletes cards of cancelled, declined and long-finished bookings and stray blobs, keeping the rest", async () => {
    const { provider, services } = await practiceProvider();
    const serviceId = services[0]!.id;
    const store = (bookingId: string) => ensurePatientCard({ db: db.db, bookingId, blob: privateBlob, now: clock.now });
    const upcoming = await insertBooking(provider.id, serviceId, { startsAt: new Date(clock.now.getTime() + 2 * DAY) });
    const cancelled = await insertBooking(provider.id, serviceId);
    const declined = await insertBooking(provider.id, serviceId);
    const recent = await insertBooking(provider.id, serviceId, { startsAt: new Date(clock.now.getTime() - 20 * DAY), status: "COMPLETED" });
    const old = await insertBooking(provider.id, serviceId, { startsAt: new Date(clock.now.getTime() - 25 * DAY), status: "COMPLETED" });
    for (const booking of [upcoming, cancelled, declined, recent, old]) await store(booking.id);
    await db.db.update(bookings).set({ status: "CANCELLED", cancelledAt: clock.now }).where(eq(bookings.id, cancelled.id));
    await db.db.update(bookings).set({ status: "DECLINED", cancelledAt: clock.now }).where(eq(bookings.id, declined.id));
    const providerCard = await ensureProviderCard({ db: db.db, providerId: provider.id, blob: publicBlob, appUrl: APP_URL });
    // A blob no row points at (a deletion that failed once).
    await privateBlob.putBlob({ pathname: "contact-cards/patients/stray.vcf", body: "BEGIN:VCARD", contentType: "text/vcard" });
    await privateBlob.putBlob({ pathname: "documents/licence.pdf", body: "%PDF", contentType: "application/pdf" });

    // Ten days on: `old` ended 35 days ago, `recent` exactly 30 days ago (still kept).
    clock.now = new Date(recent.endsAt.getTime() + 30 * DAY);
    const result = await purgeContactCards({ db: db.db, blob: privateBlob, now: clock.now });

    expect(result).toEqual({ deletedCards: 3, deletedOrphans: 1 });
    const remaining = (await db.db.select({ subject: storedContactCards.subject }).from(storedContactCards)).map((row) => row.subject).sort();
    expect(remaining).toEqual([`patient:${recent.id}`, `patient:${upcoming.id}`, `provider:${provider.id}`].sort());
    const pathnames = blobsIn("privcards").map((blob) => blob.pathname);
    expect(pathnames).toHaveLength(3);
    expect(pathnames).toContain("documents/licence.pdf");
    expect(pathnames.filter((pathname) => pathname.includes(recent.id) || pathname.includes(upcoming.id))).toHaveLength(2);
    expect((await fetch(providerCard)).status).toBe(200);

    expect(await purgeContactCards({ db: db.db, blob: privateBlob, now: clock.now })).toEqual({ deletedCards: 0, deletedOrphans: 0 });
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect(await purgeContactCards({ db: db.db, blob: privateBlob, now: clock.now })).toEqual({ deletedCards: 1, deletedOrphans: 0 });
  });
});
