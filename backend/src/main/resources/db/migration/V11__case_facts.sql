-- The read side of cases (case facts): one row per case with what assessment, points, dashboards, Open311
-- and the hotline rates need to know about it. Written in the same transaction as the case event that
-- changes it (cases.facts.CaseFactsProjector), and recomputable at any time from the case's immutable
-- events, its phase rows and its report-time columns (cases.facts.CaseFactsRebuild).
CREATE TABLE case_facts (
    tenant_id              varchar(32)   NOT NULL,
    case_id                bigint        NOT NULL,
    number                 varchar(32)   NOT NULL,
    -- how many events of the case the row has taken in: equal to the last event's seq
    event_count            integer       NOT NULL,
    state                  varchar(24)   NOT NULL,
    is_open                boolean       NOT NULL,
    -- who reported, through which source
    reporter_id            bigint,
    reporter_role          varchar(32)   NOT NULL,
    source_code            varchar(32)   NOT NULL,
    source_channel         varchar(24)   NOT NULL,
    hotline_ticket         varchar(64),
    -- what the problem is
    kind                   varchar(16)   NOT NULL,
    class_code             varchar(4)    NOT NULL,
    key_class              boolean       NOT NULL,
    minor                  boolean       NOT NULL,
    base_case_weight       numeric(6, 2) NOT NULL,
    problem_type           varchar(16)   NOT NULL,
    condition_code         varchar(8),
    -- where, in the layout in force when it was reported
    layout_version         integer       NOT NULL,
    unit_code              varchar(17)   NOT NULL,
    management_code        varchar(14)   NOT NULL,
    community_code         varchar(12)   NOT NULL,
    street_code            varchar(9)    NOT NULL,
    district_code          varchar(6)    NOT NULL,
    -- moments
    reported_at            timestamptz   NOT NULL,
    filed_at               timestamptz,
    dispatched_at          timestamptz,
    closed_at              timestamptz,
    rejected_at            timestamptz,
    merged_at              timestamptz,
    voided_at              timestamptz,
    -- each time-limited phase: attempts, the last attempt's deadline and end, on time (null while none
    -- ended; false when any attempt ended late), the first moment an attempt was flagged overdue
    filing_attempts        integer       NOT NULL,
    filing_deadline        timestamptz,
    filing_ended_at        timestamptz,
    filing_on_time         boolean,
    filing_overdue_at      timestamptz,
    dispatch_attempts      integer       NOT NULL,
    dispatch_deadline      timestamptz,
    dispatch_ended_at      timestamptz,
    dispatch_on_time       boolean,
    dispatch_overdue_at    timestamptz,
    disposal_attempts      integer       NOT NULL,
    disposal_deadline      timestamptz,
    disposal_ended_at      timestamptz,
    disposal_on_time       boolean,
    disposal_overdue_at    timestamptz,
    verification_attempts  integer       NOT NULL,
    verification_deadline  timestamptz,
    verification_ended_at  timestamptz,
    verification_on_time   boolean,
    verification_overdue_at timestamptz,
    -- the course of disposal
    return_count           integer       NOT NULL,
    returned_by            varchar(64)[] NOT NULL,
    rework_count           integer       NOT NULL,
    extension_count        integer       NOT NULL,
    extension_hours        integer       NOT NULL,
    extension_working_days integer       NOT NULL,
    suspension_count       integer       NOT NULL,
    suspended_seconds      bigint        NOT NULL,
    -- set while a suspension runs: its seconds are added when it ends
    suspended_since        timestamptz,
    -- outcome
    solved_level           varchar(16),
    self_handled           boolean       NOT NULL,
    audit_sampled          boolean       NOT NULL,
    audit_result           varchar(8),
    missed_report          boolean       NOT NULL,
    duplicate_of           varchar(32),
    -- departments: the one answering for it now, the routing rule's choice, every one called in by a whistle
    responsible_department varchar(64),
    routed_department      varchar(64),
    participants           varchar(64)[] NOT NULL,
    PRIMARY KEY (tenant_id, case_id),
    CONSTRAINT case_facts_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES city_case (tenant_id, id),
    CONSTRAINT case_facts_number_uk UNIQUE (tenant_id, number)
);
-- Periods are asked on the moment reported, filed or closed; grid and department filters narrow them.
CREATE INDEX case_facts_reported_idx ON case_facts (tenant_id, reported_at);
CREATE INDEX case_facts_filed_idx ON case_facts (tenant_id, filed_at) WHERE filed_at IS NOT NULL;
CREATE INDEX case_facts_closed_idx ON case_facts (tenant_id, closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX case_facts_department_idx ON case_facts (tenant_id, responsible_department, reported_at);
CREATE INDEX case_facts_participants_idx ON case_facts USING gin (participants);

ALTER TABLE case_facts ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_facts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON case_facts USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
GRANT SELECT, INSERT, UPDATE ON case_facts TO ${app_role};
REVOKE DELETE, TRUNCATE ON case_facts FROM ${app_role};

-- Cases reported before this migration get their facts from the first rebuild
-- (POST /api/v1/case-facts/rebuild); until then they are missing from the read side.
