-- The live inbox (GET /api/v1/events): every timeline event, whatever statement inserts it, gets a
-- numbered row in live_events and a NOTIFY ecoute_live carrying that number, both at the commit of
-- its transaction. The trigger is deferred (it runs as the transaction commits) and takes a
-- transaction lock before numbering, so numbers are handed out in commit order: a reader that has
-- seen number N can never later find a smaller one committed (without the lock, two transactions
-- could take 10 and 11 and commit 11 first). PostgreSQL already serializes the commits of
-- transactions that NOTIFY, so the lock costs little more. A rolled-back transaction, or savepoint,
-- leaves neither row nor notification. The payload holds ids only, never a customer's words.
CREATE TABLE "live_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "live_events_created_at_idx" ON "live_events" USING btree ("created_at");--> statement-breakpoint
CREATE FUNCTION "publish_live_event"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  live_id bigint;
BEGIN
  -- Any constant no other application takes ("live" in ASCII).
  PERFORM pg_advisory_xact_lock(1818850917);
  INSERT INTO live_events (message_id, kind, payload, created_at)
  VALUES (NEW.message_id, NEW.type, jsonb_build_object('eventId', NEW.id, 'actorId', NEW.actor_id), clock_timestamp())
  RETURNING id INTO live_id;
  PERFORM pg_notify('ecoute_live', live_id::text);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "timeline_events_publish_live" AFTER INSERT ON "timeline_events"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "publish_live_event"();
