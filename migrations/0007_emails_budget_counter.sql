-- An address's hourly budget of automatic emails is now a counter (rate_limits), counted by the
-- statement that stores each email: the index the count of recent emails used is no longer read.
DROP INDEX "emails_recipient_sent_at_idx";
