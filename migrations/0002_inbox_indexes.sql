DROP INDEX "messages_assignee_created_at_idx";--> statement-breakpoint
DROP INDEX "messages_due_created_at_idx";--> statement-breakpoint
CREATE INDEX "messages_tag_sets_idx" ON "messages" USING btree ("tags") WHERE tags <> '{}';--> statement-breakpoint
CREATE INDEX "messages_assignee_created_at_idx" ON "messages" USING btree ("assignee_id","created_at","id") WHERE status in ('unanswered', 'committed');--> statement-breakpoint
CREATE INDEX "messages_due_created_at_idx" ON "messages" USING btree ("created_at","id","next_due_on") WHERE next_due_on is not null;