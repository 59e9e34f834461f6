-- The dashboard's unanswered now: counted by team and assignee, by age, and the oldest, from the index
-- alone (the waiting messages' rows were visited one by one: 0.1 s of each overview at a million).
CREATE INDEX "messages_unanswered_waiting_since_idx" ON "messages" USING btree ("waiting_since","id","team_id","assignee_id") WHERE status = 'unanswered';
