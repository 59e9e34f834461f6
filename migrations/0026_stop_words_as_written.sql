-- Stop words are recognised as written, before accents are folded: french_unaccent folds them before
-- french_stem reads its stop list, which spells them with accents, so "été", "même" and "était" were
-- counted as terms. The words are then counted again.
-- The terms of a text as its customer wrote them: each stem (stop words removed, those to_tsvector
-- finds and those as written, and stems that are themselves stop words), and two or three stems in a
-- row within a sentence (stop words between them allowed), keyed by stems joined with spaces, each with
-- the surface form the text writes most often (lower case, accents kept; ties go to the first in
-- alphabetical order). Positions match to_tsvector(config, words), so every term's stems are in the
-- message's `search`. Same signature and output as migrations/0015's; only `stemmer` and the last
-- condition of `written` are new.
CREATE OR REPLACE FUNCTION "customer_words"(config regconfig, words text)
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
  -- The dictionary the configuration hands a word to after unaccent: its stemmer, whose stop list
  -- spells the words as written ("été", "même", "était").
  stemmer as (
    select mapdict::regdictionary as dictionary from pg_ts_config_map
    where mapcfg = config and maptokentype = 2 order by mapseqno desc limit 1
  ),
  written as (
    select l.lexeme, t.token, t.segment, t.start_at, t.pos
    from tokens t join lexemes l on l.pos = t.pos
    where t.tokid in (1, 2, 10, 11) and t.pos < 16383 and length(l.lexeme) > 1
      -- A stop word as written is one, whatever unaccent makes of it ("ete" is no stop word): an
      -- empty lexize. ASCII words (1, 11), which unaccent leaves alone, to_tsvector has looked up already.
      and (t.tokid in (1, 11) or ts_lexize((select dictionary from stemmer), lower(t.token)) is distinct from '{}')
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
$$;--> statement-breakpoint
-- Every message counted again with it, as counting from scratch would (words.repo.ts,
-- countWordsFromScratch and countWordWeeksAndMonths): what was folded with the old function is
-- forgotten, the backlog with it (the messages it queued are counted here as they are now). The
-- folder's lock first, so that no fold runs meanwhile; the truncation then holds back every writer's
-- trigger (each appends to word_backlog) until the commit, so a message is either counted here or
-- queued after. One pass over the messages, in the start's migration: up to about 2 ms per message
-- (4,000 in 7.6 s on a busy 2-core machine), minutes at a million. Queueing them instead (as 0015
-- did) would start at once, but every read would count the whole backlog until it is folded.
SELECT pg_advisory_xact_lock(2003792484);--> statement-breakpoint
TRUNCATE "word_backlog", "word_folds", "word_counts", "word_surfaces";--> statement-breakpoint
SET LOCAL work_mem = '64MB';--> statement-breakpoint
INSERT INTO "word_surfaces" ("term", "span", "day", "team_id", "locale", "surface", "messages")
SELECT w.term, 'day', (m.created_at at time zone 'UTC')::date, m.team_id, m.locale, w.surface, count(*)
FROM "messages" m, message_words(m.locale, m.body, m.follow_ups) w
WHERE m.status <> 'spam'
GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
INSERT INTO "word_surfaces" ("term", "span", "day", "team_id", "locale", "surface", "messages")
SELECT c.term, s.span, s.day, c.team_id, c.locale, c.surface, sum(c.messages)::int
FROM "word_surfaces" c, word_spans(c.day) s
WHERE c.span = 'day' AND s.span <> 'day'
GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
-- In the order reads go (one span after the other), as migrations/0021 wrote them.
INSERT INTO "word_counts" ("span", "day", "team_id", "locale", "term", "messages")
SELECT span, day, team_id, locale, term, sum(messages)::int
FROM "word_surfaces"
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "word_folds" ("message_id", "day", "team_id", "locale", "follow_ups_length")
SELECT id, (created_at at time zone 'UTC')::date, team_id, locale, length(follow_ups)
FROM "messages" WHERE status <> 'spam';--> statement-breakpoint
ANALYZE "word_counts";--> statement-breakpoint
ANALYZE "word_surfaces";
