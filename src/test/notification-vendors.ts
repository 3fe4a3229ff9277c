import { randomBytes } from "node:crypto";
import { startLocalCloud, type LocalCloud } from "../../local-cloud";
import type { NotificationDeps } from "@/features/communications/server";
import { createProductJobHandlers, productJobDepsFrom, type ProductJobDeps, type VendorSettings } from "@/server/jobs/product-jobs";
import { createTestDatabase, type TestDatabase } from "./db";
import { createBookingWorld, type BookingWorld } from "./scenarios/booking-world";

export const TEST_APP_URL = "http://app.medbookings.test";

export interface NotificationVendors {
  cloud: LocalCloud;
  deps: ProductJobDeps;
  sendgrid: NonNullable<LocalCloud["sendgrid"]>["emulator"];
  twilio: NonNullable<LocalCloud["twilio"]>["emulator"];
  close(): Promise<void>;
}

/**
 * SendGrid, Twilio and Vercel Blob emulators on free ports, and the job dependencies built from
 * the real SDK clients pointed at them, as the worker builds them from its environment. Webhooks
 * the emulators post go to an address nothing listens on unless `appUrl` is given.
 */
export async function startNotificationVendors(options: { appUrl?: string; random?: () => number } = {}): Promise<NotificationVendors> {
  const appUrl = options.appUrl ?? TEST_APP_URL;
  const cloud = await startLocalCloud({ appUrl, accounts: [], vendors: ["sendgrid", "twilio", "blob"], host: "127.0.0.1" });
  const env = cloud.env;
  // @vercel/blob reads its API base from the environment only.
  process.env.VERCEL_BLOB_API_URL = env.VERCEL_BLOB_API_URL;
  // No calendar is connected in these tests, so the Google client is never called.
  const settings = { ...env, NEXTAUTH_URL: appUrl, GOOGLE_CLIENT_ID: "unused", GOOGLE_CLIENT_SECRET: "unused", TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") } as unknown as VendorSettings;
  const deps: ProductJobDeps = { ...productJobDepsFrom(settings, 5_000), random: options.random ?? (() => 0.5) };
  return { cloud, deps, sendgrid: cloud.sendgrid!.emulator, twilio: cloud.twilio!.emulator, close: () => cloud.close() };
}

export interface NotificationTestbed {
  db: TestDatabase;
  world: BookingWorld;
  vendors: NotificationVendors;
  /** What the send use case needs, built as the worker builds it. */
  notificationDeps: NotificationDeps;
  /** Forgets what the emulators received (between tests). */
  resetVendors(): void;
  close(): Promise<void>;
}

/** A fresh test database with a booking world, the notification vendors and the send dependencies. */
export async function startNotificationTestbed(): Promise<NotificationTestbed> {
  const db = await createTestDatabase();
  const world = await createBookingWorld(db.db);
  const vendors = await startNotificationVendors();
  return {
    db,
    world,
    vendors,
    notificationDeps: createProductJobHandlers(vendors.deps).notificationDeps(db.db),
    resetVendors() {
      vendors.sendgrid.reset();
      vendors.twilio.reset();
    },
    async close() {
      await vendors.close();
      await db.drop();
    },
  };
}
