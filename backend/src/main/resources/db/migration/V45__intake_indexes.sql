-- Fewer index entries per new case (issue #8: every report inserts one city_case row, and each index is
-- a write of its own, measured with pgbench's multi-row inserts into this table: the GiST index alone
-- cost a fifth of the insert).
--
-- The duplicate check of a report asks the in-memory OpenCaseIndex, and only when that is not trusted
-- (a listener that dropped, a city being read) the database. That fallback is bounded by the subclass's
-- time window, so the (city, kind, subclass, reported) index serves it; the GiST index on the open
-- cases' points was kept up on every insert for it alone.
DROP INDEX IF EXISTS city_case_open_location_idx;

-- The deadline job looks for open cases whose reminder or deadline has come. Reminders were found by a
-- scan of every open case (reminder_at had no index; 260 ms a sweep with 200,000 open cases); one index
-- on the earlier of the two now serves both looks, in place of the one on the deadline alone.
CREATE INDEX city_case_next_due_idx ON city_case ((least(reminder_at, phase_deadline))) WHERE is_open AND NOT overdue;
DROP INDEX IF EXISTS city_case_deadline_idx;

-- The outbox worker claims due messages of the receivers it may call now. With a receiver paused (it
-- kept failing) its waiting messages were still due by time, so every claim read past all of them and
-- found each one's receiver paused: 0.8-1.1 s a claim, and as long again for the sweep of spent
-- attempts, with the 200,000 messages an intake run left for a receiver that never answers. Keyed by
-- receiver first, the claim and the sweep read only the receivers they may call (and the residents'
-- messages, which have none), however long a paused receiver's queue.
CREATE INDEX outbox_message_due_by_receiver_idx ON outbox_message (tenant_id, subscription_id, next_attempt_at)
    WHERE status = 'PENDING';
DROP INDEX IF EXISTS outbox_message_due_idx;
