import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, contactChannels, notificationPreferences, providerNotificationSettings } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createPatient, createProvider, createUser } from "@/test/factories";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import type { UpdateProviderNotificationSettingsInput } from "../schemas";

let db: TestDatabase;
const NOW = new Date("2027-03-01T10:00:00Z");
const LATER = new Date("2027-03-05T18:30:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const as = (actor: TestActor, at: Date = NOW) => callerFor(db.db, actor, () => at);

async function failure(promise: Promise<unknown>): Promise<{ code: string; appCode?: string; message: string; fieldErrors: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { code?: string; issues?: { path: PropertyKey[]; message: string }[]; details?: { fieldErrors?: Record<string, string[]> } } | undefined;
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of cause?.issues ?? []) (fieldErrors[issue.path.map(String).join(".")] ??= []).push(issue.message);
    return { code: error.code, appCode: cause?.code, message: error.message, fieldErrors: cause?.details?.fieldErrors ?? fieldErrors };
  }
  throw new Error("expected the call to fail");
}

async function channelRow(channel: "WHATSAPP" | "SMS", address: string) {
  const [row] = await db.db.select().from(contactChannels).where(and(eq(contactChannels.channel, channel), eq(contactChannels.address, address)));
  return row ?? null;
}

const choices = { emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: null, quietEnd: null };
const settings: UpdateProviderNotificationSettingsInput = {
  emailNotices: ["requested", "confirmed", "cancelled", "rescheduled"],
  whatsappNotices: [],
  whatsappNumber: null,
  reminderOffsetsMinutes: [1440, 120],
  quietStart: null,
  quietEnd: null,
};

