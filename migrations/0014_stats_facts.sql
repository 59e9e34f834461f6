-- The dashboard's facts (shared/src/stats.ts defines them): kept at write time, because computing them
-- per row at read time took seconds at a million messages. refresh_message_facts recomputes a
-- message's row and its customer turns from its timeline; triggers call it in the transaction of every
-- event that changes them (whatever statement inserts it: a submission stores its acknowledgement in
-- one statement), of a move to another team, and of a change of a team's time zone or working hours.
-- Existing messages are backfilled at the end, with the same function.
CREATE TABLE "customer_turns" (
	"message_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"working_seconds_to_answer" double precision,
	CONSTRAINT "customer_turns_message_id_started_at_pk" PRIMARY KEY("message_id","started_at")
);
--> statement-breakpoint
CREATE TABLE "message_facts" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"first_reply_at" timestamp with time zone,
	"first_reply_by" uuid,
	"working_seconds_to_acknowledge" double precision,
	"working_seconds_to_first_reply" double precision,
	"spam" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "acknowledge_target_minutes" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "working_hours" jsonb;--> statement-breakpoint
ALTER TABLE "customer_turns" ADD CONSTRAINT "customer_turns_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_turns" ADD CONSTRAINT "customer_turns_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_facts" ADD CONSTRAINT "message_facts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_facts" ADD CONSTRAINT "message_facts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_facts" ADD CONSTRAINT "message_facts_first_reply_by_users_id_fk" FOREIGN KEY ("first_reply_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_turns_started_at_idx" ON "customer_turns" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "message_facts_received_at_idx" ON "message_facts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "message_facts_team_received_at_idx" ON "message_facts" USING btree ("team_id","received_at");--> statement-breakpoint
CREATE INDEX "message_facts_first_reply_by_idx" ON "message_facts" USING btree ("first_reply_by","received_at") WHERE first_reply_by is not null;--> statement-breakpoint
-- Working time between two instants, as shared/src/stats.ts's workingMs: the wall-clock time when the
-- team works around the clock (hours null), otherwise the part inside the day's spans, read in the
-- team's time zone (PostgreSQL's reading of local times, which stats.ts follows). With `enough`, it
-- stops counting once past it: "is it over the target?" needs no more, and a wait of months would
-- otherwise be walked day by day.
CREATE FUNCTION "working_seconds"(start timestamptz, stop timestamptz, zone text, hours jsonb,
                                  enough double precision DEFAULT NULL)
RETURNS double precision LANGUAGE plpgsql STABLE AS $$
DECLARE
  total double precision := 0;
  day date;
  span jsonb;
  span_from timestamptz;
  span_to timestamptz;
