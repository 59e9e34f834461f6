DROP INDEX "messages_assignee_created_at_idx";--> statement-breakpoint
DROP INDEX "messages_due_created_at_idx";--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "idempotency_key_hash" text;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "request_fingerprint" text;--> statement-breakpoint
CREATE INDEX "messages_tag_sets_idx" ON "messages" USING btree ("tags") WHERE tags <> '{}';--> statement-breakpoint
CREATE UNIQUE INDEX "timeline_events_idempotency_idx" ON "timeline_events" USING btree ("message_id","idempotency_key_hash") WHERE idempotency_key_hash is not null;--> statement-breakpoint
CREATE INDEX "messages_assignee_created_at_idx" ON "messages" USING btree ("assignee_id","created_at","id") WHERE status in ('unanswered', 'committed');--> statement-breakpoint
CREATE INDEX "messages_due_created_at_idx" ON "messages" USING btree ("created_at","id","next_due_on") WHERE next_due_on is not null;