import { z } from "zod";
import type { DbExecutor } from "@/server/db/client";
import type { searchBookingsInput } from "../../directory-schemas";
import type { BookingSearchRow, Page } from "../../directory-types";
import { searchBookingRows } from "./directory-repository";
import { patientSummary } from "./directory-dtos";
import { decodeCursor, encodeCursor, instantKey } from "./page-cursor";

export interface SearchBookingsOptions {
  db: DbExecutor;
  input: z.output<typeof searchBookingsInput>;
}

const bookingCursor = z.object({ at: instantKey, id: z.uuid() });

/**
 * Any booking, latest start first: by its id, the patient's name, email or phone (what they typed
 * and their account), or the provider's name. Holds are left out unless asked for by status.
 * Patients' emails are masked: the full record is an audited read.
 */
export async function searchBookings({ db, input }: SearchBookingsOptions): Promise<Page<BookingSearchRow>> {
  const after = decodeCursor(input.cursor, bookingCursor);
  const rows = await searchBookingRows(db, { ...input, after, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      status: row.status,
      provider: { id: row.providerId, name: row.providerName, timeZone: row.providerTimeZone },
      serviceName: row.serviceName,
      patient: patientSummary(row),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.startsAtKey, id: last.id }) : null,
  };
}
