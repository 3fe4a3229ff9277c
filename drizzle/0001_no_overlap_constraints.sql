-- Things the Drizzle DSL cannot say: the database itself forbids double-booking.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- Holds and active bookings of one provider never overlap, buffers included, whatever
-- service, location or channel they come from. Expired, cancelled and declined rows free
-- their time. The losing insert fails with SQLSTATE 23P01 (exclusion_violation).
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist (
    "provider_id" WITH =,
    tstzrange("blocked_starts_at", "blocked_ends_at", '[)') WITH &&
  ) WHERE ("status" IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED', 'NO_SHOW'));
--> statement-breakpoint
-- A provider cannot be in two places at once: weekly intervals on the same weekday may not
-- overlap while their effective date ranges overlap.
ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_no_overlap"
  EXCLUDE USING gist (
    "provider_id" WITH =,
    "weekday" WITH =,
    int4range("start_minute", "end_minute", '[)') WITH &&,
    daterange(coalesce("effective_from", '-infinity'::date), coalesce("effective_until", 'infinity'::date), '[]') WITH &&
  );
