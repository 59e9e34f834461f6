-- A team's clock (time zone, working hours) changing no longer measures all its messages again inside
-- the request that changed it: at a million messages that held the request, and the team's rows, for
-- minutes. The `stats.team-clock` job does it instead, in batches (server/src/domain/measure-team-again.ts).
DROP TRIGGER "teams_message_facts" ON "teams";--> statement-breakpoint
DROP FUNCTION "refresh_message_facts_on_clock"();
