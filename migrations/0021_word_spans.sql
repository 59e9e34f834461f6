-- The customers' words counted per week and month beside the days, so that a quarter and the one
-- before read about thirty spans instead of 182 days; and the written forms in a table of their own
-- (word_surfaces), read only for the ~80 terms a read shows. Weeks (ISO: Monday to Sunday) and months
-- are made of the same UTC days as before. The counts there are moved into the new tables.
-- The spans a day belongs to: itself, its week (from Monday), its month (from the 1st); plain date
-- arithmetic, so the session's time zone never moves a day into another span.
CREATE FUNCTION "word_spans"(of_day date)
RETURNS TABLE (span text, day date) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select 'day', of_day
  union all select 'week', of_day - (extract(isodow from of_day)::int - 1)
  union all select 'month', of_day - (extract(day from of_day)::int - 1)
$$;--> statement-breakpoint
ALTER TABLE "word_counts" RENAME TO "word_counts_by_day";--> statement-breakpoint
DROP INDEX "word_counts_term_day_idx";--> statement-breakpoint
DROP INDEX "word_counts_zero_idx";--> statement-breakpoint
CREATE TABLE "word_counts" (
	"span" text NOT NULL,
	"day" date NOT NULL,
	"team_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"term" text NOT NULL,
	"messages" integer NOT NULL,
	CONSTRAINT "word_counts_span_day_team_id_locale_term_pk" PRIMARY KEY("span","day","team_id","locale","term")
);
--> statement-breakpoint
CREATE TABLE "word_surfaces" (
	"term" text NOT NULL,
	"span" text NOT NULL,
	"day" date NOT NULL,
	"team_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"surface" text NOT NULL,
	"messages" integer NOT NULL,
	CONSTRAINT "word_surfaces_term_span_day_team_id_locale_surface_pk" PRIMARY KEY("term","span","day","team_id","locale","surface")
);
--> statement-breakpoint
SET LOCAL work_mem = '64MB';--> statement-breakpoint
INSERT INTO "word_surfaces" ("term", "span", "day", "team_id", "locale", "surface", "messages")
SELECT c.term, s.span, s.day, c.team_id, c.locale, c.surface, sum(c.messages)::int
FROM "word_counts_by_day" c, word_spans(c.day) s
GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
-- In the order reads go (one span after the other), so that a span's rows sit together.
INSERT INTO "word_counts" ("span", "day", "team_id", "locale", "term", "messages")
SELECT span, day, team_id, locale, term, sum(messages)::int
FROM "word_surfaces"
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5;--> statement-breakpoint
DROP TABLE "word_counts_by_day";--> statement-breakpoint
CREATE INDEX "word_surfaces_zero_idx" ON "word_surfaces" USING btree ("span","day") WHERE messages = 0;--> statement-breakpoint
CREATE INDEX "word_counts_zero_idx" ON "word_counts" USING btree ("span","day") WHERE messages = 0;--> statement-breakpoint
-- A read sums half a million rows for a quarter of every language: from the index alone, without
-- visiting the table (twice as fast at 1,000,000 messages, bench/RESULTS.md). Not in the drizzle
-- schema, which cannot say INCLUDE.
CREATE INDEX "word_counts_read_idx" ON "word_counts" USING btree ("span","day","team_id","locale","term") INCLUDE ("messages");--> statement-breakpoint
ANALYZE "word_counts";--> statement-breakpoint
ANALYZE "word_surfaces";
