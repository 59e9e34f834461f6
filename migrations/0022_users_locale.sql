-- People's own language (issue 11): the interface's, chosen in the SPA, which emails to them speak;
-- null until they choose, and then emails to them are in both languages.
ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale_known" CHECK (locale in ('fr', 'en'));