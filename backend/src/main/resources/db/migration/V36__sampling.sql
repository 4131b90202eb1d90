-- Sampling of district supervisors' reports (issue #10, 重复案件率 / 假错案件率): each day a configured share of the
-- day's district supervisor reports is drawn, seeded from (city, day) so the draw can be repeated, and recorded; city
-- reviewers judge each sampled report valid, a duplicate or false. The judgement is the case core's own now: the
-- duplicate and false-case rates read it. The draw of a day is kept once (drawing it again changes nothing).
CREATE TABLE sampling_settings (
    tenant_id          varchar(32)  NOT NULL,
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    share              numeric(5,4) NOT NULL CHECK (share >= 0 AND share <= 1),
    judge_working_days integer      NOT NULL CHECK (judge_working_days BETWEEN 1 AND 60),
    updated_at         timestamptz  NOT NULL,
    updated_by         varchar(64)  NOT NULL,
    version            bigint       NOT NULL DEFAULT 0,
    UNIQUE (tenant_id)
);

CREATE TABLE sampling_draw (
    tenant_id     varchar(32)  NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    day           date         NOT NULL,
    seed          bigint       NOT NULL,
    share         numeric(5,4) NOT NULL,
    report_count  integer      NOT NULL,
    sample_count  integer      NOT NULL,
    deadline      timestamptz  NOT NULL,
    drawn_at      timestamptz  NOT NULL,
    drawn_by      varchar(64)  NOT NULL,
    UNIQUE (tenant_id, day)
);

CREATE TABLE sampling_sample (
    tenant_id     varchar(32)  NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    day           date         NOT NULL,
    case_number   varchar(40)  NOT NULL,
    seed          bigint,
    drawn_at      timestamptz  NOT NULL,
    deadline      timestamptz,
    origin        varchar(12)  NOT NULL DEFAULT 'DRAW' CHECK (origin IN ('DRAW', 'IMPORT')),
    verdict       varchar(12)  CHECK (verdict IN ('VALID', 'DUPLICATE', 'FALSE')),
    note          varchar(500),
    judged_by     varchar(64),
    judged_at     timestamptz,
    version       bigint       NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, day, case_number),
    CHECK ((verdict IS NULL) = (judged_at IS NULL))
);
CREATE INDEX sampling_sample_open_idx ON sampling_sample (tenant_id, deadline) WHERE verdict IS NULL;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['sampling_settings', 'sampling_draw', 'sampling_sample'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;

-- A draw is a record: never changed or removed by the service; a sample is only ever judged, never removed.
REVOKE UPDATE, DELETE, TRUNCATE ON sampling_draw FROM ${app_role};
REVOKE DELETE, TRUNCATE ON sampling_sample FROM ${app_role};
