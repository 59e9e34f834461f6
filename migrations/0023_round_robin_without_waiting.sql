-- Round-robin without waiting for other submissions' commits. round_robin_pick (0012) took one lock
-- per team and held it until the submission's transaction ended, so a team's submissions committed
-- one after the other, each waiting for the previous one's flush: at 16 concurrent submissions, a
-- third of them round-robin, that halved the throughput. Now each member has a marker (a transaction
-- advisory lock) that says "being given a message": the pick goes down the available members, least
-- recently given one first, and takes the first member whose marker is free and who was not given a
-- message since the list was read (a fresh read, once the marker is held, shows any turn committed in
-- between). A member being given a message by another submission is skipped, as if already served,
-- which is what they will be once it commits. Markers found stale are released at once (each try is
-- its own subtransaction), so a submission only ever waits, holding nothing, when every available
-- member is being given a message at that very moment: it waits for the first in line, then looks
-- again.
CREATE OR REPLACE FUNCTION round_robin_pick(for_team uuid) RETURNS uuid
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  candidate record;
  first_in_line uuid;
  picked uuid;
BEGIN
  LOOP
    first_in_line := NULL;
    FOR candidate IN
      SELECT tm.user_id, tm.last_assigned_at FROM team_members tm JOIN users u ON u.id = tm.user_id
      WHERE tm.team_id = for_team AND u.active AND u.available
      ORDER BY tm.last_assigned_at ASC NULLS FIRST, tm.user_id
    LOOP
      first_in_line := coalesce(first_in_line, candidate.user_id);
      BEGIN
        IF pg_try_advisory_xact_lock(1919907183, hashtext(for_team::text || candidate.user_id::text)) THEN
          PERFORM 1 FROM team_members tm JOIN users u ON u.id = tm.user_id
          WHERE tm.team_id = for_team AND tm.user_id = candidate.user_id AND u.active AND u.available
            AND tm.last_assigned_at IS NOT DISTINCT FROM candidate.last_assigned_at;
          IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'EC001'; -- given a message meanwhile, or gone: let go of the marker
          END IF;
          picked := candidate.user_id;
        END IF;
      EXCEPTION WHEN SQLSTATE 'EC001' THEN NULL;
      END;
      IF picked IS NOT NULL THEN
        UPDATE team_members SET last_assigned_at = clock_timestamp() WHERE team_id = for_team AND user_id = picked;
        RETURN picked;
      END IF;
    END LOOP;
    IF first_in_line IS NULL THEN
      RETURN NULL; -- nobody available: the message waits in the team's queue
    END IF;
    BEGIN
      PERFORM pg_advisory_xact_lock(1919907183, hashtext(for_team::text || first_in_line::text));
      RAISE EXCEPTION USING ERRCODE = 'EC001'; -- its submission ended: let go, and look again
    EXCEPTION WHEN SQLSTATE 'EC001' THEN NULL;
    END;
  END LOOP;
END
$$;