describe("a person's notification preferences", () => {
  it("refuses visitors who are not signed in", async () => {
    expect((await failure(as(anonymous).notificationPreferences.mine())).code).toBe("UNAUTHORIZED");
    expect((await failure(as(anonymous).notificationPreferences.update(choices))).code).toBe("UNAUTHORIZED");
  });

  it("reads the defaults until the person saves: email only, no quiet hours", async () => {
    const { user } = await createPatient(db.db, { user: { email: "defaults@example.test" }, profile: { phone: "+447700900001", timeZone: "Asia/Kolkata" } });
    expect(await as(asUser(user)).notificationPreferences.mine()).toEqual({
      emailEnabled: true,
      whatsappEnabled: false,
      smsEnabled: false,
      quietStart: null,
      quietEnd: null,
      isDefault: true,
      email: "defaults@example.test",
      phone: "+447700900001",
      timeZone: "Asia/Kolkata",
      whatsappOptedInAt: null,
      whatsappStoppedAt: null,
      smsStoppedAt: null,
    });
  });

  it("saves channels and quiet hours, records the WhatsApp opt-in for the profile phone with the time, and audits without the number", async () => {
    const phone = "+447700900002";
    const { user } = await createPatient(db.db, { profile: { phone } });
    const saved = await as(asUser(user)).notificationPreferences.update({ ...choices, whatsappEnabled: true, quietStart: "22:00", quietEnd: "07:00" });
    expect(saved).toMatchObject({ emailEnabled: true, whatsappEnabled: true, smsEnabled: false, quietStart: "22:00", quietEnd: "07:00", isDefault: false, whatsappOptedInAt: NOW });
    expect(await as(asUser(user)).notificationPreferences.mine()).toEqual(saved);

    const [row] = await db.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id));
    expect(row).toMatchObject({ emailEnabled: true, whatsappEnabled: true, smsEnabled: false, quietStartMinute: 1320, quietEndMinute: 420 });
    expect(await channelRow("WHATSAPP", phone)).toMatchObject({ optedInAt: NOW, optedOutAt: null });
    expect(await channelRow("SMS", phone)).toBeNull();

    const audits = await db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, user.id), eq(auditLog.action, "notification_preferences.updated")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBe(user.id);
    expect(JSON.stringify(audits[0]!.details)).not.toContain("7700900002");
  });

  it("keeps the first opt-in time when WhatsApp stays on, and turning it off leaves the consent record alone", async () => {
    const phone = "+447700900003";
    const { user } = await createPatient(db.db, { profile: { phone } });
    await as(asUser(user)).notificationPreferences.update({ ...choices, whatsappEnabled: true });
    await as(asUser(user), LATER).notificationPreferences.update({ ...choices, whatsappEnabled: true, quietStart: "12:00", quietEnd: "13:00" });
    expect(await channelRow("WHATSAPP", phone)).toMatchObject({ optedInAt: NOW, optedOutAt: null });

    const off = await as(asUser(user), LATER).notificationPreferences.update(choices);
    expect(off).toMatchObject({ whatsappEnabled: false, quietStart: null, quietEnd: null });
    expect(await channelRow("WHATSAPP", phone)).toMatchObject({ optedInAt: NOW });
  });

  it("lets email go only while another channel is on", async () => {
    const phone = "+447700900004";
    const { user } = await createPatient(db.db, { profile: { phone } });
    const refused = await failure(as(asUser(user)).notificationPreferences.update({ ...choices, emailEnabled: false }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.fieldErrors).toEqual({
      emailEnabled: ["emailEnabled can be off only while WhatsApp or SMS is on: reminders and changes to your bookings must reach you somehow"],
    });

    const sms = await as(asUser(user)).notificationPreferences.update({ ...choices, emailEnabled: false, smsEnabled: true });
    expect(sms).toMatchObject({ emailEnabled: false, smsEnabled: true });
    expect(await channelRow("SMS", phone)).toMatchObject({ optedInAt: NOW });
  });

  it("needs a phone on the profile for WhatsApp or SMS, and says which field is missing", async () => {
    const { user } = await createPatient(db.db, { profile: { phone: null } });
    const refused = await failure(as(asUser(user)).notificationPreferences.update({ ...choices, whatsappEnabled: true, smsEnabled: true }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION" });
    expect(refused.fieldErrors.whatsappEnabled).toEqual([
      "whatsappEnabled needs a mobile number, and the phone field of your patient profile is empty: add your mobile number to your profile first",
    ]);
    expect(refused.fieldErrors.smsEnabled?.[0]).toMatch(/^smsEnabled needs a mobile number, and the phone field of your patient profile is empty/);
    expect(refused.message).toMatch(/phone field of your patient profile is empty/);
    expect(await db.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id))).toEqual([]);
  });

  it("refuses a profile phone that is not a complete number", async () => {
    const { user } = await createPatient(db.db, { profile: { phone: "12345" } });
    const refused = await failure(as(asUser(user)).notificationPreferences.update({ ...choices, whatsappEnabled: true }));
    expect(refused.fieldErrors.whatsappEnabled?.[0]).toMatch(/the phone on your patient profile is not a complete mobile number/);
    expect(await channelRow("WHATSAPP", "12345")).toBeNull();
  });

  it("without a patient profile: email choices save, quiet hours need the profile's zone", async () => {
    const user = await createUser(db.db, { email: "no-profile@example.test" });
    expect(await as(asUser(user)).notificationPreferences.mine()).toMatchObject({ phone: null, timeZone: null, isDefault: true });
    const refused = await failure(as(asUser(user)).notificationPreferences.update({ ...choices, quietStart: "22:00", quietEnd: "07:00" }));
    expect(refused.fieldErrors).toEqual({
      quietStart: ["quietStart needs the time zone of your patient profile, where quiet hours are read, and you have no patient profile yet"],
    });
    expect(await as(asUser(user)).notificationPreferences.update(choices)).toMatchObject({ emailEnabled: true, isDefault: false });
  });

  it("names malformed fields", async () => {
    const { user } = await createPatient(db.db);
    const refused = await failure(
      as(asUser(user)).notificationPreferences.update({ ...choices, quietStart: "25:00", quietEnd: "07:00", smsEnabled: "no" as unknown as boolean }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.fieldErrors).toEqual({ quietStart: ["quietStart must be HH:MM (24-hour), like 22:00"], smsEnabled: ["smsEnabled must be true or false"] });
    expect((await failure(as(asUser(user)).notificationPreferences.update({ ...choices, quietStart: "07:00", quietEnd: "07:00" }))).fieldErrors).toEqual({
      quietEnd: ["quietEnd must differ from quietStart (for no quiet hours, clear both)"],
    });
  });

  it("shows WhatsApp as off after a STOP, falls back to email in what it shows, and turning it on again is a new opt-in", async () => {
    const phone = "+447700900005";
    const { user } = await createPatient(db.db, { profile: { phone } });
    await as(asUser(user)).notificationPreferences.update({ ...choices, emailEnabled: false, whatsappEnabled: true });
    const stoppedAt = new Date("2027-03-02T08:00:00Z");
    await db.db.update(contactChannels).set({ optedOutAt: stoppedAt }).where(and(eq(contactChannels.channel, "WHATSAPP"), eq(contactChannels.address, phone)));

    expect(await as(asUser(user)).notificationPreferences.mine()).toMatchObject({ whatsappEnabled: false, emailEnabled: true, whatsappStoppedAt: stoppedAt });

    const again = await as(asUser(user), LATER).notificationPreferences.update({ ...choices, emailEnabled: false, whatsappEnabled: true });
    expect(again).toMatchObject({ whatsappEnabled: true, emailEnabled: false, whatsappOptedInAt: LATER, whatsappStoppedAt: null });
    expect(await channelRow("WHATSAPP", phone)).toMatchObject({ optedInAt: LATER, optedOutAt: null });
  });

  it("will not turn SMS back on over a STOP the carrier enforces", async () => {
    const phone = "+447700900006";
    const { user } = await createPatient(db.db, { profile: { phone } });
    const stoppedAt = new Date("2027-02-20T08:00:00Z");
    await db.db.insert(contactChannels).values({ channel: "SMS", address: phone, optedInAt: new Date("2027-02-01T00:00:00Z"), optedOutAt: stoppedAt });

    expect(await as(asUser(user)).notificationPreferences.mine()).toMatchObject({ smsEnabled: false, smsStoppedAt: stoppedAt });
    const refused = await failure(as(asUser(user)).notificationPreferences.update({ ...choices, smsEnabled: true }));
    expect(refused.fieldErrors.smsEnabled?.[0]).toMatch(/^smsEnabled cannot be turned on here: your number replied STOP .* Reply START/);
    expect(await channelRow("SMS", phone)).toMatchObject({ optedOutAt: stoppedAt });
  });

  it("each person reads and changes only their own preferences", async () => {
    const { user: first } = await createPatient(db.db, { profile: { phone: "+447700900007" } });
    const { user: second } = await createPatient(db.db, { profile: { phone: "+447700900008" } });
    await as(asUser(first)).notificationPreferences.update({ ...choices, quietStart: "21:00", quietEnd: "06:00" });
    expect(await as(asUser(second)).notificationPreferences.mine()).toMatchObject({ quietStart: null, isDefault: true, phone: "+447700900008" });
  });
});

