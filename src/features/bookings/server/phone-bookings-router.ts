import { byContactEmail, byContactPhone, organizationProcedure, rateLimited, router, type TRPCContext } from "@/server/trpc";
import { confirmPhoneBookingInput, holdPhoneSlotInput, requestPhoneContactCodeInput } from "../phone-booking-schemas";
import { confirmPhoneBooking } from "./confirm-phone-booking";
import { holdPhoneSlot } from "./hold-phone-slot";
import { listPhoneBookingOptions } from "./list-phone-booking-options";
import { requestPhoneContactCode } from "./request-phone-contact-code";

/** Counted per staff member, never per address: everyone in a practice books from the same office IP. */
const byStaffUser = (_input: unknown, ctx: TRPCContext) => (ctx.session ? `user:${ctx.session.user.id}` : null);

/** Codes count against the address they go to, as online: the email for EMAIL, the phone for SMS. */
const byCodeAddress = (input: { channel: "EMAIL" | "SMS"; contact: { email: string; phone: string | null } }, ctx: TRPCContext) =>
  input.channel === "EMAIL" ? byContactEmail(input, ctx) : byContactPhone(input, ctx);

/** Staff book for a patient on the phone through the same rules as online bookings. */
export const phoneBookingsRouter = router({
  options: organizationProcedure("STAFF").query(({ ctx }) => listPhoneBookingOptions({ db: ctx.db, organizationId: ctx.membership.organizationId })),
  hold: organizationProcedure("STAFF")
    .use(rateLimited("phone-hold:staff", byStaffUser))
    .input(holdPhoneSlotInput)
    .mutation(({ ctx, input }) =>
      holdPhoneSlot({ db: ctx.db, organizationId: ctx.membership.organizationId, staffUserId: ctx.session.user.id, input, now: ctx.now() }),
    ),
  requestCode: organizationProcedure("STAFF")
    .use(rateLimited("phone-code:staff", byStaffUser))
    .input(requestPhoneContactCodeInput)
    .use(rateLimited("contact-code:address", byCodeAddress))
    .mutation(({ ctx, input }) => requestPhoneContactCode({ db: ctx.db, organizationId: ctx.membership.organizationId, input, now: ctx.now() })),
  confirm: organizationProcedure("STAFF")
    .use(rateLimited("phone-confirm:staff", byStaffUser))
    .input(confirmPhoneBookingInput)
    .use(rateLimited("confirm:email", byContactEmail))
    .use(rateLimited("confirm:phone", byContactPhone))
    .mutation(({ ctx, input }) =>
      confirmPhoneBooking({ db: ctx.db, organizationId: ctx.membership.organizationId, staffUserId: ctx.session.user.id, input, now: ctx.now() }),
    ),
});
