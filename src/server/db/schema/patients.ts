import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { users } from "./auth";

export const patientProfiles = pgTable("patient_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  fullName: text("full_name").notNull(),
  phone: text("phone"),
  preferredLanguage: text("preferred_language").notNull().default("en"),
  timeZone: text("time_zone").notNull(),
  ...timestamps(),
});
