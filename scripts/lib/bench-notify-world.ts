/**
 * The world of `npm run bench:notify`, built through the product's own code: providers, patients
 * and confirmed bookings made by the booking use cases (slots read by getPublicSlots, held by
 * holdSlot, confirmed by confirmBooking, which records the booking.confirmed outbox event and its
 * drain job in the booking's transaction), so that draining them yields the messages production
 * would send. Import it only after the environment is set: the use cases read env.mjs.
 */
import { inArray } from "drizzle-orm";
import { publicSlotsInput } from "@/features/availability/schemas";
import { getPublicSlots } from "@/features/availability/server/get-public-slots";
import { confirmBookingInput, holdSlotInput } from "@/features/bookings/schemas";
import { confirmBooking } from "@/features/bookings/server/confirm-booking";
import { holdSlot } from "@/features/bookings/server/hold-slot";
import { recordOptIn } from "@/features/communications/server/notification-repository";
import type { Database } from "@/server/db/client";
import { notifications, providerNotificationSettings } from "@/server/db/schema";
import {
  createLocation,
  createOrganization,
  createPatient,
  createProvider,
  createWeeklyRules,
  linkProviderToOrganization,
  standardWeek,
} from "@/test/factories";
import { mulberry32 } from "../bench/random";

const DAY_MS = 86_400_000;
/** Patients live in several zones; every message names the zone it is written in. */
const PATIENT_ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"] as const;

export type Channel = "EMAIL" | "WHATSAPP" | "SMS";
export type Recipient = "PATIENT" | "PROVIDER" | "INVITEE";

export interface BenchSlot {
  startsAt: Date;
  mode: "IN_PERSON" | "ONLINE";
  locationId: string | null;
}

export interface BenchProvider {
  id: string;
  serviceId: string;
  whatsappNotices: boolean;
  /** Free slots not yet booked by an earlier batch, earliest first. */
  slots: BenchSlot[];
}

export interface BenchPatient {
  userId: string;
  whatsapp: boolean;
  timeZone: string;
}

export interface BenchWorld {
  providers: BenchProvider[];
  patients: BenchPatient[];
  freeSlots(): number;
}

/** A message the product must send for a booking: what the bench checks the vendors against. */
export interface ExpectedMessage {
  bookingId: string;
  recipient: Recipient;
  channel: Channel;
}

export interface SeededBatch {
  bookingIds: string[];
  expected: ExpectedMessage[];
  /** Bookings per patient in this batch: how many share a phone number. */
  maxBookingsPerPatient: number;
  ms: number;
}

export { mulberry32 };

/**
 * `providers` London providers (weekdays 09:00–12:30 in person, 14:00–17:00 online, one
 * 30-minute service), a share of them with WhatsApp notices of new bookings; `patients`
 * signed-in patients with a verified email (so booking needs no contact code) and a mobile
 * number, a share of them opted in to WhatsApp (a contact_channels opt-in row, as the booking
 * form records it). Each provider's free slots are read once from the public slot list.
 */
export async function createBenchWorld(options: {
  db: Database;
  providers: number;
  patients: number;
  whatsappShare: number;
  providerWhatsappShare: number;
  random: () => number;
  now: Date;
}): Promise<BenchWorld> {
  const { db, random, now } = options;
  const organization = await createOrganization(db, { name: "Bench Notify Clinic" });
  const location = await createLocation(db, { organizationId: organization.id, timeZone: "Europe/London" });
  const providers: BenchProvider[] = [];
  const from = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + 2 * DAY_MS);
  for (let p = 0; p < options.providers; p++) {
    const { provider, services } = await createProvider(db, {
      user: { name: `Dr Bench ${p + 1}`, email: `bench-provider-${p + 1}@example.test` },
      provider: { displayName: `Dr Bench ${p + 1}`, timeZone: "Europe/London" },
      services: [{ name: "Consultation", durationMinutes: 30, slotStepMinutes: 30, minimumNoticeMinutes: 60, bookingHorizonDays: 90 }],
    });
    await linkProviderToOrganization(db, provider.id, organization.id);
    await createWeeklyRules(db, provider.id, standardWeek(location.id));
    const whatsappNotices = p < Math.round(options.providers * options.providerWhatsappShare);
    if (whatsappNotices) {
      await db.insert(providerNotificationSettings).values({
        providerId: provider.id,
        whatsappNotices: ["requested", "confirmed", "cancelled", "rescheduled"],
        whatsappNumber: `+447700800${String(p).padStart(3, "0")}`,
      });
    }
    const serviceId = services[0]!.id;
    const listed = await getPublicSlots({ db, input: publicSlotsInput.parse({ providerId: provider.id, serviceId, from, days: 62 }), now });
    const slots: BenchSlot[] = [];
    let lastEnd = 0;
    for (const slot of listed.slots) {
      if (slot.startsAt.getTime() < lastEnd) continue;
      slots.push({ startsAt: slot.startsAt, mode: slot.mode as BenchSlot["mode"], locationId: slot.locationId });
      lastEnd = slot.endsAt.getTime();
    }
    providers.push({ id: provider.id, serviceId, whatsappNotices, slots });
  }

  const patients: BenchPatient[] = [];
  for (let i = 0; i < options.patients; i++) {
    const timeZone = PATIENT_ZONES[Math.floor(random() * PATIENT_ZONES.length)]!;
    const phone = `+447700${String(900_000 + i).padStart(6, "0")}`;
    const { user } = await createPatient(db, {
      user: { name: `Bench Patient ${i + 1}`, email: `bench-patient-${i + 1}@example.test` },
      profile: { fullName: `Bench Patient ${i + 1}`, phone, timeZone },
    });
    const whatsapp = random() < options.whatsappShare;
    if (whatsapp) await recordOptIn(db, "WHATSAPP", phone, now);
    patients.push({ userId: user.id, whatsapp, timeZone });
  }
  return { providers, patients, freeSlots: () => providers.reduce((sum, provider) => sum + provider.slots.length, 0) };
}

