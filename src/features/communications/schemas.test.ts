import { describe, expect, it } from "vitest";
import { updateNotificationPreferencesInput, updateProviderNotificationSettingsInput } from "./schemas";

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (out[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return out;
}

const preferences = { emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: null, quietEnd: null };

describe("updateNotificationPreferencesInput", () => {
  it("turns HH:MM quiet hours into minutes after local midnight", () => {
    expect(updateNotificationPreferencesInput.parse({ ...preferences, quietStart: "22:00", quietEnd: "07:30" })).toEqual({
      emailEnabled: true,
      whatsappEnabled: false,
      smsEnabled: false,
      quiet: { startMinute: 1320, endMinute: 450 },
    });
    expect(updateNotificationPreferencesInput.parse(preferences).quiet).toBeNull();
  });

  it.each([
    ["7:00", "quietStart must be HH:MM (24-hour), like 22:00"],
    ["24:00", "quietStart must be HH:MM (24-hour), like 22:00"],
    ["22:00:00", "quietStart must be HH:MM (24-hour), like 22:00"],
    ["10pm", "quietStart must be HH:MM (24-hour), like 22:00"],
  ])("refuses quietStart %j", (quietStart, message) => {
    expect(fieldErrors(updateNotificationPreferencesInput.safeParse({ ...preferences, quietStart, quietEnd: "07:00" }))).toEqual({ quietStart: [message] });
  });

  it("wants both times or neither", () => {
    expect(fieldErrors(updateNotificationPreferencesInput.safeParse({ ...preferences, quietStart: "22:00" }))).toEqual({
      quietEnd: ["quietEnd is required when quietStart is set: give both times, or clear both for no quiet hours"],
    });
    expect(fieldErrors(updateNotificationPreferencesInput.safeParse({ ...preferences, quietEnd: "07:00" }))).toEqual({
      quietStart: ["quietStart is required when quietEnd is set: give both times, or clear both for no quiet hours"],
    });
  });

  it("refuses a start equal to the end", () => {
    expect(fieldErrors(updateNotificationPreferencesInput.safeParse({ ...preferences, quietStart: "22:00", quietEnd: "22:00" }))).toEqual({
      quietEnd: ["quietEnd must differ from quietStart (for no quiet hours, clear both)"],
    });
  });

  it("keeps email on unless another channel is on", () => {
    expect(fieldErrors(updateNotificationPreferencesInput.safeParse({ ...preferences, emailEnabled: false }))).toEqual({
      emailEnabled: ["emailEnabled can be off only while WhatsApp or SMS is on: reminders and changes to your bookings must reach you somehow"],
    });
    expect(updateNotificationPreferencesInput.safeParse({ ...preferences, emailEnabled: false, whatsappEnabled: true }).success).toBe(true);
    expect(updateNotificationPreferencesInput.safeParse({ ...preferences, emailEnabled: false, smsEnabled: true }).success).toBe(true);
  });

  it("names a flag that is not a boolean", () => {
    expect(fieldErrors(updateNotificationPreferencesInput.safeParse({ ...preferences, smsEnabled: "yes" }))).toEqual({
      smsEnabled: ["smsEnabled must be true or false"],
    });
  });
});

const settings = {
  emailNotices: ["requested", "cancelled"],
  whatsappNotices: [],
  whatsappNumber: null,
  reminderOffsetsMinutes: [120, 1440],
  quietStart: null,
  quietEnd: null,
};

describe("updateProviderNotificationSettingsInput", () => {
  it("sorts reminders earliest first and reads quiet hours", () => {
    expect(updateProviderNotificationSettingsInput.parse({ ...settings, reminderOffsetsMinutes: [30, 10080, 1440], quietStart: "12:30", quietEnd: "13:30" })).toEqual({
      emailNotices: ["requested", "cancelled"],
      whatsappNotices: [],
      whatsappNumber: null,
      reminderOffsetsMinutes: [10080, 1440, 30],
      quiet: { startMinute: 750, endMinute: 810 },
    });
  });

  it("allows no reminders at all", () => {
    expect(updateProviderNotificationSettingsInput.parse({ ...settings, reminderOffsetsMinutes: [] }).reminderOffsetsMinutes).toEqual([]);
  });

  it("bounds reminder times: 15 minutes to 14 days, at most 4, no repeats, whole minutes", () => {
    const errors = (reminderOffsetsMinutes: unknown) =>
      fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, reminderOffsetsMinutes }));
    expect(errors([14])).toEqual({ "reminderOffsetsMinutes.0": ["reminderOffsetsMinutes must each be at least 15 minutes before the start"] });
    expect(errors([15, 20_160])).toEqual({});
    expect(errors([1440, 20_161])).toEqual({
      "reminderOffsetsMinutes.1": ["reminderOffsetsMinutes must each be at most 14 days (20,160 minutes) before the start"],
    });
    expect(errors([60.5])).toEqual({ "reminderOffsetsMinutes.0": ["reminderOffsetsMinutes must be whole minutes"] });
    expect(errors([30, 60, 120, 1440, 2880])).toEqual({ reminderOffsetsMinutes: ["reminderOffsetsMinutes can hold at most 4 reminder times"] });
    expect(errors([120, 120])).toEqual({ reminderOffsetsMinutes: ["reminderOffsetsMinutes lists the same reminder time twice"] });
    expect(errors(["24h"])).toEqual({ "reminderOffsetsMinutes.0": ["reminderOffsetsMinutes must be numbers of minutes before the start"] });
  });

  it("accepts only the four notices, once each", () => {
    expect(fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, emailNotices: ["requested", "declined"] }))).toEqual({
      "emailNotices.1": ["emailNotices may list only requested, confirmed, cancelled, rescheduled"],
    });
    expect(fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, emailNotices: ["confirmed", "confirmed"] }))).toEqual({
      emailNotices: ["emailNotices lists a notice twice"],
    });
  });

  it("stores the WhatsApp number in E.164, reading a national number in phoneCountry", () => {
    const parsed = updateProviderNotificationSettingsInput.parse({ ...settings, whatsappNotices: ["requested"], whatsappNumber: "07700 900123", phoneCountry: "GB" });
    expect(parsed.whatsappNumber).toBe("+447700900123");
    expect(updateProviderNotificationSettingsInput.parse({ ...settings, whatsappNumber: " +91 98765 43210 " }).whatsappNumber).toBe("+919876543210");
    expect(updateProviderNotificationSettingsInput.parse({ ...settings, whatsappNumber: "" }).whatsappNumber).toBeNull();
  });

  it("needs a number for notices by WhatsApp, and a complete one", () => {
    expect(fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, whatsappNotices: ["confirmed"], phoneCountry: "GB" }))).toEqual({
      whatsappNumber: ["whatsappNumber is required for notices by WhatsApp: enter the mobile number that should get them, like 07400 123456 or +44 7400 123456"],
    });
    expect(fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, whatsappNumber: "12345", phoneCountry: "GB" }))).toEqual({
      whatsappNumber: ["whatsappNumber does not look like a complete phone number: write it like 07400 123456 or +44 7400 123456"],
    });
    expect(fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, whatsappNumber: "+44 7700 900123", phoneCountry: "gb" }))).toEqual({
      phoneCountry: ["phoneCountry must be a two-letter region code such as GB or US"],
    });
  });

  it("reports every bad field at once", () => {
    expect(
      fieldErrors(
        updateProviderNotificationSettingsInput.safeParse({
          ...settings,
          whatsappNotices: ["requested"],
          reminderOffsetsMinutes: [30, 60, 120, 1440, 2880],
          quietStart: "22:00",
          quietEnd: null,
          phoneCountry: "GB",
        }),
      ),
    ).toEqual({
      reminderOffsetsMinutes: ["reminderOffsetsMinutes can hold at most 4 reminder times"],
      whatsappNumber: ["whatsappNumber is required for notices by WhatsApp: enter the mobile number that should get them, like 07400 123456 or +44 7400 123456"],
      quietEnd: ["quietEnd is required when quietStart is set: give both times, or clear both for no quiet hours"],
    });
  });

  it("applies the same quiet-hours rules as a person's", () => {
    expect(fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, quietStart: "08:00", quietEnd: "08:00" }))).toEqual({
      quietEnd: ["quietEnd must differ from quietStart (for no quiet hours, clear both)"],
    });
    expect(fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, quietStart: "8:00", quietEnd: null }))).toEqual({
      quietStart: ["quietStart must be HH:MM (24-hour), like 22:00"],
      quietEnd: ["quietEnd is required when quietStart is set: give both times, or clear both for no quiet hours"],
    });
    // A malformed time with its partner given is one message, not a crash in the conversion to minutes.
    expect(fieldErrors(updateProviderNotificationSettingsInput.safeParse({ ...settings, quietStart: "8:00", quietEnd: "09:00" }))).toEqual({
      quietStart: ["quietStart must be HH:MM (24-hour), like 22:00"],
    });
    expect(fieldErrors(updateNotificationPreferencesInput.safeParse({ ...preferences, quietStart: "22:00", quietEnd: "7am" }))).toEqual({
      quietEnd: ["quietEnd must be HH:MM (24-hour), like 22:00"],
    });
  });
});
