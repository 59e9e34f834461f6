-- The dashboard's rollup (server/src/db/schema/stats.ts says what it holds; bench/RESULTS.md, "Dashboard
-- overview", why): reading a year of facts and sorting them for every median took over a second at a
-- million messages. What no longer depends on the time of reading is summed here per UTC day and team
-- and per UTC week, team and first replier, for the messages received before the horizon; readers add
-- the rest from the facts themselves, so every number stays exact. Medians and p90 are found in the
-- histograms' buckets, then read exactly from message_facts' bucket indexes.
--
-- The horizon moves one week at a time under an exclusive advisory lock (seal_stats_rollup_step);
-- every change of message_facts takes the same lock shared before it reads the horizon, so a change
-- is either sealed with its week or added to the rollup by the trigger, never both or neither.
--
-- A time's histogram bucket: below 0, exactly 0 (the acknowledgement's time, always), under a second,
-- then eight buckets per doubling (each about 9 % wide), the last one open; null for null. Monotonic:
-- a bucket's times are all above the previous bucket's. Not STRICT, so that queries inline it.
CREATE FUNCTION "stats_bucket"(seconds double precision) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE WHEN seconds < 0 THEN 0 WHEN seconds = 0 THEN 1 WHEN seconds < 1 THEN 2
               ELSE least(3 + floor(8 * ln(seconds) / ln(2))::int, 243) END)::smallint
$$;--> statement-breakpoint
CREATE TABLE "stats_rollup" (
	"span" text NOT NULL,
	"start" date NOT NULL,
	"team_id" uuid NOT NULL,
	"agent_id" uuid,
	"measure" text NOT NULL,
	"bucket" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "stats_rollup_key" UNIQUE NULLS NOT DISTINCT("span","start","team_id","agent_id","measure","bucket"),
	CONSTRAINT "stats_rollup_span_agent" CHECK ((span = 'day') = (agent_id is null))
);
--> statement-breakpoint
CREATE TABLE "stats_rollup_horizon" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"sealed_before" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_rollup_horizon_singleton" CHECK (singleton)
);
--> statement-breakpoint
ALTER TABLE "stats_rollup" ADD CONSTRAINT "stats_rollup_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_rollup" ADD CONSTRAINT "stats_rollup_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_facts_reply_bucket_idx" ON "message_facts" USING btree (stats_bucket(working_seconds_to_first_reply),"received_at","team_id","spam","first_reply_by","working_seconds_to_first_reply") WHERE working_seconds_to_first_reply is not null;--> statement-breakpoint
CREATE INDEX "message_facts_replier_bucket_idx" ON "message_facts" USING btree ("first_reply_by",stats_bucket(working_seconds_to_first_reply),"received_at","team_id","spam","working_seconds_to_first_reply") WHERE working_seconds_to_first_reply is not null;--> statement-breakpoint
CREATE INDEX "message_facts_pending_idx" ON "message_facts" USING btree ("received_at") WHERE acknowledged_at is null or first_reply_at is null;--> statement-breakpoint
INSERT INTO "stats_rollup_horizon" ("sealed_before") VALUES ('-infinity');--> statement-breakpoint
-- What one message's facts add to the rollup, with its team's targets: its rows' keys and measures
-- (nothing for spam). The breaches counted are those already decided: acknowledged or answered late.
CREATE FUNCTION "stats_rollup_rows"(f message_facts, ack_target_minutes integer, reply_target_minutes integer)
  RETURNS TABLE (span text, start date, agent_id uuid, measure text, bucket smallint)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT k.span, k.start, k.agent_id, m.measure, m.bucket
  FROM (VALUES ('day', (f.received_at AT TIME ZONE 'UTC')::date, NULL::uuid),
               ('week', date_trunc('week', f.received_at AT TIME ZONE 'UTC')::date, f.first_reply_by)) k(span, start, agent_id),
       (VALUES ('received', 0::smallint, true),
               ('answered', 0::smallint, f.first_reply_at IS NOT NULL),
               ('acknowledge_breached', 0::smallint,
                f.acknowledged_at IS NOT NULL AND f.working_seconds_to_acknowledge > ack_target_minutes * 60),
               ('first_reply_breached', 0::smallint,
                f.first_reply_at IS NOT NULL AND f.working_seconds_to_first_reply > reply_target_minutes * 60),
               ('acknowledge', stats_bucket(f.working_seconds_to_acknowledge), f.working_seconds_to_acknowledge IS NOT NULL),
               ('first_reply', stats_bucket(f.working_seconds_to_first_reply), f.working_seconds_to_first_reply IS NOT NULL)
       ) m(measure, bucket, counted)
  WHERE NOT f.spam AND m.counted AND (k.span = 'day' OR k.agent_id IS NOT NULL)
