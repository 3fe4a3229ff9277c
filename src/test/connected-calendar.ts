import { storeConnectionTokens } from "@/features/calendar-sync/server";
import type { TokenCipher } from "@/server/auth/token-crypto";
import type { DbExecutor } from "@/server/db/client";
import { calendarConnections, connectedCalendars } from "@/server/db/schema";
import { CALENDAR_SCOPE, CLIENT_ID, PROVIDER, type GoogleHarness } from "../../local-cloud/google/test-helpers";
import { createProvider } from "./factories";

export interface ConnectedTestCalendar {
  providerId: string;
  connectionId: string;
  calendarId: string;
  /** The tokens the emulator issued for this connection (stored encrypted with the given cipher). */
  tokens: { accessToken: string; refreshToken: string };
}

/**
 * A new provider whose Google account (the emulator's calendar owner) is connected as the connect
 * flow leaves it: fresh tokens stored encrypted, and the account's calendar blocking availability.
 */
export async function connectTestCalendar(
  db: DbExecutor,
  h: GoogleHarness,
  cipher: TokenCipher,
  options: { accessTokenExpiresAt?: Date; blocksAvailability?: boolean; receivesBookings?: boolean; timeZone?: string } = {},
): Promise<ConnectedTestCalendar> {
  const { provider } = await createProvider(db);
  const issued = h.emulator.issueTokens({ clientId: CLIENT_ID, email: PROVIDER, scopes: ["openid", "email", CALENDAR_SCOPE], offline: true });
  const [connection] = await db.insert(calendarConnections).values({ providerId: provider.id, googleSubject: `sub-${provider.id}`, googleEmail: PROVIDER }).returning();
  await storeConnectionTokens(db, cipher, connection!.id, {
    accessToken: issued.accessToken,
    expiresAt: options.accessTokenExpiresAt ?? new Date(Date.now() + 3_600_000),
    refreshToken: issued.refreshToken,
    scopes: [CALENDAR_SCOPE],
  });
  const [calendar] = await db
    .insert(connectedCalendars)
    .values({
      connectionId: connection!.id,
      googleCalendarId: PROVIDER,
      name: "Ada",
      timeZone: options.timeZone ?? "Europe/Berlin",
      blocksAvailability: options.blocksAvailability ?? true,
      receivesBookings: options.receivesBookings ?? false,
    })
    .returning();
  return { providerId: provider.id, connectionId: connection!.id, calendarId: calendar!.id, tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken! } };
}

/** Empties the emulator's shared calendar, so each test starts from nothing. */
export function clearEmulatorCalendar(h: GoogleHarness): void {
  for (const event of h.emulator.snapshot().calendars.find((calendar) => calendar.id === PROVIDER)?.events ?? []) {
    if (event.status !== "cancelled") h.emulator.deleteEvent(PROVIDER, String(event.id));
  }
}
