-- The acceptor's queue takes reports a volunteer confirmed first (issue #11): they are read in deadline order
-- from this small partial index, the others from city_case_queue_state_idx, and the two ranges are merged, so
-- the first page stays an index range read however many reports wait.
CREATE INDEX city_case_confirmed_queue_idx
    ON city_case (tenant_id, (coalesce(phase_deadline, 'infinity'::timestamptz)), id)
    WHERE is_open AND state = 'REPORTED' AND triage = 'CONFIRMED';
