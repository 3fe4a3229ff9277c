import { and, eq } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { contactChannels, notificationPreferences, patientProfiles, providerNotificationSettings, providers, users } from "@/server/db/schema";

type Channel = (typeof contactChannels.$inferSelect)["channel"];
export type PreferencesRow = typeof notificationPreferences.$inferSelect;
export type ProviderSettingsRow = typeof providerNotificationSettings.$inferSelect;
export type ContactChannelState = Pick<typeof contactChannels.$inferSelect, "optedInAt" | "optedOutAt">;

/** The account's email and, when there is a patient profile, its phone and zone. Null for an unknown user. */
export async function findPersonContact(
  db: DbExecutor,
  userId: string,
): Promise<{ email: string; phone: string | null; timeZone: string | null } | null> {
  const [row] = await db
    .select({ email: users.email, phone: patientProfiles.phone, timeZone: patientProfiles.timeZone })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function findPreferences(db: DbExecutor, userId: string): Promise<PreferencesRow | null> {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row ?? null;
}

export async function savePreferences(
  db: DbExecutor,
  userId: string,
  values: Pick<PreferencesRow, "emailEnabled" | "whatsappEnabled" | "smsEnabled" | "quietStartMinute" | "quietEndMinute">,
  now: Date,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { ...values, updatedAt: now } });
}

export async function findContactChannel(db: DbExecutor, channel: Channel, address: string): Promise<ContactChannelState | null> {
  const [row] = await db
    .select({ optedInAt: contactChannels.optedInAt, optedOutAt: contactChannels.optedOutAt })
    .from(contactChannels)
    .where(and(eq(contactChannels.channel, channel), eq(contactChannels.address, address)));
  return row ?? null;
}

export async function findProviderSettings(db: DbExecutor, providerId: string): Promise<ProviderSettingsRow | null> {
  const [row] = await db.select().from(providerNotificationSettings).where(eq(providerNotificationSettings.providerId, providerId));
  return row ?? null;
}

export async function saveProviderSettings(
  db: DbExecutor,
  providerId: string,
  values: Pick<
    ProviderSettingsRow,
    "emailNotices" | "whatsappNotices" | "whatsappNumber" | "reminderOffsetsMinutes" | "quietStartMinute" | "quietEndMinute"
  >,
  now: Date,
): Promise<void> {
  await db
    .insert(providerNotificationSettings)
    .values({ providerId, ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: providerNotificationSettings.providerId, set: { ...values, updatedAt: now } });
}

/** The provider's account email, where email notices go. */
export async function findProviderAccountEmail(db: DbExecutor, providerId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(providers).innerJoin(users, eq(users.id, providers.userId)).where(eq(providers.id, providerId));
  return row?.email ?? null;
}
