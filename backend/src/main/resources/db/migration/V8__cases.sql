-- The closed-loop case workflow (闭环): cases, their immutable events, the time limit of every phase
-- they passed through, the departments called in by a coordination whistle, their photos, and each
-- city's case sources and workflow settings.

-- Where cases come from (案件来源); each city keeps its own list. The channel says how the core
-- treats a source (two-level supervision, hotline matching, resident follow-up), never the code.
CREATE TABLE case_source (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   varchar(32)  NOT NULL REFERENCES tenant (code),
    code        varchar(32)  NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,31}$'),
    name_zh     varchar(50)  NOT NULL,
    name_en     varchar(80)  NOT NULL,
    channel     varchar(24)  NOT NULL CHECK (channel IN ('DISTRICT_SUPERVISOR', 'CITY_SUPERVISOR', 'RESIDENT',
                                                        'HOTLINE', 'VOLUNTEER', 'STAFF')),
    active      boolean      NOT NULL,
    CONSTRAINT case_source_uk UNIQUE (tenant_id, code)
);

-- One row per city: the limits of the phases that the catalog does not fix, and the case number prefix.
CREATE TABLE workflow_settings (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id                 varchar(32)  NOT NULL UNIQUE REFERENCES tenant (code),
    number_prefix             varchar(8)   NOT NULL CHECK (number_prefix ~ '^[A-Z][A-Z0-9]{0,7}$'),
    filing_minutes            integer      NOT NULL CHECK (filing_minutes BETWEEN 1 AND 10080),
    dispatch_minutes          integer      NOT NULL CHECK (dispatch_minutes BETWEEN 1 AND 10080),
    verification_hours        integer      NOT NULL CHECK (verification_hours BETWEEN 1 AND 720),
    reminder_share_percent    integer      NOT NULL CHECK (reminder_share_percent BETWEEN 1 AND 99),
    self_handling_audit_percent integer    NOT NULL CHECK (self_handling_audit_percent BETWEEN 0 AND 100),
    updated_at                timestamptz  NOT NULL
);

-- Readable case numbers: one counter per city and local day.
CREATE TABLE case_counter (
    tenant_id   varchar(32) NOT NULL REFERENCES tenant (code),
    day         date        NOT NULL,
    last_value  integer     NOT NULL,
    PRIMARY KEY (tenant_id, day)
);

-- A case refers to the catalog rule it was filed under, inside its own city.
ALTER TABLE catalog_rule ADD CONSTRAINT catalog_rule_id_tenant_uk UNIQUE (tenant_id, id);

CREATE TABLE city_case (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id             varchar(32)   NOT NULL REFERENCES tenant (code),
    number                varchar(32)   NOT NULL,
    source_code           varchar(32)   NOT NULL,
    source_channel        varchar(24)   NOT NULL,
    kind                  varchar(16)   NOT NULL CHECK (kind IN ('COMPONENT', 'EVENT')),
    class_code            varchar(4)    NOT NULL,
    class_name            varchar(100)  NOT NULL,
    rule_id               bigint        NOT NULL,
    condition_code        varchar(8),
    limit_amount          integer,
    limit_unit            varchar(16),
    key_class             boolean       NOT NULL,
    minor                 boolean       NOT NULL,
    base_case_weight      numeric(6, 2) NOT NULL,
    problem_type          varchar(16)   NOT NULL CHECK (problem_type IN ('ORDINARY', 'COORDINATION', 'CONSULTATION',
                                                                          'EMERGENCY')),
    priority              varchar(8)    NOT NULL CHECK (priority IN ('NORMAL', 'URGENT')),
    lon                   double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat                   double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    -- Core PostgreSQL has no PostGIS; a point (x = lon, y = lat) with a GiST index finds neighbours.
    location              point         GENERATED ALWAYS AS (point(lon, lat)) STORED,
    address               varchar(200),
    layout_version        integer       NOT NULL,
    unit_code             varchar(17)   NOT NULL,
    management_code       varchar(14)   NOT NULL,
    community_code        varchar(12)   NOT NULL,
    street_code           varchar(9)    NOT NULL,
    district_code         varchar(6)    NOT NULL,
    description           varchar(2000) NOT NULL,
    reporter_id           bigint,
    reporter_name         varchar(100)  NOT NULL,
    state                 varchar(24)   NOT NULL,
    is_open               boolean       NOT NULL,
    resume_state          varchar(24),
    department_code       varchar(64),
    routed_department     varchar(64),
    duplicate_of          bigint,
    me_too_count          integer       NOT NULL DEFAULT 0,
    missed_report         boolean       NOT NULL DEFAULT false,
    missed_district_code  varchar(6),
    phase                 varchar(16),
    phase_deadline        timestamptz,
    reminder_at           timestamptz,
    overdue               boolean       NOT NULL DEFAULT false,
    suspended_until       date,
    pending_request       jsonb,
    rework_count          integer       NOT NULL DEFAULT 0,
    solved_level          varchar(16)   CHECK (solved_level IN ('GRID', 'COMMUNITY', 'STREET', 'DISTRICT', 'CITY')),
    self_handled          boolean       NOT NULL DEFAULT false,
    audit_sampled         boolean       NOT NULL DEFAULT false,
    audit_result          varchar(8),
    hotline_ticket        varchar(64),
    reported_at           timestamptz   NOT NULL,
    filed_at              timestamptz,
    dispatched_at         timestamptz,
    closed_at             timestamptz,
    updated_at            timestamptz   NOT NULL,
    version               bigint        NOT NULL DEFAULT 0,
    CONSTRAINT city_case_number_uk UNIQUE (tenant_id, number),
    CONSTRAINT city_case_id_tenant_uk UNIQUE (tenant_id, id),
    CONSTRAINT city_case_rule_fk FOREIGN KEY (tenant_id, rule_id) REFERENCES catalog_rule (tenant_id, id),
    CONSTRAINT city_case_duplicate_fk FOREIGN KEY (tenant_id, duplicate_of) REFERENCES city_case (tenant_id, id),
    CONSTRAINT city_case_ticket_uk UNIQUE (tenant_id, hotline_ticket)
);
-- Duplicate look-ups touch open cases only: the partial index stays small as closed history grows.
CREATE INDEX city_case_open_location_idx ON city_case USING gist (location) WHERE is_open;
-- Two-level supervision compares a city report with district reports of the window, open or not.
CREATE INDEX city_case_class_time_idx ON city_case (tenant_id, kind, class_code, reported_at);
-- Work queues: by state (acceptor, dispatcher, verification) and by department, soonest deadline first.
-- A suspended case has no running deadline and sorts last.
CREATE INDEX city_case_queue_state_idx
    ON city_case (tenant_id, state, (coalesce(phase_deadline, 'infinity'::timestamptz)), id) WHERE is_open;
