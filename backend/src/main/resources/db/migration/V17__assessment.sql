-- Assessment (考评 / 考评+, issue #10). Schemes and overlays are data: each edit is a new version in force from a
-- date, never changed (the versions are the audit trail: who, when, what; the previous version is the old value).
-- A run is immutable: the composite scheme it used (with the versions it was made of), the period, a digest of
-- every input it read and its result exactly as computed, so it can be reproduced and compared byte for byte.
CREATE TABLE assessment_scheme (
    tenant_id       varchar(32)  NOT NULL,
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            varchar(8)   NOT NULL CHECK (kind IN ('SCHEME', 'OVERLAY')),
    code            varchar(40)  NOT NULL,
    -- overlays: the scheme they stack on
    baseline        varchar(40),
    version         integer      NOT NULL,
    effective_from  date         NOT NULL,
    body            jsonb        NOT NULL,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(64)  NOT NULL,
    CONSTRAINT assessment_scheme_version_uk UNIQUE (tenant_id, kind, code, version)
);
CREATE INDEX assessment_scheme_from_idx ON assessment_scheme (tenant_id, kind, code, effective_from);

CREATE TABLE assessment_run (
    tenant_id        varchar(32)  NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scheme_code      varchar(40)  NOT NULL,
    scheme_version   integer      NOT NULL,
    overlay_code     varchar(40),
    overlay_version  integer,
    period_from      date         NOT NULL,
    period_to        date         NOT NULL,
    target_count     integer      NOT NULL,
    case_count       integer      NOT NULL,
    -- SHA-256 (hex) of the composite scheme, the period and every case row read
    input_digest     varchar(64)  NOT NULL,
    -- the result as computed (JSON text, kept as text so a reproduction compares byte for byte)
    result           text         NOT NULL,
    created_at       timestamptz  NOT NULL,
    created_by       varchar(64)  NOT NULL
);
CREATE INDEX assessment_run_idx ON assessment_run (tenant_id, id DESC);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assessment_scheme', 'assessment_run'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;

-- Versions and runs are append-only for the service itself.
REVOKE UPDATE, DELETE, TRUNCATE ON assessment_scheme FROM ${app_role};
REVOKE UPDATE, DELETE, TRUNCATE ON assessment_run FROM ${app_role};
