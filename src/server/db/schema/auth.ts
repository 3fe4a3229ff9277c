import { sql } from "drizzle-orm";
import { integer, primaryKey, text, uniqueIndex, pgTable, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { platformRole } from "./enums";

export const users = pgTable(
  "users",
  {
    id: id(),
    name: text("name"),
    email: text("email").notNull(),
    emailVerified: instant("email_verified"),
    image: text("image"),
    role: platformRole("role").notNull().default("USER"),
    /** Set when the person's personal data was erased (GDPR): the row stays, pseudonymised. */
    erasedAt: instant("erased_at"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

/**
 * OAuth accounts linked by next-auth. Token columns hold AES-256-GCM ciphertext
 * (see server/auth/token-crypto.ts), never the raw tokens.
 */
export const accounts = pgTable(
  "accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refreshToken: text("refresh_token"),
    accessToken: text("access_token"),
    expiresAt: integer("expires_at"),
    tokenType: text("token_type"),
    scope: text("scope"),
    idToken: text("id_token"),
    sessionState: text("session_state"),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: instant("expires").notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: instant("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);
