-- Emails both ways (issue 9): the outbox of emails Ecoute writes, and on each message whether its
-- customer still gets emails, the sealed tracking token emails carry, and the reply address token's hash.
CREATE TABLE "emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_id" uuid,
	"commitment_id" uuid,
	"recipient_user_id" uuid,
	"recipient" text NOT NULL,
	"locale" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"rfc_message_id" text NOT NULL,
	"bounce_token_hash" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emails_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "emails_rfc_message_id_unique" UNIQUE("rfc_message_id"),
	CONSTRAINT "emails_bounce_token_hash_unique" UNIQUE("bounce_token_hash")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "customer_email_state" text DEFAULT 'on' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "tracking_token_sealed" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_token_hash" text;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_event_id_timeline_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."timeline_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emails_message_id_idx" ON "emails" USING btree ("message_id","created_at");--> statement-breakpoint
CREATE INDEX "emails_unsent_idx" ON "emails" USING btree ("state","created_at") WHERE state in ('queued', 'held', 'retrying', 'failed');--> statement-breakpoint
CREATE INDEX "emails_recipient_sent_at_idx" ON "emails" USING btree (lower("recipient"),"sent_at");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_reply_token_hash_unique" UNIQUE("reply_token_hash");