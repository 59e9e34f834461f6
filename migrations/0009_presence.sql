-- Presence: who is reading a message or writing a reply, kept alive by heartbeats and expiring on its
-- own. Unlogged like rate_limits: a heartbeat writes no WAL; a PostgreSQL crash empties it, and the
-- next heartbeats (seconds later) fill it again.
CREATE UNLOGGED TABLE "presence" (
	"message_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"state" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "presence_message_id_user_id_pk" PRIMARY KEY("message_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "presence" ADD CONSTRAINT "presence_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presence" ADD CONSTRAINT "presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "presence_expires_at_idx" ON "presence" USING btree ("expires_at");