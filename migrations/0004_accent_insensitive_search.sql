-- Accent-insensitive search: French and English text search configurations that fold accents
-- (unaccent) before stemming, so that "velo" finds "vélo" and "élève" finds "eleve". PostgreSQL ships
-- unaccent in its contrib package (a trusted extension: the database's owner may create it); PGlite
-- loads it in server/src/db/client.ts.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION french_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION english_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;--> statement-breakpoint
-- The generated column is recomputed for every message (and its index, dropped with it, rebuilt).
ALTER TABLE "messages" drop column "search";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector(case when locale = 'fr' then 'french_unaccent'::regconfig else 'english_unaccent'::regconfig end, coalesce(customer_name, '') || ' ' || body || ' ' || follow_ups)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search");
