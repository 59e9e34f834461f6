-- Unlogged: counting a request writes no WAL, so it waits for no disk flush. A clean restart of
-- PostgreSQL keeps the counters; a crash of PostgreSQL (or a failover) empties them.
CREATE UNLOGGED TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"resets_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limits_resets_at_idx" ON "rate_limits" USING btree ("resets_at");