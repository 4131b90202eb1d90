-- 发现率 and 未诉先办率 from the case facts (issue #10): the daily hotline matching records its outcome as a
-- hotline-match event on both cases, and the facts keep it. Rows of cases already matched are filled by a facts
-- rebuild (POST /api/v1/case-facts/rebuild) once the events are there; new matches keep them in step.
ALTER TABLE case_facts
    ADD COLUMN hotline_checked_at      timestamptz,
    ADD COLUMN hotline_finding         varchar(32),
    ADD COLUMN found_before_complaint  boolean NOT NULL DEFAULT false,
    ADD COLUMN solved_before_complaint boolean NOT NULL DEFAULT false,
    ADD COLUMN complaint_count         integer NOT NULL DEFAULT 0,
    ADD COLUMN first_complaint_at      timestamptz;
