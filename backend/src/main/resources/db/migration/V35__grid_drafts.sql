-- A grid layout uploaded on the administrator's page and checked (dry run) but not imported yet (issue #12).
-- The page redirects after the upload (post, redirect, get), so the file and its report must outlive the
-- request: the draft page lists the problems and draws the layout with the faulty features marked, and
-- imports the very file that was checked. Drafts are working copies: a city keeps its latest few.
CREATE TABLE grid_draft (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       varchar(32)  NOT NULL REFERENCES tenant (code),
    file_name       varchar(200) NOT NULL,
    uploaded_by     varchar(64)  NOT NULL,
    uploaded_at     timestamptz  NOT NULL,
    effective_from  date         NOT NULL,
    body            text         NOT NULL,
    report          text         NOT NULL,
    valid           boolean      NOT NULL,
    imported_version integer
);
CREATE INDEX grid_draft_tenant_idx ON grid_draft (tenant_id, uploaded_at DESC);

ALTER TABLE grid_draft ENABLE ROW LEVEL SECURITY;
ALTER TABLE grid_draft FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON grid_draft USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
