CREATE TYPE "public"."booking_calendar_event_state" AS ENUM('ACTIVE', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."calendar_event_deleted_action" AS ENUM('CANCEL', 'FLAG');--> statement-breakpoint
CREATE TYPE "public"."meet_link_status" AS ENUM('NONE', 'PENDING', 'READY', 'FAILED');--> statement-breakpoint
CREATE TABLE "booking_calendar_events" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"calendar_id" uuid,
	"google_calendar_id" text NOT NULL,
	"google_event_id" text NOT NULL,
	"state" "booking_calendar_event_state" DEFAULT 'ACTIVE' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"etag" text,
	"meet_status" "meet_link_status" DEFAULT 'NONE' NOT NULL,
	"meet_url" text,
	"conflict" text,
	"conflict_starts_at" timestamp with time zone,
	"conflict_ends_at" timestamp with time zone,
	"conflict_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_watch_channels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"calendar_id" uuid NOT NULL,
	"resource_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_message_number" bigint,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_calendar_settings" (
	"provider_id" uuid PRIMARY KEY NOT NULL,
	"on_event_deleted" "calendar_event_deleted_action" DEFAULT 'FLAG' NOT NULL,
	"invite_patient" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_connections" ADD COLUMN "reconnect_notice_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connected_calendars" ADD COLUMN "backoff_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connected_calendars" ADD COLUMN "rate_limited_runs" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_calendar_events" ADD CONSTRAINT "booking_calendar_events_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_calendar_events" ADD CONSTRAINT "booking_calendar_events_calendar_id_connected_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."connected_calendars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_watch_channels" ADD CONSTRAINT "calendar_watch_channels_calendar_id_connected_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."connected_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_calendar_settings" ADD CONSTRAINT "provider_calendar_settings_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_calendar_events_calendar_idx" ON "booking_calendar_events" USING btree ("calendar_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_calendar_events_google_event_key" ON "booking_calendar_events" USING btree ("google_calendar_id","google_event_id");--> statement-breakpoint
CREATE INDEX "booking_calendar_events_conflict_idx" ON "booking_calendar_events" USING btree ("conflict_at");--> statement-breakpoint
CREATE INDEX "calendar_watch_channels_calendar_idx" ON "calendar_watch_channels" USING btree ("calendar_id");--> statement-breakpoint
CREATE INDEX "calendar_watch_channels_expiry_idx" ON "calendar_watch_channels" USING btree ("expires_at");