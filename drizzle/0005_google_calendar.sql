CREATE TYPE "public"."calendar_connection_status" AS ENUM('ACTIVE', 'NEEDS_RECONNECT');--> statement-breakpoint
CREATE TYPE "public"."calendar_sync_kind" AS ENUM('FULL', 'INCREMENTAL');--> statement-breakpoint
CREATE TYPE "public"."calendar_sync_outcome" AS ENUM('OK', 'RESYNC', 'FAILED', 'NEEDS_RECONNECT');--> statement-breakpoint
CREATE TABLE "calendar_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"google_subject" text NOT NULL,
	"google_email" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"access_token_expires_at" timestamp with time zone,
	"status" "calendar_connection_status" DEFAULT 'ACTIVE' NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"kind" "calendar_sync_kind" NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"pages" integer DEFAULT 0 NOT NULL,
	"changes" integer DEFAULT 0 NOT NULL,
	"outcome" "calendar_sync_outcome",
	"error" text
);
--> statement-breakpoint
CREATE TABLE "connected_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"google_calendar_id" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"blocks_availability" boolean DEFAULT false NOT NULL,
	"receives_bookings" boolean DEFAULT false NOT NULL,
	"sync_token" text,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_connections" ADD CONSTRAINT "calendar_connections_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_sync_runs" ADD CONSTRAINT "calendar_sync_runs_calendar_id_connected_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."connected_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connected_calendars" ADD CONSTRAINT "connected_calendars_connection_id_calendar_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."calendar_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_connections_provider_account_key" ON "calendar_connections" USING btree ("provider_id","google_subject");--> statement-breakpoint
CREATE INDEX "calendar_sync_runs_calendar_idx" ON "calendar_sync_runs" USING btree ("calendar_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "connected_calendars_connection_calendar_key" ON "connected_calendars" USING btree ("connection_id","google_calendar_id");