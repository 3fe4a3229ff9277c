import { boolean, check, date, doublePrecision, index, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { id, instant, timestamps } from "./columns";
import { users } from "./auth";
import { closureSource, membershipRole, providerOrganizationStatus, verificationStatus } from "./enums";
import { providers } from "./providers";

export const organizations = pgTable("organizations", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  status: verificationStatus("status").notNull().default("PENDING"),
  ...timestamps(),
});

export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const providerOrganizations = pgTable(
  "provider_organizations",
  {
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    status: providerOrganizationStatus("status").notNull().default("INVITED"),
    joinedAt: instant("joined_at"),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** When the provider accepted or declined, or either side ended the link. */
    respondedAt: instant("responded_at"),
    endedAt: instant("ended_at"),
    /** The provider lets the organization's managers edit their schedule at its locations. */
    allowsScheduleEdits: boolean("allows_schedule_edits").notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.providerId, t.organizationId] }),
    index("provider_organizations_org_idx").on(t.organizationId),
  ],
);

export const locations = pgTable(
  "locations",
  {
    id: id(),
    // Bookings point at locations; an organization with booked locations cannot be deleted
    // by accident, the restrict on bookings.location_id stops the cascade.
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    formattedAddress: text("formatted_address").notNull(),
    googlePlaceId: text("google_place_id"),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
    timeZone: text("time_zone").notNull(),
    /** ISO 3166-1 alpha-2 (e.g. "PT") and ISO 3166-2 subdivision (e.g. "PT-11"): which public holidays apply. */
    countryCode: text("country_code"),
    regionCode: text("region_code"),
    phone: text("phone"),
    website: text("website"),
    /** Weekly opening hours in the location's zone, from Google place details or typed in. */
    openingHours: jsonb("opening_hours").$type<OpeningHoursInterval[]>().notNull().default([]),
    ...timestamps(),
  },
  (t) => [
    index("locations_org_idx").on(t.organizationId),
    // Search near a point narrows locations to a latitude/longitude box before the exact distance.
    index("locations_latitude_longitude_idx").on(t.latitude, t.longitude),
    check("locations_latitude_range", sql`${t.latitude} BETWEEN -90 AND 90`),
    check("locations_longitude_range", sql`${t.longitude} BETWEEN -180 AND 180`),
    check("locations_country_code", sql`${t.countryCode} IS NULL OR ${t.countryCode} ~ '^[A-Z]{2}$'`),
  ],
);

/** One opening interval: ISO weekday 1 (Monday) to 7, minutes after local midnight. */
export interface OpeningHoursInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/**
 * An invitation to join an organization in a role, sent by email. Only the SHA-256 of the
 * token is stored; the link carries the token. An invitation is open until it is accepted,
 * revoked or expires; at most one is open per organization and email.
 */
export const organizationInvitations = pgTable(
  "organization_invitations",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Lower-cased. */
    email: text("email").notNull(),
    role: membershipRole("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: instant("expires_at").notNull(),
    sentCount: smallint("sent_count").notNull().default(1),
    lastSentAt: instant("last_sent_at").notNull().defaultNow(),
    acceptedAt: instant("accepted_at"),
    acceptedByUserId: uuid("accepted_by_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: instant("revoked_at"),
    ...timestamps(),
  },
  (t) => [
    index("organization_invitations_org_idx").on(t.organizationId),
    uniqueIndex("organization_invitations_open_key")
      .on(t.organizationId, t.email)
      .where(sql`${t.acceptedAt} IS NULL AND ${t.revokedAt} IS NULL`),
    check("organization_invitations_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * A range of local dates (in the location's zone) when a location is closed: no in-person
 * slots there. Public holidays from the bundled dataset are rows too, once the organization
 * has decided: accepted ones close the location, rejected ones are kept so they are not
 * offered again.
 */
export const locationClosures = pgTable(
  "location_closures",
  {
    id: id(),
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    name: text("name").notNull(),
    source: closureSource("source").notNull(),
    accepted: boolean("accepted").notNull().default(true),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    index("location_closures_location_idx").on(t.locationId, t.startDate),
    uniqueIndex("location_closures_holiday_key")
      .on(t.locationId, t.startDate)
      .where(sql`${t.source} = 'PUBLIC_HOLIDAY'`),
    check("location_closures_dates", sql`${t.startDate} <= ${t.endDate}`),
    check("location_closures_manual_accepted", sql`${t.source} = 'PUBLIC_HOLIDAY' OR ${t.accepted}`),
  ],
);
