-- The non-system sources of assessment (issue #10): 明察 open inspections (a panel member's score of a target), 暗访
-- unannounced visits (one problem found: place, description, photo references), 社会监督 social supervision (a valid
-- resident's report or a media exposure case, with its case number when there is one) and 公众评议 survey results
-- (a score per target, entered or imported from CSV). An entry is never changed: a correction is a new entry that
-- names the one it replaces (corrects) or withdraws it; only the newest of a chain counts. Who entered it and when
-- are kept with it (the audit trail).
CREATE TABLE assessment_source_entry (
    tenant_id     varchar(32)   NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source        varchar(12)   NOT NULL CHECK (source IN ('INSPECTION', 'VISIT', 'SUPERVISION', 'SURVEY')),
    target        varchar(64)   NOT NULL,
    day           date          NOT NULL,
    -- inspections and surveys: 0 to 100
    score         numeric(7, 2) CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    -- inspections: the panel member (or the panel) who gave the score
    panelist      varchar(100),
    -- social supervision: RESIDENT (a valid resident's report) or MEDIA (a media exposure case)
    kind          varchar(10)   CHECK (kind IS NULL OR kind IN ('RESIDENT', 'MEDIA')),
    place         varchar(200),
    description   varchar(2000),
    -- photo references (JSON array of strings), as case photos are referenced
    photos        text,
    case_number   varchar(40),
    respondents   integer       CHECK (respondents IS NULL OR respondents > 0),
    corrects      bigint        REFERENCES assessment_source_entry (id),
    withdrawn     boolean       NOT NULL DEFAULT false,
    -- the CSV import the entry came from (its file's SHA-256), null when entered one by one
    import_digest varchar(64),
    created_at    timestamptz   NOT NULL,
    created_by    varchar(64)   NOT NULL
);
CREATE INDEX assessment_source_entry_day_idx ON assessment_source_entry (tenant_id, source, day);
-- a chain of corrections has one newest entry: an entry is corrected at most once
CREATE UNIQUE INDEX assessment_source_entry_corrects_uk ON assessment_source_entry (tenant_id, corrects)
    WHERE corrects IS NOT NULL;

ALTER TABLE assessment_source_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_source_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON assessment_source_entry USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
REVOKE UPDATE, DELETE, TRUNCATE ON assessment_source_entry FROM ${app_role};

-- The source entries a run read (JSON array of ids, ascending), so a reproduction or a recomputation reads exactly
-- those whatever was corrected since; null for a run whose scheme reads no source.
ALTER TABLE assessment_run ADD COLUMN source_entries text;

-- Files an appeal carries (申诉附件): photos (checked and cleaned as case photos are: JPEG, PNG or WebP by signature,
-- size and pixel limits, metadata removed) or PDF documents, stored in the blob storage under the city's prefix;
-- added by the appeal's own target users while it is pending, never changed.
CREATE TABLE assessment_appeal_attachment (
    tenant_id     varchar(32)  NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appeal_id     bigint       NOT NULL REFERENCES assessment_appeal (id),
    file_name     varchar(200),
    media_type    varchar(60)  NOT NULL,
    size_bytes    bigint       NOT NULL,
    sha256        varchar(64)  NOT NULL,
    storage_key   varchar(300) NOT NULL,
    created_at    timestamptz  NOT NULL,
    created_by    varchar(64)  NOT NULL
);
CREATE INDEX assessment_appeal_attachment_idx ON assessment_appeal_attachment (tenant_id, appeal_id, id);
ALTER TABLE assessment_appeal_attachment ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_appeal_attachment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON assessment_appeal_attachment USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
REVOKE UPDATE, DELETE, TRUNCATE ON assessment_appeal_attachment FROM ${app_role};
