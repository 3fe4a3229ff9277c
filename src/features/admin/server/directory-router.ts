import { adminProcedure, router } from "@/server/trpc";
import { adminBookingInput, adminPatientInput, searchBookingsInput, searchPatientsInput, searchProvidersInput } from "../directory-schemas";
import { getBookingRecord } from "./directory/get-booking-record";
import { getPatientRecord } from "./directory/get-patient-record";
import { searchBookings } from "./directory/search-bookings";
import { searchPatients } from "./directory/search-patients";
import { searchProviders } from "./directory/search-providers";

/** Finding any booking, provider or patient (reads of patient records are audited). */
export const adminDirectoryRouter = router({
  searchBookings: adminProcedure.input(searchBookingsInput).query(({ ctx, input }) => searchBookings({ db: ctx.db, input })),
  booking: adminProcedure
    .input(adminBookingInput)
    .query(({ ctx, input }) => getBookingRecord({ db: ctx.db, bookingId: input.bookingId, actorUserId: ctx.session.user.id, origin: ctx.request })),
  searchProviders: adminProcedure.input(searchProvidersInput).query(({ ctx, input }) => searchProviders({ db: ctx.db, input })),
  searchPatients: adminProcedure.input(searchPatientsInput).query(({ ctx, input }) => searchPatients({ db: ctx.db, input })),
  patient: adminProcedure
    .input(adminPatientInput)
    .query(({ ctx, input }) => getPatientRecord({ db: ctx.db, userId: input.userId, actorUserId: ctx.session.user.id, origin: ctx.request })),
});