/**
 * `count` confirmed bookings: providers in turn, each patient picked at random (so some patients
 * hold several bookings and get several WhatsApp messages on one number), each booked the way the
 * booking page does it: hold the earliest free slot, then confirm as the signed-in patient.
 * `lanes` bookings run at once (the use cases lock per provider, so lanes rarely wait).
 */
export async function seedConfirmedBookings(options: {
  db: Database;
  world: BenchWorld;
  count: number;
  lanes: number;
  random: () => number;
  clientPrefix: string;
}): Promise<SeededBatch> {
  const { db, world, count, random } = options;
  if (world.freeSlots() < count) throw new Error(`Only ${world.freeSlots()} free slots are left for ${count} bookings; raise --providers.`);
  const started = performance.now();
  const plan: Array<{ provider: BenchProvider; patient: BenchPatient }> = [];
  let turn = 0;
  for (let i = 0; i < count; i++) {
    let provider = world.providers[turn % world.providers.length]!;
    while (provider.slots.length === 0) provider = world.providers[++turn % world.providers.length]!;
    turn += 1;
    plan.push({ provider, patient: world.patients[Math.floor(random() * world.patients.length)]! });
  }

  const bookingIds: string[] = [];
  const expected: ExpectedMessage[] = [];
  const perPatient = new Map<string, number>();
  let next = 0;
  const lane = async (laneIndex: number) => {
    // One client address per lane: the hold caps count per visitor, and each hold is confirmed at once.
    const clientAddress = `198.51.100.${(laneIndex % 250) + 1}`;
    for (;;) {
      const index = next++;
      if (index >= plan.length) return;
      const { provider, patient } = plan[index]!;
      for (;;) {
        const slot = provider.slots.shift();
        if (!slot) throw new Error(`Provider ${provider.id} ran out of free slots.`);
        const now = new Date();
        let hold: { holdId: string; holdToken: string };
        try {
          hold = await holdSlot({
            db,
            input: holdSlotInput.parse({ providerId: provider.id, serviceId: provider.serviceId, startsAt: slot.startsAt, mode: slot.mode, locationId: slot.locationId }),
            clientAddress,
            now,
          });
        } catch (error) {
          // A slot the engine no longer offers (minimum notice passed while seeding): take the next one.
          if ((error as { code?: string }).code === "SLOT_TAKEN") continue;
          throw new Error(`${options.clientPrefix}: hold failed: ${(error as Error).message}`, { cause: error });
        }
        const booking = await confirmBooking({
          db,
          input: confirmBookingInput.parse({ holdId: hold.holdId, holdToken: hold.holdToken, consent: true, patientTimeZone: patient.timeZone }),
          userId: patient.userId,
          now: new Date(),
        });
        if (booking.status !== "CONFIRMED") throw new Error(`Booking ${booking.id} is ${booking.status}, expected CONFIRMED.`);
        bookingIds.push(booking.id);
        perPatient.set(patient.userId, (perPatient.get(patient.userId) ?? 0) + 1);
        expected.push({ bookingId: booking.id, recipient: "PATIENT", channel: "EMAIL" });
        if (patient.whatsapp) expected.push({ bookingId: booking.id, recipient: "PATIENT", channel: "WHATSAPP" });
        expected.push({ bookingId: booking.id, recipient: "PROVIDER", channel: "EMAIL" });
        if (provider.whatsappNotices) expected.push({ bookingId: booking.id, recipient: "PROVIDER", channel: "WHATSAPP" });
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: options.lanes }, (_, index) => lane(index)));
  return { bookingIds, expected, maxBookingsPerPatient: Math.max(0, ...perPatient.values()), ms: performance.now() - started };
}

export interface BatchNotification {
  id: string;
  bookingId: string | null;
  recipient: Recipient;
  channel: Channel;
  status: string;
  fallbackOf: string | null;
}

export async function batchNotifications(db: Database, bookingIds: string[]): Promise<BatchNotification[]> {
  if (bookingIds.length === 0) return [];
  return db
    .select({
      id: notifications.id,
      bookingId: notifications.bookingId,
      recipient: notifications.recipient,
      channel: notifications.channel,
      status: notifications.status,
      fallbackOf: notifications.fallbackOf,
    })
    .from(notifications)
    .where(inArray(notifications.bookingId, bookingIds));
}
