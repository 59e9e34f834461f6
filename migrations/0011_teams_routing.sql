-- Teams and routing rules. Every message belongs to a team: a default team is made here, and every
-- existing message and user is put in it. New messages that no rule routes go to the default team
-- through the column's default, default_team_id(), so that no insert has to name it.
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"match" text NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"stop" boolean DEFAULT false NOT NULL,
	"phrase_lexemes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"last_assigned_at" timestamp with time zone,
	CONSTRAINT "team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"first_reply_target_minutes" integer DEFAULT 240 NOT NULL,
	"commitment_delay_days" integer DEFAULT 7 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "available" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "teams_one_default" ON "teams" USING btree ("is_default") WHERE is_default;--> statement-breakpoint
INSERT INTO "teams" ("name", "is_default") VALUES ('General', true);--> statement-breakpoint
INSERT INTO "team_members" ("team_id", "user_id") SELECT t.id, u.id FROM "teams" t, "users" u WHERE t.is_default;--> statement-breakpoint
CREATE FUNCTION default_team_id() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT id FROM teams WHERE is_default $$;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "team_id" uuid DEFAULT default_team_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "awaiting_assignee" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("position");--> statement-breakpoint
CREATE INDEX "team_members_user_id_idx" ON "team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_name_unique" ON "teams" USING btree (lower("name"));--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_team_created_at_idx" ON "messages" USING btree ("team_id","created_at","id");--> statement-breakpoint
CREATE INDEX "messages_awaiting_assignee_idx" ON "messages" USING btree ("team_id","created_at","id") WHERE awaiting_assignee;