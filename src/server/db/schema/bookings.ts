import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { users } from "./auth";
import { bookingMode, bookingStatus } from "./enums";
import { locations } from "./organizations";
import { providers, services } from "./providers";

/**
 * Every reference from a booking is ON DELETE RESTRICT: a booking is a medical and financial
 * record, so deleting its provider, service, location or patient must be an explicit use case
 * (cancel, anonymise) rather than a silent cascade or orphan.
 */
export const bookings = pgTable(
  "bookings",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "restrict" }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "restrict" }),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "restrict" }),
    mode: bookingMode("mode").notNull(),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    status: bookingStatus("status").notNull(),
    patientUserId: uuid("patient_user_id").references(() => users.id, { onDelete: "restrict" }),
    guestName: text("guest_name"),
    guestEmail: text("guest_email"),
    guestPhone: text("guest_phone"),
    notes: text("notes").notNull().default(""),
    ...timestamps(),
  },
  (t) => [
    index("bookings_provider_starts_idx").on(t.providerId, t.startsAt),
    index("bookings_patient_idx").on(t.patientUserId),
    check("bookings_ends_after_starts", sql`${t.endsAt} > ${t.startsAt}`),
    check(
      "bookings_has_patient",
      sql`${t.patientUserId} IS NOT NULL OR (${t.guestEmail} IS NOT NULL AND ${t.guestName} IS NOT NULL)`,
    ),
    check(
      "bookings_location_matches_mode",
      sql`(${t.mode} = 'IN_PERSON') = (${t.locationId} IS NOT NULL)`,
    ),
  ],
);
