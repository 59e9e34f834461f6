-- The sequencer (db/live-events.repo.ts) numbers every committed row, batch after batch, instead of
-- waiting for every older transaction on the server to end: a transaction left open anywhere on the
-- PostgreSQL server (even in another database) held the whole live inbox back. The writing
-- transaction's id is no longer needed.
ALTER TABLE "live_events" DROP COLUMN "xid";
