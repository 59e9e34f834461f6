-- The customers' own words (GET /api/v1/stats/words), counted without slowing writers down: a
-- trigger appends each message that is written, moved, (un)marked spam or deleted to word_backlog in
-- the writer's transaction (an insert: writers never wait for each other, nor update hot count rows);
-- the folder (server/src/db/words.repo.ts) folds the backlog into word_counts after the commit, under
-- an advisory lock. Readers add the backlog not yet folded, so what they show is always exact.
CREATE TABLE "word_backlog" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"body" text,
	"follow_ups" text
);
--> statement-breakpoint
CREATE TABLE "word_counts" (
	"day" date NOT NULL,
	"team_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"term" text NOT NULL,
	"surface" text NOT NULL,
	"messages" integer NOT NULL,
	CONSTRAINT "word_counts_day_team_id_locale_term_surface_pk" PRIMARY KEY("day","team_id","locale","term","surface")
);
--> statement-breakpoint
CREATE TABLE "word_folds" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"team_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"follow_ups_length" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "word_counts_zero_idx" ON "word_counts" USING btree ("day") WHERE messages = 0;
--> statement-breakpoint
-- The terms of a text as its customer wrote them: each stem (stop words removed, as to_tsvector
-- does, and stems that are themselves stop words), and two or three stems in a row within a sentence
-- (stop words between them allowed), keyed by stems joined with spaces, each with the surface form
-- the text writes most often (lower case, accents kept; ties go to the first in alphabetical order).
-- Positions match to_tsvector(config, words), so every term's stems are in the message's `search`.
CREATE FUNCTION "customer_words"(config regconfig, words text)
RETURNS TABLE (term text, surface text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  with tokens as (
    select tokid, token,
      -- Where the token starts in the text: a hyphenated word comes whole, then part by part.
      (sum(length(token) * (tokid not in (15, 16, 17))::int) over w - length(token) + 1)::int as start_at,
      -- Its position in to_tsvector(config, words): every token but spaces, tags and entities takes one.
      count(*) filter (where tokid not in (12, 13, 14, 23)) over w as pos,
      -- A phrase stops at punctuation, a line break, a number, an address: anything but a word, a
      -- stop word, a space, an apostrophe or a hyphen.
      sum((tokid not in (1, 2, 10, 11, 15, 16, 17)
           and not (tokid = 12 and token ~ '^[[:space:]''’-]*$' and token !~ '[\n\r]'))::int) over w as segment
    from ts_parse('default', words) with ordinality as t(tokid, token, ord)
    window w as (order by ord)
  ),
  lexemes as (
    select lexeme, unnest(positions) as pos from unnest(to_tsvector(config, words))
  ),
  written as (
    select l.lexeme, t.token, t.segment, t.start_at, t.pos
    from tokens t join lexemes l on l.pos = t.pos
    where t.tokid in (1, 2, 10, 11) and t.pos < 16383 and length(l.lexeme) > 1
  ),
  stems as (
    select lexeme, row_number() over (order by lexeme) as pos from (select distinct lexeme from written) d
  ),
  -- A stem that is itself a stop word is one too: "les" is not in the French list, but "le" is.
  stop_stems as (
    select lexeme from stems
    where pos not in (select unnest(positions) from unnest(to_tsvector(config, (select string_agg(lexeme, ' ' order by pos) from stems))))
  ),
  terms as (
    select lexeme, lower(token) as surface, segment, start_at,
      lead(lexeme, 1) over w as lexeme2, lead(segment, 1) over w as segment2,
      lead(start_at + length(token), 1) over w as end2,
      lead(lexeme, 2) over w as lexeme3, lead(segment, 2) over w as segment3,
      lead(start_at + length(token), 2) over w as end3
    from written where lexeme not in (select lexeme from stop_stems)
    window w as (order by pos)
  ),
  grams as (
    select lexeme as term, surface from terms
    union all
    select lexeme || ' ' || lexeme2, lower(regexp_replace(substr(words, start_at, end2 - start_at), '\s+', ' ', 'g'))
    from terms where segment2 = segment
    union all
    select lexeme || ' ' || lexeme2 || ' ' || lexeme3,
           lower(regexp_replace(substr(words, start_at, end3 - start_at), '\s+', ' ', 'g'))
    from terms where segment3 = segment
  )
  select distinct on (term) term, surface
  from grams group by term, surface
  order by term, count(*) desc, surface
$$;;--> statement-breakpoint
-- A message's customer words: what it was written with and what the customer wrote since, one turn
-- a line (a phrase never runs from one turn into the next).
CREATE FUNCTION "message_words"(locale text, body text, follow_ups text)
RETURNS TABLE (term text, surface text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select * from customer_words(case when locale = 'fr' then 'french_unaccent'::regconfig else 'english_unaccent'::regconfig end,
                               body || E'\n' || follow_ups)
$$;--> statement-breakpoint
CREATE FUNCTION "queue_message_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO word_backlog (message_id, body, follow_ups) VALUES (OLD.id, OLD.body, OLD.follow_ups);
  ELSE
    INSERT INTO word_backlog (message_id) VALUES (NEW.id);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "messages_queue_words_on_insert" AFTER INSERT ON "messages"
  FOR EACH ROW WHEN (NEW.status <> 'spam') EXECUTE FUNCTION "queue_message_words"();--> statement-breakpoint
-- The body never changes; the follow-ups only grow (the folder reads what it folded as their prefix).
CREATE TRIGGER "messages_queue_words_on_update" AFTER UPDATE OF team_id, status, follow_ups, created_at ON "messages"
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id OR (OLD.status = 'spam') <> (NEW.status = 'spam')
                     OR OLD.follow_ups <> NEW.follow_ups OR OLD.created_at <> NEW.created_at)
  EXECUTE FUNCTION "queue_message_words"();--> statement-breakpoint
CREATE TRIGGER "messages_queue_words_on_delete" AFTER DELETE ON "messages"
  FOR EACH ROW EXECUTE FUNCTION "queue_message_words"();--> statement-breakpoint
-- The messages already there are counted by the first folds after the start (and read meanwhile).
INSERT INTO word_backlog (message_id) SELECT id FROM messages WHERE status <> 'spam' ORDER BY created_at;
