import { z } from "zod";
import { privateBlobs } from "@/server/integrations/blob/client";
import { adminProcedure, protectedProcedure, providerProcedure, router } from "@/server/trpc";
import { bookingNotificationsInput, deadNotificationsInput, notificationIdInput } from "../notification-log";
import { getPatientCardLink } from "./get-patient-card-link";
import { listBookingNotifications } from "./list-booking-notifications";
import { listDeadNotifications } from "./list-dead-notifications";
import { retryDeadNotification } from "./retry-dead-notification";

export const notificationsRouter = router({
  /** The booking's notification log: its provider or an admin. */
  forBooking: protectedProcedure
    .input(bookingNotificationsInput)
    .query(({ ctx, input }) =>
      listBookingNotifications({ db: ctx.db, bookingId: input.bookingId, viewer: { userId: ctx.session.user.id, isAdmin: ctx.session.user.role === "ADMIN" } }),
    ),
  patientCardLink: providerProcedure
    .input(z.object({ bookingId: z.uuid("bookingId must be a booking id") }))
    .mutation(({ ctx, input }) => getPatientCardLink({ db: ctx.db, bookingId: input.bookingId, providerUserId: ctx.session.user.id, blob: privateBlobs, now: ctx.now() })),
  deadLetters: adminProcedure
    .input(deadNotificationsInput)
    .query(({ ctx, input }) => listDeadNotifications({ db: ctx.db, limit: input.limit, before: input.before ?? null })),
  retryDeadLetter: adminProcedure
    .input(notificationIdInput)
    .mutation(({ ctx, input }) => retryDeadNotification({ db: ctx.db, notificationId: input.notificationId, adminUserId: ctx.session.user.id, now: ctx.now() })),
});
