CREATE TABLE "provider_availability_versions" (
	"provider_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
-- Every write that can change a provider's free time bumps the provider's version in the same
-- transaction, so a slot cache keyed by (provider, version) can never serve a slot that a
-- committed write has taken, in any app instance. Statement-level triggers with transition
-- tables bump once per statement and provider (a calendar import of thousands of busy rows is
-- one bump). Providers are locked in id order so two multi-provider writes cannot deadlock.
CREATE FUNCTION bump_provider_availability(provider_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO provider_availability_versions AS v (provider_id, version)
  SELECT DISTINCT id, 1 FROM unnest(provider_ids) AS id WHERE id IS NOT NULL ORDER BY id
  ON CONFLICT (provider_id) DO UPDATE SET version = v.version + 1
$$;
--> statement-breakpoint
-- Generic bodies for tables with a provider_id column; each trigger names its transition
-- tables new_rows / old_rows.
CREATE FUNCTION availability_bump_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(SELECT provider_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION availability_bump_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(SELECT provider_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION availability_bump_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(SELECT provider_id FROM old_rows UNION SELECT provider_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Bookings are updated for many reasons that leave the time alone (reminders, calendar
-- sequence, attendance); only a change to what blocks time bumps.
CREATE FUNCTION availability_bump_bookings_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(
    SELECT unnest(ARRAY[o.provider_id, n.provider_id])
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.provider_id, o.service_id, o.status, o.starts_at, o.ends_at, o.blocked_starts_at, o.blocked_ends_at,
           o.hold_expires_at, o.buffer_before_minutes, o.buffer_after_minutes, o.mode, o.location_id)
      IS DISTINCT FROM
          (n.provider_id, n.service_id, n.status, n.starts_at, n.ends_at, n.blocked_starts_at, n.blocked_ends_at,
           n.hold_expires_at, n.buffer_before_minutes, n.buffer_after_minutes, n.mode, n.location_id)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION availability_bump_override_intervals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- An interval deleted by its override's cascade finds no override; that delete bumped already.
  IF TG_OP = 'INSERT' THEN
    PERFORM bump_provider_availability(ARRAY(
      SELECT o.provider_id FROM new_rows i JOIN availability_overrides o ON o.id = i.override_id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM bump_provider_availability(ARRAY(
      SELECT o.provider_id FROM old_rows i JOIN availability_overrides o ON o.id = i.override_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION availability_bump_override_intervals_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(
    SELECT o.provider_id FROM (SELECT override_id FROM old_rows UNION SELECT override_id FROM new_rows) i
    JOIN availability_overrides o ON o.id = i.override_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The provider's zone (online hours are read in it) and approval (unapproved providers offer nothing).
CREATE FUNCTION availability_bump_providers_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(
    SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.time_zone, o.status) IS DISTINCT FROM (n.time_zone, n.status)));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A location's zone places its in-person hours; its name and address are part of the answer.
CREATE FUNCTION availability_bump_locations_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_provider_availability(ARRAY(
    SELECT r.provider_id FROM availability_rules r
    WHERE r.location_id IN (
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.time_zone, o.name, o.formatted_address, o.latitude, o.longitude)
        IS DISTINCT FROM (n.time_zone, n.name, n.formatted_address, n.latitude, n.longitude))
    UNION
    SELECT ov.provider_id FROM availability_override_intervals i
    JOIN availability_overrides ov ON ov.id = i.override_id
    WHERE i.location_id IN (
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.time_zone, o.name, o.formatted_address, o.latitude, o.longitude)
        IS DISTINCT FROM (n.time_zone, n.name, n.formatted_address, n.latitude, n.longitude))));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER bookings_availability_insert AFTER INSERT ON bookings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_inserted();
--> statement-breakpoint
CREATE TRIGGER bookings_availability_update AFTER UPDATE ON bookings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_bookings_updated();
--> statement-breakpoint
CREATE TRIGGER bookings_availability_delete AFTER DELETE ON bookings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_deleted();
--> statement-breakpoint
CREATE TRIGGER services_availability_insert AFTER INSERT ON services
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_inserted();
--> statement-breakpoint
CREATE TRIGGER services_availability_update AFTER UPDATE ON services
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_updated();
--> statement-breakpoint
CREATE TRIGGER services_availability_delete AFTER DELETE ON services
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_deleted();
--> statement-breakpoint
CREATE TRIGGER availability_rules_availability_insert AFTER INSERT ON availability_rules
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_inserted();
--> statement-breakpoint
CREATE TRIGGER availability_rules_availability_update AFTER UPDATE ON availability_rules
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_updated();
--> statement-breakpoint
CREATE TRIGGER availability_rules_availability_delete AFTER DELETE ON availability_rules
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_deleted();
--> statement-breakpoint
CREATE TRIGGER availability_overrides_availability_insert AFTER INSERT ON availability_overrides
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_inserted();
--> statement-breakpoint
CREATE TRIGGER availability_overrides_availability_update AFTER UPDATE ON availability_overrides
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_updated();
--> statement-breakpoint
CREATE TRIGGER availability_overrides_availability_delete AFTER DELETE ON availability_overrides
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_deleted();
--> statement-breakpoint
CREATE TRIGGER availability_override_intervals_availability_insert AFTER INSERT ON availability_override_intervals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_override_intervals();
--> statement-breakpoint
CREATE TRIGGER availability_override_intervals_availability_update AFTER UPDATE ON availability_override_intervals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_override_intervals_updated();
--> statement-breakpoint
CREATE TRIGGER availability_override_intervals_availability_delete AFTER DELETE ON availability_override_intervals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_override_intervals();
--> statement-breakpoint
CREATE TRIGGER external_busy_availability_insert AFTER INSERT ON external_busy_intervals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_inserted();
--> statement-breakpoint
CREATE TRIGGER external_busy_availability_update AFTER UPDATE ON external_busy_intervals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_updated();
--> statement-breakpoint
CREATE TRIGGER external_busy_availability_delete AFTER DELETE ON external_busy_intervals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_deleted();
--> statement-breakpoint
CREATE TRIGGER providers_availability_update AFTER UPDATE ON providers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_providers_updated();
--> statement-breakpoint
CREATE TRIGGER locations_availability_update AFTER UPDATE ON locations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION availability_bump_locations_updated();
