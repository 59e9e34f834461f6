-- The live inbox (GET /api/v1/events): every timeline event, whatever statement inserts it, gets a row
-- in live_events, written by a trigger in the same transaction (a rolled-back transaction or
-- savepoint leaves none). Writers neither number the rows nor notify: both would make every commit
-- wait for the one before it (NOTIFY takes a database-wide lock until the commit is flushed), and a
-- submission costs a quarter of its throughput that way. The sequencer (db/live-events.repo.ts) gives
-- numbers after the commit, from live_events_number, to the rows of transactions older than every
-- one still running, in the order they were written, and sends NOTIFY ecoute_live once for the
-- batch: numbers follow commit order, so a reader that has seen N never later finds a smaller one.
-- The payload holds ids only, never a customer's words.
CREATE TABLE "live_events" (
	"row_id" bigserial PRIMARY KEY NOT NULL,
	"id" bigint,
	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"message_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE INDEX "live_events_created_at_idx" ON "live_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "live_events_unnumbered_idx" ON "live_events" USING btree ("row_id") WHERE id is null;--> statement-breakpoint
CREATE SEQUENCE "live_events_number";--> statement-breakpoint
CREATE FUNCTION "publish_live_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO live_events (message_id, kind, payload, created_at)
  VALUES (NEW.message_id, NEW.type, jsonb_build_object('eventId', NEW.id, 'actorId', NEW.actor_id), clock_timestamp());
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "timeline_events_publish_live" AFTER INSERT ON "timeline_events"
  FOR EACH ROW EXECUTE FUNCTION "publish_live_event"();
