import { doublePrecision, index, pgTable, primaryKey, text, uuid, check } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { id, instant, timestamps } from "./columns";
import { users } from "./auth";
import { membershipRole, providerOrganizationStatus, verificationStatus } from "./enums";
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
    ...timestamps(),
  },
  (t) => [
    index("locations_org_idx").on(t.organizationId),
    // Search near a point narrows locations to a latitude/longitude box before the exact distance.
    index("locations_latitude_longitude_idx").on(t.latitude, t.longitude),
    check("locations_latitude_range", sql`${t.latitude} BETWEEN -90 AND 90`),
    check("locations_longitude_range", sql`${t.longitude} BETWEEN -180 AND 180`),
  ],
);
