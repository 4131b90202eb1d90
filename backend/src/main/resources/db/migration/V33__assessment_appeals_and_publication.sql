-- Appeals, run versions and publication of assessment (issue #10). A run's versions form a family: the first run
-- (version 1, root_run_id null) and each recomputation after an upheld appeal (root_run_id = the first run), every
-- version kept. A version is computed from the same facts and scheme versions as its root with the exclusions of
-- the appeals upheld so far (JSON text, kept with the run so a reproduction reads exactly what it read).
-- The appeal window closes at the end of appeal_until (a day of the city), counted in working days from the day
-- the first version was computed; a recomputation keeps its root's window.
ALTER TABLE assessment_run ADD COLUMN root_run_id bigint REFERENCES assessment_run (id);
ALTER TABLE assessment_run ADD COLUMN run_version integer NOT NULL DEFAULT 1;
ALTER TABLE assessment_run ADD COLUMN exclusions text;
ALTER TABLE assessment_run ADD COLUMN appeal_until date;
CREATE UNIQUE INDEX assessment_run_version_uk ON assessment_run (tenant_id, root_run_id, run_version)
    WHERE root_run_id IS NOT NULL;

-- An appeal of a target's user against one deduction of a run: a case behind an item, an item, or a case in every
-- item. Decided once (UPHELD / REJECTED) by an assessor, with a reason; an upheld appeal names the version it made.
CREATE TABLE assessment_appeal (
    tenant_id        varchar(32)  NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id           bigint       NOT NULL REFERENCES assessment_run (id),
    root_run_id      bigint       NOT NULL REFERENCES assessment_run (id),
    target           varchar(64)  NOT NULL,
    case_number      varchar(40),
    item_code        varchar(40),
    reason           varchar(2000) NOT NULL,
    status           varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'UPHELD', 'REJECTED')),
    created_at       timestamptz  NOT NULL,
    created_by       varchar(64)  NOT NULL,
    decision_reason  varchar(2000),
    decided_at       timestamptz,
    decided_by       varchar(64),
    result_run_id    bigint REFERENCES assessment_run (id),
    version          bigint       NOT NULL DEFAULT 0,
    CHECK (case_number IS NOT NULL OR item_code IS NOT NULL)
);
CREATE INDEX assessment_appeal_status_idx ON assessment_appeal (tenant_id, status, id);
CREATE INDEX assessment_appeal_root_idx ON assessment_appeal (tenant_id, root_run_id);

-- A published ranking: the run version published and, per group, each target's total, rank and outcomes by the
-- scheme's rules, as published (JSON text, never changed). One publication per run family.
CREATE TABLE assessment_publication (
    tenant_id        varchar(32)  NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id           bigint       NOT NULL REFERENCES assessment_run (id),
    root_run_id      bigint       NOT NULL REFERENCES assessment_run (id),
    scheme_code      varchar(81)  NOT NULL,
    scheme_name      varchar(400),
    period_from      date         NOT NULL,
    period_to        date         NOT NULL,
    ranking          text         NOT NULL,
    published_at     timestamptz  NOT NULL,
    published_by     varchar(64)  NOT NULL,
    CONSTRAINT assessment_publication_family_uk UNIQUE (tenant_id, root_run_id)
);
CREATE INDEX assessment_publication_idx ON assessment_publication (tenant_id, id DESC);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assessment_appeal', 'assessment_publication'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;

-- A publication is never changed; appeals are decided (updated) once, never deleted.
REVOKE UPDATE, DELETE, TRUNCATE ON assessment_publication FROM ${app_role};
REVOKE DELETE, TRUNCATE ON assessment_appeal FROM ${app_role};
