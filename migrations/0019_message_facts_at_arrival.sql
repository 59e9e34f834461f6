-- The dashboard's facts at a submission's cost (bench/RESULTS.md, "What issue 11's write-time work costs
-- a submission"). A new message's facts are known when it is acknowledged: received when stored,
-- acknowledged then, no reply, one customer turn from its arrival, spam if it arrived in quarantine.
-- The acknowledgement of a message with no facts yet and no other counted event writes them with two
-- plain inserts; a reply or a customer's message later than everything said so far adds to the end
-- (answers the last turn, or starts one); every other event, and any doubt, still recomputes them
-- from the whole timeline.
-- And a submission quarantined at arrival by its spam signals (no marked_spam event) is spam until
-- released: the last spam event decides, and before any, whether it arrived with signals.
CREATE OR REPLACE FUNCTION "refresh_message_facts"(targets uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
CREATE OR REPLACE FUNCTION "refresh_message_facts_on_event"() RETURNS trigger LANGUAGE plpgsql AS $$
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
-- The messages quarantined at arrival and never (un)marked since were counted as not spam.
SELECT refresh_message_facts(ARRAY(
  SELECT m.id FROM messages m
  WHERE cardinality(m.spam_signals) > 0
    AND NOT EXISTS (SELECT 1 FROM timeline_events e
                    WHERE e.message_id = m.id AND e.type IN ('marked_spam', 'unmarked_spam'))));
