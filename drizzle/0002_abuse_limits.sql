CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "hold_client_key" text;--> statement-breakpoint
CREATE INDEX "bookings_active_holds_by_client_idx" ON "bookings" USING btree ("hold_client_key","hold_expires_at") WHERE "bookings"."status" = 'HELD';