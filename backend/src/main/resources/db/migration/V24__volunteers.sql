-- Volunteers (志愿者 / 网格员 / 楼栋长) and their triage of residents' reports in their communities (issue #11).

-- Which communities a volunteer serves. A resident applies (PENDING) and the city's administrator
-- approves (ACTIVE) or declines; the administrator may also appoint directly; ENDED keeps the history.
CREATE TABLE volunteer_membership (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       varchar(32)  NOT NULL REFERENCES tenant (code),
    user_id         bigint       NOT NULL,
    community_code  varchar(12)  NOT NULL,
    status          varchar(8)   NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'DECLINED', 'ENDED')),
    motivation      varchar(500),
    applied_at      timestamptz  NOT NULL,
    decided_by      bigint,
    decided_at      timestamptz,
    decision_note   varchar(500),
    CONSTRAINT volunteer_membership_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id)
);
-- One live membership (pending or active) per volunteer and community; declined and ended ones stay as history.
CREATE UNIQUE INDEX volunteer_membership_live_uk ON volunteer_membership (tenant_id, user_id, community_code)
    WHERE status IN ('PENDING', 'ACTIVE');
CREATE INDEX volunteer_membership_community_idx ON volunteer_membership (tenant_id, community_code, status);

ALTER TABLE volunteer_membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_membership FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON volunteer_membership USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());

-- Service time (志愿服务时长) per piece of triage work: once per volunteer, case and kind of work.
CREATE TABLE volunteer_service (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     varchar(32)  NOT NULL REFERENCES tenant (code),
    volunteer_id  bigint       NOT NULL,
    case_id       bigint       NOT NULL,
    case_number   varchar(32)  NOT NULL,
    work          varchar(16)  NOT NULL CHECK (work IN ('CONFIRM', 'MERGE', 'MARK_INVALID', 'PERSUADE_FIX')),
    minutes       integer      NOT NULL CHECK (minutes BETWEEN 0 AND 480),
    at            timestamptz  NOT NULL,
    CONSTRAINT volunteer_service_user_fk FOREIGN KEY (tenant_id, volunteer_id) REFERENCES app_user (tenant_id, id),
    CONSTRAINT volunteer_service_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES city_case (tenant_id, id),
    CONSTRAINT volunteer_service_once_uk UNIQUE (tenant_id, volunteer_id, case_id, work)
);
CREATE INDEX volunteer_service_volunteer_idx ON volunteer_service (tenant_id, volunteer_id, at);

ALTER TABLE volunteer_service ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_service FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON volunteer_service USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
REVOKE UPDATE, DELETE, TRUNCATE ON volunteer_service FROM ${app_role};

-- A volunteer's word on a report before the acceptor decides: confirmed on site (ahead in the acceptor's
-- queue), or suggested invalid (a recommendation; only the acceptor rejects).
ALTER TABLE city_case
    ADD COLUMN triage     varchar(20) CHECK (triage IN ('CONFIRMED', 'INVALID_SUGGESTED')),
    ADD COLUMN triaged_by bigint;

-- How much service time each kind of triage work counts, per city.
ALTER TABLE workflow_settings
    ADD COLUMN volunteer_confirm_minutes integer NOT NULL DEFAULT 15 CHECK (volunteer_confirm_minutes BETWEEN 0 AND 480),
    ADD COLUMN volunteer_merge_minutes   integer NOT NULL DEFAULT 5 CHECK (volunteer_merge_minutes BETWEEN 0 AND 480),
    ADD COLUMN volunteer_invalid_minutes integer NOT NULL DEFAULT 10 CHECK (volunteer_invalid_minutes BETWEEN 0 AND 480),
    ADD COLUMN volunteer_fix_minutes     integer NOT NULL DEFAULT 30 CHECK (volunteer_fix_minutes BETWEEN 0 AND 480);
