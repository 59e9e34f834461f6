-- Forms are set by admins (/api/v1/forms): the acknowledgement's words per language, the widget's accent,
-- and archiving (a form that takes no more messages keeps the ones it has), with when it last changed.
ALTER TABLE "forms" ADD COLUMN "acknowledgements" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "accent" text;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;