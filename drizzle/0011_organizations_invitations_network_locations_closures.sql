CREATE TYPE "public"."booking_channel" AS ENUM('ONLINE', 'PHONE');--> statement-breakpoint
CREATE TYPE "public"."closure_source" AS ENUM('MANUAL', 'PUBLIC_HOLIDAY');--> statement-breakpoint
ALTER TYPE "public"."provider_organization_status" ADD VALUE 'DECLINED';--> statement-breakpoint
ALTER TYPE "public"."notification_recipient" ADD VALUE 'INVITEE';--> statement-breakpoint
CREATE TABLE "location_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"name" text NOT NULL,
	"source" "closure_source" NOT NULL,
	"accepted" boolean DEFAULT true NOT NULL,
	"decided_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "location_closures_dates" CHECK ("location_closures"."start_date" <= "location_closures"."end_date"),
	CONSTRAINT "location_closures_manual_accepted" CHECK ("location_closures"."source" = 'PUBLIC_HOLIDAY' OR "location_closures"."accepted")
);
--> statement-breakpoint
CREATE TABLE "organization_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "membership_role" NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by_user_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"sent_count" smallint DEFAULT 1 NOT NULL,
	"last_sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by_user_id" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "organization_invitations_email_lower" CHECK ("organization_invitations"."email" = lower("organization_invitations"."email"))
);
--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "country_code" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "opening_hours" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "provider_organizations" ADD COLUMN "invited_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "provider_organizations" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "provider_organizations" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "provider_organizations" ADD COLUMN "allows_schedule_edits" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "channel" "booking_channel" DEFAULT 'ONLINE' NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "booked_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "contact_taken_by_staff" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "location_closures" ADD CONSTRAINT "location_closures_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_closures" ADD CONSTRAINT "location_closures_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "location_closures_location_idx" ON "location_closures" USING btree ("location_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "location_closures_holiday_key" ON "location_closures" USING btree ("location_id","start_date") WHERE "location_closures"."source" = 'PUBLIC_HOLIDAY';--> statement-breakpoint
CREATE INDEX "organization_invitations_org_idx" ON "organization_invitations" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_invitations_open_key" ON "organization_invitations" USING btree ("organization_id","email") WHERE "organization_invitations"."accepted_at" IS NULL AND "organization_invitations"."revoked_at" IS NULL;--> statement-breakpoint
ALTER TABLE "provider_organizations" ADD CONSTRAINT "provider_organizations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_country_code" CHECK ("locations"."country_code" IS NULL OR "locations"."country_code" ~ '^[A-Z]{2}$');--> statement-breakpoint
-- A closure removes in-person slots at its location, so it bumps every provider whose hours
-- (weekly or one-off) use that location, like an edit of the location itself (0009).
CREATE FUNCTION availability_bump_location_closures() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
BEGIN
  -- Each statement has only its own transition tables (INSERT: new_rows, DELETE: old_rows).
  IF TG_OP = 'INSERT' THEN
    changed := ARRAY(SELECT location_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    changed := ARRAY(SELECT location_id FROM old_rows);
  ELSE
    changed := ARRAY(SELECT location_id FROM new_rows UNION SELECT location_id FROM old_rows);
  END IF;
  PERFORM bump_provider_availability(ARRAY(
    SELECT r.provider_id FROM availability_rules r WHERE r.location_id = ANY (changed)
    UNION
    SELECT ov.provider_id FROM availability_override_intervals i
    JOIN availability_overrides ov ON ov.id = i.override_id
    WHERE i.location_id = ANY (changed)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER location_closures_availability_insert AFTER INSERT ON location_closures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_location_closures();
--> statement-breakpoint
CREATE TRIGGER location_closures_availability_update AFTER UPDATE ON location_closures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_location_closures();
--> statement-breakpoint
CREATE TRIGGER location_closures_availability_delete AFTER DELETE ON location_closures
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_location_closures();
--> statement-breakpoint
-- In-person hours count only while the provider's link to the location's organization is
-- ACTIVE and the organization APPROVED (the slot engine reads both), so a change of either
-- must invalidate cached slots like any other write that changes free time.
CREATE FUNCTION availability_bump_provider_organizations_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(
    SELECT n.provider_id FROM old_rows o
    JOIN new_rows n ON n.provider_id = o.provider_id AND n.organization_id = o.organization_id
    WHERE o.status IS DISTINCT FROM n.status));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER provider_organizations_availability_insert AFTER INSERT ON provider_organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_inserted();
--> statement-breakpoint
CREATE TRIGGER provider_organizations_availability_update AFTER UPDATE ON provider_organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_provider_organizations_updated();
--> statement-breakpoint
CREATE TRIGGER provider_organizations_availability_delete AFTER DELETE ON provider_organizations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_deleted();
--> statement-breakpoint
CREATE FUNCTION availability_bump_organizations_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(
    SELECT po.provider_id FROM provider_organizations po
    WHERE po.organization_id IN (
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.status IS DISTINCT FROM n.status)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organizations_availability_update AFTER UPDATE ON organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_organizations_updated();
