-- The rules' facts are one prepared statement now (db/routing-rules.repo.ts): the session keeps its
-- plan as it kept the function's, and the lexemes come as the tsvector's own text, read by
-- db/tsvector.ts, instead of a JSON array that two PL/pgSQL calls, two unnests and an aggregate built
-- at every submission (a third of what routing cost PostgreSQL; bench/RESULTS.md).
DROP FUNCTION "routing_facts"(regconfig, text, text, boolean, boolean);--> statement-breakpoint
DROP FUNCTION "lexemes_of"(regconfig, text);
