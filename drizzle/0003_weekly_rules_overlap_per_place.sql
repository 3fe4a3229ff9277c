-- Weekly intervals are wall-clock times in their place's zone (a location's, or the provider's
-- for online hours), so the database can only compare intervals at the same place: New York
-- 09:00-12:00 and London 09:00-12:00 never overlap in real time. Intervals at different
-- places are compared in real time by the save use case, which serialises saves per provider.
ALTER TABLE "availability_rules" DROP CONSTRAINT "availability_rules_no_overlap";
--> statement-breakpoint
ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_no_overlap"
  EXCLUDE USING gist (
    "provider_id" WITH =,
    (coalesce("location_id", '00000000-0000-0000-0000-000000000000'::uuid)) WITH =,
    "weekday" WITH =,
    int4range("start_minute", "end_minute", '[)') WITH &&,
    daterange(coalesce("effective_from", '-infinity'::date), coalesce("effective_until", 'infinity'::date), '[]') WITH &&
  );
