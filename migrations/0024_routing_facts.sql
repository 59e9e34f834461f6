-- What routing rules read of a new message (the lexemes of its text, whether its customer wrote
-- before), asked in one call whose plans PL/pgSQL keeps for the session: asked as a query of its own,
-- planning it (the messages table and its indexes) cost more than answering it, at every submission.
-- lexemes_of is the one definition of a text's lexemes for rules: [lexeme, position] pairs, in order.
CREATE FUNCTION "lexemes_of"(config regconfig, words text) RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (SELECT coalesce(jsonb_agg(jsonb_build_array(l.lexeme, p.pos) ORDER BY p.pos, l.lexeme), '[]'::jsonb)
          FROM unnest(to_tsvector(config, words)) l, unnest(l.positions) AS p(pos));
END
$$;--> statement-breakpoint
CREATE FUNCTION "routing_facts"(config regconfig, body text, email text, want_lexemes boolean, want_history boolean)
RETURNS TABLE (lexemes jsonb, written_before boolean) LANGUAGE plpgsql STABLE AS $$
BEGIN
  lexemes := CASE WHEN want_lexemes THEN lexemes_of(config, body) ELSE '[]'::jsonb END;
  written_before := want_history AND email IS NOT NULL
    AND EXISTS (SELECT 1 FROM messages m WHERE lower(m.customer_email) = lower(email));
  RETURN NEXT;
END
$$;
