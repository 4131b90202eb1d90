-- Satisfaction ratings (满意度评价) of closed cases by the residents who reported or followed them, and the
-- reopen requests (重办申请) a "not solved" rating raises (issue #9).

-- How long after a case closes its residents may rate it, in natural days: each city's own.
ALTER TABLE workflow_settings ADD COLUMN rating_window_days integer NOT NULL DEFAULT 7
    CHECK (rating_window_days BETWEEN 1 AND 90);

-- A rating may carry one photo of the resident's, kept with the case's other photos.
ALTER TABLE case_photo DROP CONSTRAINT case_photo_stage_check;
ALTER TABLE case_photo ADD CONSTRAINT case_photo_stage_check CHECK (stage IN ('BEFORE', 'AFTER', 'RATING'));

-- One rating per resident and case, never changed: it is what satisfaction rates and points are computed from.
CREATE TABLE case_rating (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     varchar(32)  NOT NULL,
    case_id       bigint       NOT NULL,
    user_id       bigint       NOT NULL,
    solved        boolean      NOT NULL,
    satisfaction  varchar(24)  NOT NULL CHECK (satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    comment       varchar(500),
    photo_id      bigint,
    rated_at      timestamptz  NOT NULL,
    CONSTRAINT case_rating_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES city_case (tenant_id, id),
    CONSTRAINT case_rating_once_uk UNIQUE (tenant_id, case_id, user_id)
);
CREATE INDEX case_rating_user_idx ON case_rating (tenant_id, user_id, rated_at);

ALTER TABLE case_rating ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_rating FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON case_rating USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
REVOKE UPDATE, DELETE, TRUNCATE ON case_rating FROM ${app_role};

-- The ratings and reopen requests of each case, as facts (one row per case, several residents may rate it):
-- counts per answer, so satisfaction rates per department, district and street are sums.
ALTER TABLE case_facts
    ADD COLUMN rating_count              integer NOT NULL DEFAULT 0,
    ADD COLUMN satisfied_count           integer NOT NULL DEFAULT 0,
    ADD COLUMN basically_satisfied_count integer NOT NULL DEFAULT 0,
    ADD COLUMN dissatisfied_count        integer NOT NULL DEFAULT 0,
    ADD COLUMN not_solved_count          integer NOT NULL DEFAULT 0,
    ADD COLUMN first_rated_at            timestamptz,
    ADD COLUMN reopen_requests           integer NOT NULL DEFAULT 0,
    ADD COLUMN reopen_accepted           integer NOT NULL DEFAULT 0,
    ADD COLUMN reopen_declined           integer NOT NULL DEFAULT 0;
