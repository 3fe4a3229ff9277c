import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
  char,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { users } from "./auth";
import { documentStatus, verificationStatus } from "./enums";

export const providerTypes = pgTable("provider_types", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

export const providers = pgTable(
  "providers",
  {
    id: id(),
    // A provider profile belongs to exactly one user; deleting that user must first deal
    // with the profile (and its bookings), so the delete is refused rather than cascaded.
    userId: uuid("user_id")
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: "restrict" }),
    slug: text("slug").notNull().unique(),
    displayName: text("display_name").notNull(),
    bio: text("bio").notNull().default(""),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    timeZone: text("time_zone").notNull(),
    status: verificationStatus("status").notNull().default("PENDING"),
    /** The professional registration number the provider gave (e.g. a medical council number). */
    registrationNumber: text("registration_number"),
    /** When the provider last sent the profile for review; null while onboarding is a draft. */
    submittedAt: instant("submitted_at"),
    /** Why an admin rejected or suspended the profile (shown to the provider). */
    statusReason: text("status_reason"),
    statusChangedAt: instant("status_changed_at"),
    /** Patients may cancel or reschedule until this many minutes before the start. */
    cancellationCutoffMinutes: integer("cancellation_cutoff_minutes").notNull().default(1440),
    ...timestamps(),
  },
  (t) => [
    index("providers_status_idx").on(t.status),
    check("providers_cutoff_range", sql`${t.cancellationCutoffMinutes} BETWEEN 0 AND 43200`),
  ],
);

export const providerSpecialties = pgTable(
  "provider_specialties",
  {
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    providerTypeId: uuid("provider_type_id")
      .notNull()
      .references(() => providerTypes.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.providerId, t.providerTypeId] }),
    index("provider_specialties_type_idx").on(t.providerTypeId),
  ],
);

export const services = pgTable(
  "services",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    durationMinutes: integer("duration_minutes").notNull(),
    priceMinor: integer("price_minor").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    isOnline: boolean("is_online").notNull().default(false),
    isInPerson: boolean("is_in_person").notNull().default(true),
    isActive: boolean("is_active").notNull().default(true),
    bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
    bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
    slotStepMinutes: integer("slot_step_minutes").notNull().default(15),
    minimumNoticeMinutes: integer("minimum_notice_minutes").notNull().default(120),
    bookingHorizonDays: integer("booking_horizon_days").notNull().default(60),
    maxBookingsPerDay: integer("max_bookings_per_day"),
    requiresApproval: boolean("requires_approval").notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    index("services_provider_idx").on(t.providerId),
    check("services_duration_range", sql`${t.durationMinutes} BETWEEN 5 AND 720`),
    check("services_buffers_range", sql`${t.bufferBeforeMinutes} BETWEEN 0 AND 240 AND ${t.bufferAfterMinutes} BETWEEN 0 AND 240`),
    check("services_step_range", sql`${t.slotStepMinutes} BETWEEN 5 AND 240`),
    check("services_notice_range", sql`${t.minimumNoticeMinutes} BETWEEN 0 AND 43200`),
    check("services_horizon_range", sql`${t.bookingHorizonDays} BETWEEN 1 AND 730`),
    check("services_max_per_day", sql`${t.maxBookingsPerDay} IS NULL OR ${t.maxBookingsPerDay} > 0`),
    check("services_price_non_negative", sql`${t.priceMinor} >= 0`),
    check("services_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("services_some_mode", sql`${t.isOnline} OR ${t.isInPerson}`),
  ],
);

/**
 * The catalogue of verification documents. A provider must provide every type that is required
 * for all providers, plus those linked to any of their specialties (provider types).
 */
export const documentTypes = pgTable(
  "document_types",
  {
    id: id(),
    key: text("key").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Content types accepted, checked against the file's bytes, not its name. */
    acceptedContentTypes: text("accepted_content_types").array().notNull(),
    maxBytes: integer("max_bytes").notNull(),
    requiredForAll: boolean("required_for_all").notNull().default(false),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [check("document_types_max_bytes", sql`${t.maxBytes} BETWEEN 1 AND 20971520`)],
);

export const providerTypeDocumentRequirements = pgTable(
  "provider_type_document_requirements",
  {
    providerTypeId: uuid("provider_type_id")
      .notNull()
      .references(() => providerTypes.id, { onDelete: "cascade" }),
    documentTypeId: uuid("document_type_id")
      .notNull()
      .references(() => documentTypes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.providerTypeId, t.documentTypeId] })],
);

/**
 * A file a provider submitted for verification. The bytes live in the private blob store under
 * an unguessable pathname; this row keeps what was detected from the bytes, never what the
 * browser claimed. Rows are not deleted when replaced: superseded_at marks the old one.
 */
export const providerDocuments = pgTable(
  "provider_documents",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    documentTypeId: uuid("document_type_id")
      .notNull()
      .references(() => documentTypes.id, { onDelete: "restrict" }),
    blobPathname: text("blob_pathname").notNull().unique(),
    /** The uploaded name, cleaned, for display only. */
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    status: documentStatus("status").notNull().default("SUBMITTED"),
    reviewReason: text("review_reason"),
    reviewedByUserId: uuid("reviewed_by_user_id").references(() => users.id),
    reviewedAt: instant("reviewed_at"),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id),
    supersededAt: instant("superseded_at"),
    ...timestamps(),
  },
  (t) => [
    index("provider_documents_provider_idx").on(t.providerId),
    uniqueIndex("provider_documents_current_key").on(t.providerId, t.documentTypeId).where(sql`${t.supersededAt} IS NULL`),
    check("provider_documents_rejected_has_reason", sql`${t.status} <> 'REJECTED' OR ${t.reviewReason} IS NOT NULL`),
  ],
);