describe("a provider's notification settings", () => {
  it("refuses visitors, and signed-in people without a provider profile", async () => {
    expect((await failure(as(anonymous).notificationPreferences.provider())).code).toBe("UNAUTHORIZED");
    expect((await failure(as(anonymous).notificationPreferences.updateProvider(settings))).code).toBe("UNAUTHORIZED");
    const { user } = await createPatient(db.db);
    expect((await failure(as(asUser(user)).notificationPreferences.provider())).code).toBe("FORBIDDEN");
    expect((await failure(as(asUser(user)).notificationPreferences.updateProvider(settings))).code).toBe("FORBIDDEN");
  });

  it("reads the defaults: every notice by email, none by WhatsApp, reminders 24 h and 2 h before", async () => {
    const { user, provider } = await createProvider(db.db, { user: { email: "dr.defaults@example.test" }, provider: { timeZone: "Australia/Adelaide" } });
    expect(await as(asUser(user)).notificationPreferences.provider()).toEqual({
      emailNotices: ["requested", "confirmed", "cancelled", "rescheduled"],
      whatsappNotices: [],
      whatsappNumber: null,
      reminderOffsetsMinutes: [1440, 120],
      quietStart: null,
      quietEnd: null,
      isDefault: true,
      email: "dr.defaults@example.test",
      timeZone: "Australia/Adelaide",
      phoneCountry: "AU",
      whatsappStoppedAt: null,
      canEdit: true,
    });
    expect(provider.status).toBe("APPROVED");
  });

  it("saves notices, the WhatsApp number in E.164 (with its opt-in), reminder times and quiet hours, as the sender reads them", async () => {
    const { user, provider } = await createProvider(db.db);
    const saved = await as(asUser(user)).notificationPreferences.updateProvider({
      emailNotices: ["cancelled", "requested"],
      whatsappNotices: ["requested"],
      whatsappNumber: "07700 900123",
      phoneCountry: "GB",
      reminderOffsetsMinutes: [120, 10080, 30],
      quietStart: "20:00",
      quietEnd: "08:00",
    });
    expect(saved).toMatchObject({
      emailNotices: ["requested", "cancelled"],
      whatsappNotices: ["requested"],
      whatsappNumber: "+447700900123",
      reminderOffsetsMinutes: [10080, 120, 30],
      quietStart: "20:00",
      quietEnd: "08:00",
      isDefault: false,
    });
    expect(await as(asUser(user)).notificationPreferences.provider()).toEqual(saved);
    const [row] = await db.db.select().from(providerNotificationSettings).where(eq(providerNotificationSettings.providerId, provider.id));
    expect(row).toMatchObject({
      emailNotices: ["cancelled", "requested"],
      whatsappNotices: ["requested"],
      whatsappNumber: "+447700900123",
      reminderOffsetsMinutes: [10080, 120, 30],
      quietStartMinute: 1200,
      quietEndMinute: 480,
    });
    expect(await channelRow("WHATSAPP", "+447700900123")).toMatchObject({ optedInAt: NOW, optedOutAt: null });
    const [audit] = await db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, provider.id), eq(auditLog.action, "provider.notification_settings_updated")));
    expect(audit?.details).toMatchObject({ whatsappNumber: true, whatsappOptIn: true, reminderOffsetsMinutes: [10080, 120, 30] });
  });

  it("refuses a WhatsApp number that replied STOP: typing a number does not undo someone's STOP", async () => {
    const { user } = await createProvider(db.db);
    const stoppedAt = new Date("2027-02-01T00:00:00Z");
    await db.db.insert(contactChannels).values({ channel: "WHATSAPP", address: "+447700900555", optedInAt: new Date("2027-01-01T00:00:00Z"), optedOutAt: stoppedAt });
    const refused = await failure(as(asUser(user)).notificationPreferences.updateProvider({ ...settings, whatsappNotices: ["requested"], whatsappNumber: "+447700900555" }));
    expect(refused.appCode).toBe("VALIDATION");
    expect(refused.fieldErrors.whatsappNumber?.[0]).toMatch(/^whatsappNumber replied STOP/);
    expect(await channelRow("WHATSAPP", "+447700900555")).toMatchObject({ optedOutAt: stoppedAt });
  });

  it("turns off every notice and every reminder when asked", async () => {
    const { user } = await createProvider(db.db);
    expect(
      await as(asUser(user)).notificationPreferences.updateProvider({ ...settings, emailNotices: [], reminderOffsetsMinutes: [] }),
    ).toMatchObject({ emailNotices: [], whatsappNotices: [], reminderOffsetsMinutes: [] });
  });

  it("names each bad field", async () => {
    const { user } = await createProvider(db.db);
    const call = (input: Record<string, unknown>) =>
      failure(as(asUser(user)).notificationPreferences.updateProvider({ ...settings, ...input } as unknown as UpdateProviderNotificationSettingsInput));
    expect((await call({ whatsappNotices: ["confirmed"], phoneCountry: "GB" })).fieldErrors).toEqual({
      whatsappNumber: ["whatsappNumber is required for notices by WhatsApp: enter the mobile number that should get them, like 07400 123456 or +44 7400 123456"],
    });
    expect((await call({ whatsappNumber: "call me", phoneCountry: "GB" })).fieldErrors).toEqual({
      whatsappNumber: ["whatsappNumber does not look like a complete phone number: write it like 07400 123456 or +44 7400 123456"],
    });
    expect((await call({ reminderOffsetsMinutes: [10, 30] })).fieldErrors).toEqual({
      "reminderOffsetsMinutes.0": ["reminderOffsetsMinutes must each be at least 15 minutes before the start"],
    });
    expect((await call({ reminderOffsetsMinutes: [30, 60, 120, 1440, 2880] })).fieldErrors).toEqual({
      reminderOffsetsMinutes: ["reminderOffsetsMinutes can hold at most 4 reminder times"],
    });
    expect((await call({ reminderOffsetsMinutes: [30, 30] })).fieldErrors).toEqual({ reminderOffsetsMinutes: ["reminderOffsetsMinutes lists the same reminder time twice"] });
    expect((await call({ reminderOffsetsMinutes: [20_161] })).fieldErrors["reminderOffsetsMinutes.0"]?.[0]).toMatch(/at most 14 days/);
    expect((await call({ emailNotices: ["declined"] })).fieldErrors).toEqual({ "emailNotices.0": ["emailNotices may list only requested, confirmed, cancelled, rescheduled"] });
    expect((await call({ quietStart: "22:00" })).fieldErrors).toEqual({
      quietEnd: ["quietEnd is required when quietStart is set: give both times, or clear both for no quiet hours"],
    });
    expect((await call({ quietStart: "9:00", quietEnd: "17:00" })).fieldErrors).toEqual({ quietStart: ["quietStart must be HH:MM (24-hour), like 22:00"] });
  });

  it.each(["PENDING", "REJECTED", "SUSPENDED"] as const)("a %s provider can read but not change the settings", async (status) => {
    const { user, provider } = await createProvider(db.db, { provider: { status } });
    expect(await as(asUser(user)).notificationPreferences.provider()).toMatchObject({ canEdit: false, isDefault: true });
    const refused = await failure(as(asUser(user)).notificationPreferences.updateProvider({ ...settings, reminderOffsetsMinutes: [60] }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(await db.db.select().from(providerNotificationSettings).where(eq(providerNotificationSettings.providerId, provider.id))).toEqual([]);
  });

  it("reads WhatsApp notices as off after the number replied STOP; they can be chosen again only after START", async () => {
    const { user } = await createProvider(db.db);
    const number = "+447700900124";
    await as(asUser(user)).notificationPreferences.updateProvider({ ...settings, whatsappNotices: ["requested", "cancelled"], whatsappNumber: number });
    const stoppedAt = new Date("2027-03-03T07:00:00Z");
    await db.db.update(contactChannels).set({ optedOutAt: stoppedAt }).where(and(eq(contactChannels.channel, "WHATSAPP"), eq(contactChannels.address, number)));

    expect(await as(asUser(user)).notificationPreferences.provider()).toMatchObject({ whatsappNotices: [], whatsappNumber: number, whatsappStoppedAt: stoppedAt });

    const refused = await failure(as(asUser(user), LATER).notificationPreferences.updateProvider({ ...settings, whatsappNotices: ["cancelled"], whatsappNumber: number }));
    expect(refused.fieldErrors.whatsappNumber?.[0]).toMatch(/send START from it/);
    // START from the number (the inbound webhook) opts it back in; then the notices can be chosen.
    await db.db.update(contactChannels).set({ optedOutAt: null, optedInAt: LATER }).where(and(eq(contactChannels.channel, "WHATSAPP"), eq(contactChannels.address, number)));
    const again = await as(asUser(user), LATER).notificationPreferences.updateProvider({ ...settings, whatsappNotices: ["cancelled"], whatsappNumber: number });
    expect(again).toMatchObject({ whatsappNotices: ["cancelled"], whatsappStoppedAt: null });
  });

  it("a provider changes only their own settings, and keeps their own person preferences", async () => {
    const first = await createProvider(db.db);
    const second = await createProvider(db.db);
    await as(asUser(first.user)).notificationPreferences.updateProvider({ ...settings, reminderOffsetsMinutes: [60] });
    expect((await as(asUser(second.user)).notificationPreferences.provider()).reminderOffsetsMinutes).toEqual([1440, 120]);
    expect(await as(asUser(first.user)).notificationPreferences.mine()).toMatchObject({ isDefault: true, timeZone: null });
  });
});
