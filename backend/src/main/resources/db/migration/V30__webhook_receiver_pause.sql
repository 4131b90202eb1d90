-- A receiver that keeps failing is paused instead of being called for every waiting message: with a
-- receiver down, each report's message cost an attempt (a claim, a failed call and a result row) within
-- seconds, a fifth of the database's time during intake. While paused its messages wait without
-- spending attempts; when the pause ends one batch is tried, and one delivery resumes the receiver.
-- The worker writes these columns; the administrator sees them and may resume at once.
ALTER TABLE webhook_subscription
    ADD COLUMN consecutive_failures integer     NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    ADD COLUMN failing_since        timestamptz,
    ADD COLUMN paused_until         timestamptz;
