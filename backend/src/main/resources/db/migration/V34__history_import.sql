-- History import (issue #10): a city arriving from an older system brings its cases along. An imported case is a
-- case like any other (its events, phase rows and facts), marked as imported; the import itself, the digest of
-- each line it brought (so importing the same file again changes nothing, and a number that comes back with
-- other content is refused), and the sampled judgements of the old system (no judgement concept exists yet in
-- the case core, so they are kept here with the import).
ALTER TABLE city_case ADD COLUMN imported boolean NOT NULL DEFAULT false;
ALTER TABLE case_facts ADD COLUMN imported boolean NOT NULL DEFAULT false;

CREATE TABLE history_import (
    tenant_id       varchar(32)  NOT NULL,
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    state           varchar(12)  NOT NULL CHECK (state IN ('COMPLETED')),
    file_digest     varchar(64)  NOT NULL,
    line_count      integer      NOT NULL,
    created_count   integer      NOT NULL,
    unchanged_count integer      NOT NULL,
    judgement_count integer      NOT NULL,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(64)  NOT NULL
);
CREATE INDEX history_import_idx ON history_import (tenant_id, id DESC);

CREATE TABLE history_import_case (
    tenant_id    varchar(32)  NOT NULL,
    case_number  varchar(40)  NOT NULL,
    import_id    bigint       NOT NULL REFERENCES history_import (id),
    line_digest  varchar(64)  NOT NULL,
    PRIMARY KEY (tenant_id, case_number)
);

CREATE TABLE history_judgement (
    tenant_id    varchar(32)  NOT NULL,
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_id    bigint       NOT NULL REFERENCES history_import (id),
    case_number  varchar(40)  NOT NULL,
    sampled_on   date         NOT NULL,
    verdict      varchar(12)  NOT NULL CHECK (verdict IN ('VALID', 'DUPLICATE', 'FALSE')),
    judged_by    varchar(64),
    judged_at    timestamptz
);
CREATE INDEX history_judgement_idx ON history_judgement (tenant_id, sampled_on);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['history_import', 'history_import_case', 'history_judgement'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;

-- An import and what it brought are never changed by the service.
REVOKE UPDATE, DELETE, TRUNCATE ON history_import FROM ${app_role};
REVOKE UPDATE, DELETE, TRUNCATE ON history_import_case FROM ${app_role};
REVOKE UPDATE, DELETE, TRUNCATE ON history_judgement FROM ${app_role};
