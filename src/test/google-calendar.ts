import { createGoogleCalendarIntegration, type GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { startGoogleForTests, type GoogleHarness } from "../../local-cloud/google/test-helpers";
import { createTestDatabase, type TestDatabase } from "./db";

export interface CalendarTestbed {
  db: TestDatabase;
  /** The Google emulator with one provider account and its tokens. */
  h: GoogleHarness;
  /** The app's Google integration pointed at it (the real SDK clients). */
  google: GoogleCalendarIntegration;
  close(): Promise<void>;
}

/** A fresh test database and the Google emulator, for calendar-sync tests. */
export async function startCalendarTestbed(): Promise<CalendarTestbed> {
  const db = await createTestDatabase();
  const h = await startGoogleForTests();
  return {
    db,
    h,
    google: createGoogleCalendarIntegration(h.config),
    async close() {
      await h.close();
      await db.drop();
    },
  };
}