$$;--> statement-breakpoint
-- Keeps the rollup equal to the sealed facts: a change of a sealed message's facts takes its old rows
-- away and adds its new ones.
CREATE FUNCTION "stats_rollup_on_facts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sealed timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1937006964);
  SELECT sealed_before INTO sealed FROM stats_rollup_horizon;
  IF (TG_OP = 'DELETE' OR NEW.received_at >= sealed) AND (TG_OP = 'INSERT' OR OLD.received_at >= sealed) THEN
    RETURN NULL;
  END IF;
  INSERT INTO stats_rollup AS r (span, start, team_id, agent_id, measure, bucket, n)
  SELECT c.span, c.start, c.team_id, c.agent_id, c.measure, c.bucket, sum(c.sign)::int
  FROM (
    SELECT -1 AS sign, OLD.team_id, x.*
    FROM teams t, stats_rollup_rows(OLD, t.acknowledge_target_minutes, t.first_reply_target_minutes) x
    WHERE TG_OP <> 'INSERT' AND OLD.received_at < sealed AND t.id = OLD.team_id
    UNION ALL
    SELECT 1, NEW.team_id, x.*
    FROM teams t, stats_rollup_rows(NEW, t.acknowledge_target_minutes, t.first_reply_target_minutes) x
    WHERE TG_OP <> 'DELETE' AND NEW.received_at < sealed AND t.id = NEW.team_id
  ) c(sign, team_id, span, start, agent_id, measure, bucket)
  GROUP BY c.span, c.start, c.team_id, c.agent_id, c.measure, c.bucket
  HAVING sum(c.sign) <> 0
  -- One order for every writer, so that two changes never wait for each other's rows in a circle.
  ORDER BY c.span, c.start, c.team_id, c.agent_id, c.measure, c.bucket
  ON CONFLICT ON CONSTRAINT stats_rollup_key DO UPDATE SET n = r.n + excluded.n;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "message_facts_stats_rollup" AFTER INSERT OR UPDATE OR DELETE ON "message_facts"
  FOR EACH ROW EXECUTE FUNCTION "stats_rollup_on_facts"();--> statement-breakpoint
-- Seals the next week of facts (from the first message when nothing is sealed), never past the last
-- UTC midnight; false once there is nothing left to seal.
CREATE FUNCTION "seal_stats_rollup_step"() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  sealed timestamptz;
  target timestamptz := date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  upto timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(1937006964);
  SELECT sealed_before INTO sealed FROM stats_rollup_horizon;
  IF sealed >= target THEN
    RETURN false;
  END IF;
  IF sealed = '-infinity' THEN
    sealed := coalesce(date_trunc('day', (SELECT min(received_at) FROM message_facts) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', target);
  END IF;
  upto := least(target, sealed + interval '7 days');
  INSERT INTO stats_rollup AS r (span, start, team_id, agent_id, measure, bucket, n)
  SELECT x.span, x.start, f.team_id, x.agent_id, x.measure, x.bucket, count(*)::int
  FROM message_facts f
  JOIN teams t ON t.id = f.team_id
  CROSS JOIN LATERAL stats_rollup_rows(f, t.acknowledge_target_minutes, t.first_reply_target_minutes) x
  WHERE f.received_at >= sealed AND f.received_at < upto
  GROUP BY x.span, x.start, f.team_id, x.agent_id, x.measure, x.bucket
  ORDER BY x.span, x.start, f.team_id, x.agent_id, x.measure, x.bucket
  ON CONFLICT ON CONSTRAINT stats_rollup_key DO UPDATE SET n = r.n + excluded.n;
  UPDATE stats_rollup_horizon SET sealed_before = upto;
  RETURN upto < target;
END
$$;--> statement-breakpoint
-- Empties the rollup: it is sealed again from the first message.
CREATE FUNCTION "reset_stats_rollup"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1937006964);
  DELETE FROM stats_rollup;
  UPDATE stats_rollup_horizon SET sealed_before = '-infinity';
END
$$;--> statement-breakpoint
-- A team's targets decide its breaches, its clock its times: when either changes, the rollup is
-- emptied in the same transaction.
CREATE FUNCTION "reset_stats_rollup_on_team"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM reset_stats_rollup();
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "teams_stats_rollup" AFTER UPDATE OF acknowledge_target_minutes, first_reply_target_minutes, time_zone, working_hours
  ON "teams" FOR EACH ROW
  WHEN (OLD.acknowledge_target_minutes IS DISTINCT FROM NEW.acknowledge_target_minutes
        OR OLD.first_reply_target_minutes IS DISTINCT FROM NEW.first_reply_target_minutes
        OR OLD.time_zone IS DISTINCT FROM NEW.time_zone OR OLD.working_hours IS DISTINCT FROM NEW.working_hours)
  EXECUTE FUNCTION "reset_stats_rollup_on_team"();