BEGIN
  IF start IS NULL OR stop IS NULL THEN RETURN NULL; END IF;
  IF stop <= start THEN RETURN 0; END IF;
  IF hours IS NULL THEN RETURN extract(epoch FROM stop - start); END IF;
  day := (start AT TIME ZONE zone)::date;
  WHILE day <= (stop AT TIME ZONE zone)::date LOOP
    FOR span IN SELECT jsonb_array_elements(coalesce(
      hours -> (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[extract(isodow FROM day)::int], '[]'::jsonb))
    LOOP
      span_from := greatest((day + (span ->> 'from')::time) AT TIME ZONE zone, start);
      span_to := least((day + (span ->> 'to')::time) AT TIME ZONE zone, stop);
      IF span_to > span_from THEN total := total + extract(epoch FROM span_to - span_from); END IF;
      IF total > enough THEN RETURN total; END IF;
    END LOOP;
    day := day + 1;
  END LOOP;
  RETURN total;
END
$$;--> statement-breakpoint
-- The facts of the messages given, recomputed from their timelines: received is when the message was
-- stored; acknowledged and first reply the first such events (the reply's author credited); spam the
-- last spam event's word, and before any whether it arrived in quarantine (its spam signals); a
-- customer turn starts with the message and with each customer message written after a reply, and the
-- first reply after it answers it. The trigger spares a submission the recompute (bench/RESULTS.md,
-- "What issue 11's write-time work costs a submission"): the acknowledgement of a message with no facts
-- yet and no other counted event writes them with two plain inserts; a reply or a customer's message
-- later than everything said so far adds to the end (answers the last turn, or starts one); every other
-- event, and any doubt, still recomputes them from the whole timeline.
CREATE FUNCTION "refresh_message_facts"(targets uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO message_facts (message_id, team_id, received_at, acknowledged_at, first_reply_at, first_reply_by,
                             working_seconds_to_acknowledge, working_seconds_to_first_reply, spam)
  SELECT m.id, m.team_id, m.created_at, ack.created_at, reply.created_at, reply.actor_id,
         working_seconds(m.created_at, ack.created_at, t.time_zone, t.working_hours),
         working_seconds(m.created_at, reply.created_at, t.time_zone, t.working_hours),
         coalesce(spam.marked, cardinality(m.spam_signals) > 0)
  FROM unnest(targets) AS target(id)
  JOIN messages m ON m.id = target.id
  JOIN teams t ON t.id = m.team_id
  LEFT JOIN LATERAL (SELECT e.created_at FROM timeline_events e
                     WHERE e.message_id = m.id AND e.type = 'acknowledged'
                     ORDER BY e.created_at, e.id LIMIT 1) ack ON true
  LEFT JOIN LATERAL (SELECT e.created_at, e.actor_id FROM timeline_events e
                     WHERE e.message_id = m.id AND e.type = 'reply'
                     ORDER BY e.created_at, e.id LIMIT 1) reply ON true
  LEFT JOIN LATERAL (SELECT e.type = 'marked_spam' AS marked FROM timeline_events e
                     WHERE e.message_id = m.id AND e.type IN ('marked_spam', 'unmarked_spam')
                     ORDER BY e.created_at DESC, e.id DESC LIMIT 1) spam ON true
  ON CONFLICT (message_id) DO UPDATE SET
    team_id = excluded.team_id,
    received_at = excluded.received_at,
    acknowledged_at = excluded.acknowledged_at,
    first_reply_at = excluded.first_reply_at,
    first_reply_by = excluded.first_reply_by,
    working_seconds_to_acknowledge = excluded.working_seconds_to_acknowledge,
    working_seconds_to_first_reply = excluded.working_seconds_to_first_reply,
    spam = excluded.spam;

  DELETE FROM customer_turns WHERE message_id = ANY (targets);
  INSERT INTO customer_turns (message_id, started_at, answered_at, answered_by, working_seconds_to_answer)
  SELECT turn.message_id, turn.started_at, turn.answered_at, turn.answered_by,
         working_seconds(turn.started_at, turn.answered_at, t.time_zone, t.working_hours)
  FROM (
    SELECT message_id, min(at) FILTER (WHERE kind = 'customer') AS started_at,
           min(at) FILTER (WHERE kind = 'reply') AS answered_at,
           (array_agg(actor ORDER BY at, seq) FILTER (WHERE kind = 'reply'))[1] AS answered_by
    FROM (
      SELECT *, sum(starts::int) OVER (PARTITION BY message_id ORDER BY at, seq) AS n
      FROM (
        SELECT *, kind = 'customer'
                  AND coalesce(lag(kind) OVER (PARTITION BY message_id ORDER BY at, seq), 'reply') = 'reply' AS starts
        FROM (
          SELECT m.id AS message_id, m.created_at AS at, ''::text AS seq, 'customer' AS kind, NULL::uuid AS actor
          FROM unnest(targets) AS target(id) JOIN messages m ON m.id = target.id
          UNION ALL
          SELECT e.message_id, e.created_at, e.id::text, CASE e.type WHEN 'reply' THEN 'reply' ELSE 'customer' END, e.actor_id
          FROM unnest(targets) AS target(id)
          JOIN timeline_events e ON e.message_id = target.id AND e.type IN ('reply', 'customer_message')
        ) said
      ) marked
    ) numbered
    GROUP BY message_id, n
  ) turn
  JOIN messages m ON m.id = turn.message_id
  JOIN teams t ON t.id = m.team_id;
END
$$;--> statement-breakpoint
CREATE FUNCTION "refresh_message_facts_on_event"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  received timestamptz;
  zone text;
  hours jsonb;
BEGIN
  -- A new message: nothing else on its timeline counts yet, so its facts are the acknowledgement's
  -- alone (what refresh_message_facts would compute, without reading the timeline).
  IF NEW.type = 'acknowledged' AND NOT EXISTS (SELECT 1 FROM message_facts WHERE message_id = NEW.message_id) THEN
    INSERT INTO message_facts (message_id, team_id, received_at, acknowledged_at, working_seconds_to_acknowledge, spam)
    SELECT m.id, m.team_id, m.created_at, NEW.created_at,
           working_seconds(m.created_at, NEW.created_at, t.time_zone, t.working_hours),
           cardinality(m.spam_signals) > 0
    FROM messages m JOIN teams t ON t.id = m.team_id
    WHERE m.id = NEW.message_id
      AND NOT EXISTS (SELECT 1 FROM timeline_events e
                      WHERE e.message_id = NEW.message_id AND e.id <> NEW.id
                        AND e.type IN ('acknowledged', 'reply', 'customer_message', 'marked_spam', 'unmarked_spam'))
    RETURNING received_at INTO received;
    IF received IS NOT NULL THEN
      INSERT INTO customer_turns (message_id, started_at) VALUES (NEW.message_id, received);
      RETURN NULL;
    END IF;
  -- A reply or the customer's words after everything said so far: they only add to the timeline's
  -- end, so the last turn is answered, or a new one starts (applied twice, they change nothing).
  ELSIF NEW.type IN ('reply', 'customer_message') THEN
    SELECT m.created_at, t.time_zone, t.working_hours INTO received, zone, hours
    FROM messages m JOIN teams t ON t.id = m.team_id
    WHERE m.id = NEW.message_id AND m.created_at < NEW.created_at
      AND EXISTS (SELECT 1 FROM message_facts f WHERE f.message_id = NEW.message_id)
      AND NOT EXISTS (SELECT 1 FROM timeline_events e
                      WHERE e.message_id = NEW.message_id AND e.id <> NEW.id
                        AND e.type IN ('reply', 'customer_message') AND e.created_at >= NEW.created_at);
    IF received IS NOT NULL THEN
      IF NEW.type = 'reply' THEN
        UPDATE message_facts
        SET first_reply_at = NEW.created_at, first_reply_by = NEW.actor_id,
            working_seconds_to_first_reply = working_seconds(received_at, NEW.created_at, zone, hours)
        WHERE message_id = NEW.message_id AND first_reply_at IS NULL;
        UPDATE customer_turns
        SET answered_at = NEW.created_at, answered_by = NEW.actor_id,
            working_seconds_to_answer = working_seconds(started_at, NEW.created_at, zone, hours)
        WHERE message_id = NEW.message_id AND answered_at IS NULL
          AND started_at = (SELECT max(started_at) FROM customer_turns WHERE message_id = NEW.message_id);
      ELSE
        INSERT INTO customer_turns (message_id, started_at)
        SELECT NEW.message_id, NEW.created_at FROM customer_turns
        WHERE message_id = NEW.message_id AND answered_at IS NOT NULL
          AND started_at = (SELECT max(started_at) FROM customer_turns WHERE message_id = NEW.message_id);
      END IF;
      RETURN NULL;
    END IF;
  END IF;
  PERFORM refresh_message_facts(ARRAY[NEW.message_id]);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "timeline_events_message_facts" AFTER INSERT ON "timeline_events"
  FOR EACH ROW WHEN (NEW.type IN ('acknowledged', 'reply', 'customer_message', 'marked_spam', 'unmarked_spam'))
  EXECUTE FUNCTION "refresh_message_facts_on_event"();--> statement-breakpoint
CREATE FUNCTION "refresh_message_facts_on_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_message_facts(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "messages_message_facts" AFTER UPDATE OF team_id ON "messages"
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id)
  EXECUTE FUNCTION "refresh_message_facts_on_move"();--> statement-breakpoint
-- A team's clock changed: its messages' working times are measured again with the new one.
CREATE FUNCTION "refresh_message_facts_on_clock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_message_facts(ARRAY(SELECT id FROM messages WHERE team_id = NEW.id));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "teams_message_facts" AFTER UPDATE OF time_zone, working_hours ON "teams"
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone OR OLD.working_hours IS DISTINCT FROM NEW.working_hours)
  EXECUTE FUNCTION "refresh_message_facts_on_clock"();--> statement-breakpoint
SELECT refresh_message_facts(ARRAY(SELECT id FROM messages));
