import { adminRouter } from "@/features/admin/server";
import { authRouter } from "@/features/auth/server";
import { availabilityRouter } from "@/features/availability/server";
import { bookingsRouter } from "@/features/bookings/server";
import { calendarEditsRouter, calendarSyncRouter } from "@/features/calendar-sync/server";
import { notificationPreferencesRouter, notificationsRouter } from "@/features/communications/server";
import { onboardingRouter, providerDocumentsRouter } from "@/features/onboarding/server";
import { organizationsRouter } from "@/features/organizations/server";
import { privacyRouter } from "@/features/privacy/server";
import { providersRouter } from "@/features/providers/server";
import { placesRouter, searchRouter } from "@/features/search/server";
import { checkDatabaseHealth } from "@/server/db/health";
import { createCallerFactory, publicProcedure, router } from "@/server/trpc";

/** Composition root: every feature router is mounted here and nowhere else. */
export const appRouter = router({
  health: publicProcedure.query(({ ctx }) => checkDatabaseHealth(ctx.db)),
  auth: authRouter,
  providers: providersRouter,
  organizations: organizationsRouter,
  availability: availabilityRouter,
  search: searchRouter,
  places: placesRouter,
  bookings: bookingsRouter,
  calendarEdits: calendarEditsRouter,
  calendarSync: calendarSyncRouter,
  notificationPreferences: notificationPreferencesRouter,
  notifications: notificationsRouter,
  onboarding: onboardingRouter,
  providerDocuments: providerDocumentsRouter,
  privacy: privacyRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