CREATE INDEX city_case_queue_department_idx
    ON city_case (tenant_id, department_code, state, (coalesce(phase_deadline, 'infinity'::timestamptz)), id) WHERE is_open;
-- The SLA job scans open cases whose deadline or reminder has come.
CREATE INDEX city_case_deadline_idx ON city_case (phase_deadline) WHERE is_open AND NOT overdue;
CREATE INDEX city_case_reporter_idx ON city_case (tenant_id, reporter_id, reported_at);

-- Every accepted action, in order. The runtime role may insert and read, never change or delete.
CREATE TABLE case_event (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     varchar(32)  NOT NULL,
    case_id       bigint       NOT NULL,
    seq           integer      NOT NULL,
    action        varchar(32)  NOT NULL,
    from_state    varchar(24),
    to_state      varchar(24)  NOT NULL,
    actor_id      bigint,
    actor_name    varchar(100) NOT NULL,
    actor_role    varchar(32)  NOT NULL,
    at            timestamptz  NOT NULL,
    reason        varchar(1000),
    data          jsonb,
    photo_ids     bigint[]     NOT NULL DEFAULT '{}',
    CONSTRAINT case_event_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES city_case (tenant_id, id),
    CONSTRAINT case_event_seq_uk UNIQUE (tenant_id, case_id, seq)
);

-- The time limit of each phase a case went through: assessment reads on-time or overdue from here.
CREATE TABLE case_phase (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     varchar(32)  NOT NULL,
    case_id       bigint       NOT NULL,
    phase         varchar(16)  NOT NULL CHECK (phase IN ('FILING', 'DISPATCH', 'DISPOSAL', 'VERIFICATION')),
    attempt       integer      NOT NULL,
    department_code varchar(64),
    started_at    timestamptz  NOT NULL,
    deadline      timestamptz  NOT NULL,
    natural_time  boolean      NOT NULL,
    extended_by   varchar(40),
    paused_at     timestamptz,
    -- Working (or natural) seconds left when the case was suspended; the deadline moves by the pause.
    remaining_seconds bigint,
    ended_at      timestamptz,
    on_time       boolean,
    overdue_at    timestamptz,
    CONSTRAINT case_phase_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES city_case (tenant_id, id),
    CONSTRAINT case_phase_uk UNIQUE (tenant_id, case_id, phase, attempt)
);

-- Departments called in by a coordination whistle (吹哨报到); the case closes when all have reported.
CREATE TABLE case_participant (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       varchar(32)   NOT NULL,
    case_id         bigint        NOT NULL,
    department_code varchar(64)   NOT NULL,
    called_at       timestamptz   NOT NULL,
    joined_at       timestamptz,
    reported_at     timestamptz,
    report          varchar(2000),
    CONSTRAINT case_participant_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES city_case (tenant_id, id),
    CONSTRAINT case_participant_uk UNIQUE (tenant_id, case_id, department_code)
);
CREATE INDEX case_participant_department_idx ON case_participant (tenant_id, department_code, case_id);

-- Residents who said "me too" (我也遇到) instead of reporting again: they follow the case.
CREATE TABLE case_follower (
    tenant_id   varchar(32)  NOT NULL,
    case_id     bigint       NOT NULL,
    user_id     bigint       NOT NULL,
    at          timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, case_id, user_id),
    CONSTRAINT case_follower_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES city_case (tenant_id, id)
);

-- Before and after photos (处置前 / 处置后), stored through the blob storage; metadata already stripped.
CREATE TABLE case_photo (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       varchar(32)  NOT NULL,
    case_id         bigint       NOT NULL,
    stage           varchar(8)   NOT NULL CHECK (stage IN ('BEFORE', 'AFTER')),
    media_type      varchar(16)  NOT NULL,
    size_bytes      integer      NOT NULL,
    width           integer      NOT NULL,
    height          integer      NOT NULL,
    sha256          varchar(64)  NOT NULL,
    storage_key     varchar(200) NOT NULL,
    thumbnail_key   varchar(200) NOT NULL,
    uploaded_by     bigint,
    uploaded_at     timestamptz  NOT NULL,
    CONSTRAINT case_photo_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES city_case (tenant_id, id)
);
CREATE INDEX case_photo_case_idx ON case_photo (tenant_id, case_id);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['case_source', 'workflow_settings', 'case_counter', 'city_case', 'case_event',
                             'case_phase', 'case_participant', 'case_follower', 'case_photo'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;

-- The audit trail is append-only for the service itself.
REVOKE UPDATE, DELETE, TRUNCATE ON case_event FROM ${app_role};
