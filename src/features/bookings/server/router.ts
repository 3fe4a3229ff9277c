import {
  approvedProviderProcedure,
  byContactEmail,
  byContactPhone,
  protectedProcedure,
  providerProcedure,
  publicProcedure,
  rateLimited,
  router,
  type TRPCContext,
} from "@/server/trpc";
import {
  bookingIdInput,
  cancelAsProviderInput,
  cancelManagedInput,
  cancelMyBookingInput,
  confirmBookingInput,
  decideBookingInput,
  holdSlotInput,
  manageTokenInput,
  markOutcomeInput,
  myBookingsInput,
  providerBookingsInput,
  releaseHoldInput,
  requestContactCodeInput,
  rescheduleManagedInput,
  verifyContactCodeInput,
} from "../schemas";
import { cancelBookingAsPatient } from "./cancel-booking-as-patient";
import { confirmBooking } from "./confirm-booking";
import { getManagedBooking } from "./get-managed-booking";
import { holdSlot } from "./hold-slot";
import { listMyBookings } from "./list-my-bookings";
import { listProviderBookings } from "./list-provider-bookings";
import { cancelBookingAsProvider, decideBooking, markBookingOutcome } from "./provider-booking-actions";
import { releaseHold } from "./release-hold";
import { requestContactVerification } from "./request-contact-verification";
import { rescheduleBookingAsPatient } from "./reschedule-booking-as-patient";
import { verifyContactCode } from "./verify-contact-code";
import { affectedBookingsRouter } from "./affected-bookings-router";
import { organizationCalendarRouter } from "./organization-calendar-router";
import { phoneBookingsRouter } from "./phone-bookings-router";

/** Codes count against the address they go to: the email for EMAIL, the phone for SMS. */
const byCodeAddress = (input: { channel: "EMAIL" | "SMS"; contact?: { email: string; phone: string } }, ctx: TRPCContext) =>
  input.channel === "EMAIL" ? byContactEmail(input, ctx) : byContactPhone(input, ctx);

export const bookingsRouter = router({
  hold: publicProcedure.use(rateLimited("hold:client")).input(holdSlotInput).mutation(({ ctx, input }) => holdSlot({ db: ctx.db, input, clientAddress: ctx.request.ipAddress, now: ctx.now() })),
  releaseHold: publicProcedure
    .use(rateLimited("release:client"))
    .input(releaseHoldInput)
    .mutation(({ ctx, input }) => releaseHold({ db: ctx.db, holdId: input.holdId, holdToken: input.holdToken, now: ctx.now() })),
  requestContactCode: publicProcedure
    .use(rateLimited("contact-code:client"))
    .input(requestContactCodeInput)
    .use(rateLimited("contact-code:address", byCodeAddress))
    .mutation(({ ctx, input }) => requestContactVerification({ db: ctx.db, input, userId: ctx.session?.user.id ?? null, now: ctx.now() })),
  verifyContactCode: publicProcedure
    .use(rateLimited("contact-code-check:client"))
    .input(verifyContactCodeInput)
    .mutation(({ ctx, input }) => verifyContactCode({ db: ctx.db, input, now: ctx.now() })),
  confirm: publicProcedure
    .use(rateLimited("confirm:client"))
    .input(confirmBookingInput)
    .use(rateLimited("confirm:email", byContactEmail))
    .use(rateLimited("confirm:phone", byContactPhone))
    .mutation(({ ctx, input }) =>
      confirmBooking({ db: ctx.db, input, userId: ctx.session?.user.id ?? null, now: ctx.now(), ipAddress: ctx.request.ipAddress }),
    ),

  managed: publicProcedure
    .use(rateLimited("manage:client"))
    .input(manageTokenInput)
    .query(({ ctx, input }) => getManagedBooking({ db: ctx.db, token: input.token, now: ctx.now() })),
  cancelManaged: publicProcedure
    .use(rateLimited("manage:client"))
    .input(cancelManagedInput)
    .mutation(({ ctx, input }) =>
      cancelBookingAsPatient({ db: ctx.db, access: { kind: "token", token: input.token }, reason: input.reason, now: ctx.now() }),
    ),
  rescheduleManaged: publicProcedure
    .use(rateLimited("manage:client"))
    .input(rescheduleManagedInput)
    .mutation(({ ctx, input }) =>
      rescheduleBookingAsPatient({
        db: ctx.db,
        access: { kind: "token", token: input.token },
        target: { startsAt: input.startsAt, mode: input.mode, locationId: input.locationId },
        now: ctx.now(),
      }),
    ),

  mine: protectedProcedure
    .input(myBookingsInput)
    .query(({ ctx, input }) => listMyBookings({ db: ctx.db, userId: ctx.session.user.id, ...input, now: ctx.now() })),
  cancelMine: protectedProcedure
    .input(cancelMyBookingInput)
    .mutation(({ ctx, input }) =>
      cancelBookingAsPatient({
        db: ctx.db,
        access: { kind: "account", userId: ctx.session.user.id, bookingId: input.bookingId },
        reason: input.reason,
        now: ctx.now(),
      }),
    ),
  rescheduleMine: protectedProcedure
    .input(bookingIdInput.extend(rescheduleManagedInput.omit({ token: true }).shape))
    .mutation(({ ctx, input }) =>
      rescheduleBookingAsPatient({
        db: ctx.db,
        access: { kind: "account", userId: ctx.session.user.id, bookingId: input.bookingId },
        target: { startsAt: input.startsAt, mode: input.mode, locationId: input.locationId },
        now: ctx.now(),
      }),
    ),

  providerList: providerProcedure
    .input(providerBookingsInput)
    .query(({ ctx, input }) => listProviderBookings({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, origin: ctx.request, filter: input })),
  decide: approvedProviderProcedure.input(decideBookingInput).mutation(({ ctx, input }) =>
    decideBooking({
      db: ctx.db,
      provider: ctx.provider,
      actorUserId: ctx.session.user.id,
      bookingId: input.bookingId,
      decision: input.decision,
      reason: input.reason,
      now: ctx.now(),
    }),
  ),
  cancelAsProvider: approvedProviderProcedure.input(cancelAsProviderInput).mutation(({ ctx, input }) =>
    cancelBookingAsProvider({
      db: ctx.db,
      provider: ctx.provider,
      actorUserId: ctx.session.user.id,
      bookingId: input.bookingId,
      reason: input.reason,
      now: ctx.now(),
    }),
  ),
  markOutcome: approvedProviderProcedure.input(markOutcomeInput).mutation(({ ctx, input }) =>
    markBookingOutcome({
      db: ctx.db,
      provider: ctx.provider,
      actorUserId: ctx.session.user.id,
      bookingId: input.bookingId,
      outcome: input.outcome,
      now: ctx.now(),
    }),
  ),
  organizationCalendar: organizationCalendarRouter,
  phone: phoneBookingsRouter,
  affected: affectedBookingsRouter,
});
