-- A commitment carries its message's team, so that the dashboard counts a year's commitments without
-- looking up each one's message (48,000 lookups, 0.3 to 0.6 s at a million messages: bench/RESULTS.md,
-- "The dashboard's rollup"). The database alone writes it: whatever a statement gives, a commitment
-- takes its message's team when it is stored, and a message's move is copied onto its commitments.
-- (Spam needs no copy: a message with commitments was answered, and an answered message never goes to
-- spam nor is one in spam answered: shared/src/lifecycle.ts.)
ALTER TABLE "commitments" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION "commitment_takes_message_team"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT m.team_id INTO NEW.team_id FROM messages m WHERE m.id = NEW.message_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "commitments_message_team" BEFORE INSERT OR UPDATE OF team_id ON "commitments"
  FOR EACH ROW EXECUTE FUNCTION "commitment_takes_message_team"();--> statement-breakpoint
CREATE FUNCTION "message_team_to_commitments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE commitments SET team_id = NEW.team_id WHERE message_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "messages_commitments_team" AFTER UPDATE OF team_id ON "messages"
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id)
  EXECUTE FUNCTION "message_team_to_commitments"();--> statement-breakpoint
-- The commitments stored before: each takes its message's team through the trigger above.
UPDATE "commitments" SET "team_id" = NULL;
