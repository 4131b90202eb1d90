-- What assessment (issue #10) needs of each case beyond the facts of V11/V14, maintained like every other
-- column by cases.facts.CaseFactsFold (the projector live, the rebuild from history):
-- * dispatches made (dispatch and consultation decisions) beside the returns already counted, for 准确派遣率;
-- * per time-limited phase, how many attempts ended and how many of those on time (the phase rows), for
--   按时派遣率 and 按时核查率;
-- * verifications: how many failed (rework sent back by a verifier, not reopen requests), the moment of the
--   last verification and who made it (a supervisor's post), for 返工率 and the posts' indicators;
-- * the last suspension's start and end, so "suspended (挂账/缓办) at the end of a period" is known for a
--   past period too (suspended_since alone says only whether the case is suspended now).
-- Existing rows get their values from the next rebuild (POST /api/v1/case-facts/rebuild) or their next event.
ALTER TABLE case_facts
    ADD COLUMN dispatch_count              integer NOT NULL DEFAULT 0,
    ADD COLUMN dispatch_ended_count        integer NOT NULL DEFAULT 0,
    ADD COLUMN dispatch_on_time_count      integer NOT NULL DEFAULT 0,
    ADD COLUMN verification_ended_count    integer NOT NULL DEFAULT 0,
    ADD COLUMN verification_on_time_count  integer NOT NULL DEFAULT 0,
    ADD COLUMN verify_fail_count           integer NOT NULL DEFAULT 0,
    ADD COLUMN last_verified_at            timestamptz,
    ADD COLUMN verifier_id                 bigint,
    ADD COLUMN last_suspension_from        timestamptz,
    ADD COLUMN last_suspension_until       timestamptz;

-- Assessment reads a period's cases by any of the moments it counts on.
CREATE INDEX case_facts_verified_idx ON case_facts (tenant_id, last_verified_at) WHERE last_verified_at IS NOT NULL;
CREATE INDEX case_facts_disposal_deadline_idx ON case_facts (tenant_id, disposal_deadline) WHERE disposal_deadline IS NOT NULL;
