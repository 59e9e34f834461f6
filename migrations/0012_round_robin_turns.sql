-- Round-robin takes turns per team. round_robin_pick waits for the team's turn (a transaction lock,
-- held until the submission's transaction ends), then gives the message to the available, active
-- member given one least recently. A function, because each statement in a volatile function sees what
-- was committed before that statement began: the pick, made once the turn is ours, sees every member
-- the turns before gave a message to, where a lock taken in the submission's own statement (or skip
-- locked) would still read that statement's older snapshot. One statement for the client, no more
-- round trips than without round-robin.
CREATE FUNCTION round_robin_pick(for_team uuid) RETURNS uuid
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  picked uuid;
BEGIN
  PERFORM pg_advisory_xact_lock(1919907182, hashtext(for_team::text));
  UPDATE team_members SET last_assigned_at = clock_timestamp()
  WHERE team_id = for_team
    AND user_id = (
      SELECT tm.user_id FROM team_members tm JOIN users u ON u.id = tm.user_id
      WHERE tm.team_id = for_team AND u.active AND u.available
      ORDER BY tm.last_assigned_at ASC NULLS FIRST, tm.user_id
      LIMIT 1
    )
  RETURNING user_id INTO picked;
  RETURN picked;
END
$$;
