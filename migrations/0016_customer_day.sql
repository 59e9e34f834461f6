CREATE TABLE "customer_day_pins" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"note" text,
	"pinned_by" uuid,
	"pinned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_day_reports" (
	"customer_day" date PRIMARY KEY NOT NULL,
	"report" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_day_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_day" date NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "customer_day_shares_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "customer_day_pins" ADD CONSTRAINT "customer_day_pins_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_day_pins" ADD CONSTRAINT "customer_day_pins_pinned_by_users_id_fk" FOREIGN KEY ("pinned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_day_reports" ADD CONSTRAINT "customer_day_reports_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_day_shares" ADD CONSTRAINT "customer_day_shares_customer_day_customer_day_reports_customer_day_fk" FOREIGN KEY ("customer_day") REFERENCES "public"."customer_day_reports"("customer_day") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_day_shares" ADD CONSTRAINT "customer_day_shares_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_day_shares_customer_day_idx" ON "customer_day_shares" USING btree ("customer_day","created_at");