-- Weekly digests and Customer Day reminders (issue 11): the digest's subscribers, and emails about no
-- message (a digest, a reminder), which say instead whom and which day they are about.
CREATE TABLE "digest_subscribers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"locale" text NOT NULL,
	"team_id" uuid,
	"tag" text,
	"unsubscribe_token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unsubscribed_at" timestamp with time zone,
	CONSTRAINT "digest_subscribers_unsubscribe_token_hash_unique" UNIQUE("unsubscribe_token_hash"),
	CONSTRAINT "digest_subscribers_team_or_tag" CHECK ((team_id is null) <> (tag is null))
);
--> statement-breakpoint
ALTER TABLE "emails" ALTER COLUMN "message_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "subscriber_id" uuid;--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "about_day" date;--> statement-breakpoint
ALTER TABLE "digest_subscribers" ADD CONSTRAINT "digest_subscribers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_subscribers" ADD CONSTRAINT "digest_subscribers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "digest_subscribers_active_idx" ON "digest_subscribers" USING btree ("created_at") WHERE unsubscribed_at is null;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_subscriber_id_digest_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."digest_subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_about_a_message" CHECK (message_id is not null or kind in ('digest', 'customer_day_reminder'));