CREATE TYPE "public"."notification_channel" AS ENUM('EMAIL', 'WHATSAPP', 'SMS');--> statement-breakpoint
CREATE TYPE "public"."notification_recipient" AS ENUM('PATIENT', 'PROVIDER');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'DEAD', 'SKIPPED');--> statement-breakpoint
CREATE TABLE "contact_channels" (
	"channel" "notification_channel" NOT NULL,
	"address" text NOT NULL,
	"bad_at" timestamp with time zone,
	"bad_reason" text,
	"opted_in_at" timestamp with time zone,
	"opted_out_at" timestamp with time zone,
	"last_inbound_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_channels_channel_address_pk" PRIMARY KEY("channel","address")
);
--> statement-breakpoint
CREATE TABLE "contact_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"address" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"send_count" integer DEFAULT 1 NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_worker_heartbeats" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"process_id" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notification_id" uuid NOT NULL,
	"status" "notification_status" NOT NULL,
	"detail" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email_enabled" boolean DEFAULT true NOT NULL,
	"whatsapp_enabled" boolean DEFAULT false NOT NULL,
	"sms_enabled" boolean DEFAULT false NOT NULL,
	"quiet_start_minute" smallint,
	"quiet_end_minute" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_quiet_range" CHECK (("notification_preferences"."quiet_start_minute" IS NULL) = ("notification_preferences"."quiet_end_minute" IS NULL) AND coalesce("notification_preferences"."quiet_start_minute", 0) BETWEEN 0 AND 1439 AND coalesce("notification_preferences"."quiet_end_minute", 0) BETWEEN 0 AND 1439)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"purpose" text NOT NULL,
	"booking_id" uuid,
	"outbox_event_id" integer,
	"recipient" "notification_recipient" NOT NULL,
	"recipient_user_id" uuid,
	"channel" "notification_channel" NOT NULL,
	"address" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "notification_status" DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"deferrable" boolean DEFAULT true NOT NULL,
	"sending_started_at" timestamp with time zone,
	"vendor_message_id" text,
	"last_error" text,
	"skip_reason" text,
	"fallback_of" uuid,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "provider_notification_settings" (
	"provider_id" uuid PRIMARY KEY NOT NULL,
	"reminder_offsets_minutes" integer[] DEFAULT '{1440,120}'::integer[] NOT NULL,
	"email_notices" text[] DEFAULT '{requested,confirmed,cancelled,rescheduled}'::text[] NOT NULL,
	"whatsapp_notices" text[] DEFAULT '{}'::text[] NOT NULL,
	"whatsapp_number" text,
	"quiet_start_minute" smallint,
	"quiet_end_minute" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_notification_settings_quiet_range" CHECK (("provider_notification_settings"."quiet_start_minute" IS NULL) = ("provider_notification_settings"."quiet_end_minute" IS NULL) AND coalesce("provider_notification_settings"."quiet_start_minute", 0) BETWEEN 0 AND 1439 AND coalesce("provider_notification_settings"."quiet_end_minute", 0) BETWEEN 0 AND 1439),
	CONSTRAINT "provider_notification_settings_offsets" CHECK (cardinality("provider_notification_settings"."reminder_offsets_minutes") <= 4 AND 0 < ALL("provider_notification_settings"."reminder_offsets_minutes") AND 20160 >= ALL("provider_notification_settings"."reminder_offsets_minutes"))
);
--> statement-breakpoint
CREATE TABLE "stored_contact_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject" text NOT NULL,
	"access" text NOT NULL,
	"url" text NOT NULL,
	"pathname" text NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_contact_cards_subject_unique" UNIQUE("subject")
);
--> statement-breakpoint
CREATE TABLE "webhook_receipts" (
	"vendor" text NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_receipts_vendor_event_id_pk" PRIMARY KEY("vendor","event_id")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "manage_token_nonce" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "calendar_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "attendance_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_verifications" ADD CONSTRAINT "contact_verifications_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_notification_settings" ADD CONSTRAINT "provider_notification_settings_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_verifications_booking_idx" ON "contact_verifications" USING btree ("booking_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_events_notification_idx" ON "notification_events" USING btree ("notification_id","occurred_at");--> statement-breakpoint
CREATE INDEX "notifications_booking_idx" ON "notifications" USING btree ("booking_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_vendor_message_key" ON "notifications" USING btree ("channel","vendor_message_id");--> statement-breakpoint
CREATE INDEX "notifications_dead_idx" ON "notifications" USING btree ("updated_at") WHERE "notifications"."status" = 'DEAD';--> statement-breakpoint
CREATE INDEX "notifications_in_doubt_idx" ON "notifications" USING btree ("sending_started_at") WHERE "notifications"."status" = 'SENDING';--> statement-breakpoint
CREATE INDEX "webhook_receipts_received_idx" ON "webhook_receipts" USING btree ("received_at");