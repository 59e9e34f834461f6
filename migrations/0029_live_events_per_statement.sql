-- The live inbox's rows (migrations/0010) are written once per statement instead of once per timeline
-- event: one trigger call and one insert for all the events a statement writes (an arrival writes its
-- acknowledgement, its routing and its assignment in one statement: PostgreSQL merges the rows of
-- every step of a WITH that inserts into the table into one transition table). The transition table
-- is read in the order its rows were inserted, which is the order the rows are then numbered in.
CREATE FUNCTION "publish_live_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO live_events (message_id, kind, payload, created_at)
  SELECT message_id, type, jsonb_build_object('eventId', id, 'actorId', actor_id), clock_timestamp()
  FROM inserted;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER "timeline_events_publish_live" ON "timeline_events";--> statement-breakpoint
DROP FUNCTION "publish_live_event"();--> statement-breakpoint
CREATE TRIGGER "timeline_events_publish_live" AFTER INSERT ON "timeline_events"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "publish_live_events"();
