import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { compactUuid, PROVIDER, startGoogleForTests, startReceiver, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { createGoogleCalendarIntegration, type GoogleCalendarIntegration } from "./client";
import { verifyCalendarNotification } from "./verify-webhook";

let h: GoogleHarness;
let google: GoogleCalendarIntegration;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const TOKEN = "c2VjcmV0LWNoYW5uZWwtdG9rZW4tMTI4Yml0cw";

beforeAll(async () => {
  h = await startGoogleForTests();
  google = createGoogleCalendarIntegration(h.config);
});
afterAll(() => h.close());
const channels: { channelId: string; resourceId: string }[] = [];
afterEach(async () => {
  for (const channel of channels.splice(0)) await google.stopChannel({ accessToken: h.accessToken, ...channel });
  await receiver?.close();
});

async function watch(ttlSeconds?: number) {
  const channel = await google.watchCalendar({
    accessToken: h.accessToken,
    calendarId: PROVIDER,
    channelId: crypto.randomUUID(),
    address: receiver.url,
    token: TOKEN,
    ttlSeconds,
  });
  channels.push({ channelId: channel.channelId, resourceId: channel.resourceId });
  return channel;
}

const touchCalendar = () =>
  h.emulator.createEvent(PROVIDER, {
    summary: "Owner change",
    start: { dateTime: "2031-01-01T10:00:00Z" },
    end: { dateTime: "2031-01-01T11:00:00Z" },
  });

describe("watchCalendar and push notifications", () => {
  it("sends sync (message 1) first, then a body-less exists notification with every header", async () => {
    receiver = await startReceiver();
    const channel = await watch(3600);
    await h.emulator.notificationsSettled();
    touchCalendar();
    touchCalendar();
    await h.emulator.notificationsSettled();

    expect(channel.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const verified = receiver.received.map((r) => verifyCalendarNotification(r.headers, TOKEN));
    const notifications = verified.map((v) => (v.ok ? v.notification : null));
    expect(notifications[0]).toMatchObject({ resourceState: "sync", messageNumber: 1, channelId: channel.channelId });
    expect(notifications.slice(1).map((n) => n?.resourceState)).toEqual(["exists", "exists"]);
    const numbers = notifications.map((n) => n!.messageNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(3);
    for (const { headers, body } of receiver.received) {
      expect(body).toBe("");
      expect(headers["x-goog-resource-id"]).toBe(channel.resourceId);
      expect(headers["x-goog-resource-uri"]).toContain("/calendar/v3/calendars/");
      expect(headers["x-goog-channel-expiration"]).toBe(channel.expiresAt.toUTCString());
    }
    expect(verifyCalendarNotification(receiver.received[1]!.headers, "another-token")).toEqual({ ok: false, reason: "TOKEN_MISMATCH" });
  });

  it("retries a notification the receiver answered with 500", async () => {
    receiver = await startReceiver();
    await watch();
    await h.emulator.notificationsSettled();
    receiver.script.push(500);
    touchCalendar();
    await h.emulator.notificationsSettled();
    const exists = receiver.received.filter((r) => r.headers["x-goog-resource-state"] === "exists");
    expect(exists).toHaveLength(2);
    expect(exists[0]!.headers["x-goog-message-number"]).toBe(exists[1]!.headers["x-goog-message-number"]);
  });

  it("stops notifying after channels.stop, and stopping twice is fine", async () => {
    receiver = await startReceiver();
    const channel = await watch();
    await h.emulator.notificationsSettled();
    await google.stopChannel({ accessToken: h.accessToken, channelId: channel.channelId, resourceId: channel.resourceId });
    touchCalendar();
    await h.emulator.notificationsSettled();
    expect(receiver.received.map((r) => r.headers["x-goog-resource-state"])).toEqual(["sync"]);
    await google.stopChannel({ accessToken: h.accessToken, channelId: channel.channelId, resourceId: channel.resourceId });
  });

  it("stops notifying once the channel expires by the clock", async () => {
    receiver = await startReceiver();
    await watch(60);
    await h.emulator.notificationsSettled();
    h.emulator.advanceTime(60_000);
    touchCalendar();
    await h.emulator.notificationsSettled();
    expect(receiver.received).toHaveLength(1);
  });

  it("can lose notifications (dropped by the control API), which reconciliation must cover", async () => {
    receiver = await startReceiver();
    await watch();
    await h.emulator.notificationsSettled();
    h.emulator.dropNextNotifications(1);
    touchCalendar();
    touchCalendar();
    await h.emulator.notificationsSettled();
    const numbers = receiver.received.map((r) => Number(r.headers["x-goog-message-number"]));
    expect(numbers).toEqual([1, 3]);
  });
});

describe("verifyCalendarNotification", () => {
  it("rejects notifications without Google's headers", () => {
    expect(verifyCalendarNotification(new Headers({ "x-goog-channel-token": TOKEN }), TOKEN)).toEqual({ ok: false, reason: "MALFORMED" });
  });

  it("reads Fetch Headers too", () => {
    const result = verifyCalendarNotification(
      new Headers({
        "x-goog-channel-id": compactUuid(),
        "x-goog-resource-id": "r1",
        "x-goog-resource-state": "exists",
        "x-goog-message-number": "7",
        "x-goog-channel-token": TOKEN,
      }),
      TOKEN,
    );
    expect(result).toMatchObject({ ok: true, notification: { messageNumber: 7, expiresAt: null } });
  });
});
