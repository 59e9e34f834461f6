DROP INDEX "messages_assignee_created_at_idx";--> statement-breakpoint
DROP INDEX "messages_due_created_at_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "follow_ups" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "messages" m SET "follow_ups" = f.words FROM (SELECT message_id, string_agg(body, E'\n' ORDER BY created_at) || E'\n' AS words FROM "timeline_events" WHERE type = 'customer_message' GROUP BY message_id) f WHERE f.message_id = m.id;--> statement-breakpoint
ALTER TABLE "messages" drop column "search";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector(case when locale = 'fr' then 'french'::regconfig else 'english'::regconfig end, coalesce(customer_name, '') || ' ' || body || ' ' || follow_ups)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search");--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "idempotency_key_hash" text;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "request_fingerprint" text;--> statement-breakpoint
CREATE INDEX "messages_tag_sets_idx" ON "messages" USING btree ("tags") WHERE tags <> '{}';--> statement-breakpoint
CREATE UNIQUE INDEX "timeline_events_idempotency_idx" ON "timeline_events" USING btree ("message_id","idempotency_key_hash") WHERE idempotency_key_hash is not null;--> statement-breakpoint
CREATE INDEX "messages_assignee_created_at_idx" ON "messages" USING btree ("assignee_id","created_at","id") WHERE status in ('unanswered', 'committed');--> statement-breakpoint
CREATE INDEX "messages_due_created_at_idx" ON "messages" USING btree ("created_at","id","next_due_on") WHERE next_due_on is not null;