ALTER TABLE "booking_calendar_events" ADD COLUMN "mode" "booking_mode";--> statement-breakpoint
ALTER TABLE "booking_calendar_events" ADD COLUMN "location_id" uuid;