-- Foundation: tenants (cities), platform operators, city users and their sessions.
-- Runs as the owner role. The runtime role (${app_role}) gets DML only, and every
-- tenant-owned table has FORCEd row-level security keyed on the session setting
-- gridcity.tenant_id, which the connection pool sets on every checkout.
-- A tenant-owned row's tenant_id holds its city's code: codes never change (they are in every
-- URL and token), and Hibernate's tenant identifier is a string.

CREATE FUNCTION gridcity_current_tenant() RETURNS varchar
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT NULLIF(current_setting('gridcity.tenant_id', true), '') $$;

CREATE TABLE tenant (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            varchar(32)  NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9-]{1,31}$'),
    name_zh         varchar(100) NOT NULL,
    name_en         varchar(100) NOT NULL,
    time_zone       varchar(64)  NOT NULL DEFAULT 'Asia/Shanghai',
    default_locale  varchar(16)  NOT NULL DEFAULT 'zh-CN' CHECK (default_locale IN ('zh-CN', 'en')),
    status          varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    status_reason   varchar(500),
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL DEFAULT 0
);

CREATE TABLE platform_operator (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            varchar(64)  NOT NULL UNIQUE,
    display_name        varchar(100) NOT NULL,
    password_hash       varchar(100) NOT NULL,
    password_changed_at timestamptz  NOT NULL,
    status              varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);

CREATE TABLE app_user (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id           varchar(32)  NOT NULL REFERENCES tenant (code),
    username            varchar(64)  NOT NULL,
    phone               varchar(20),
    display_name        varchar(100) NOT NULL,
    password_hash       varchar(100) NOT NULL,
    password_changed_at timestamptz  NOT NULL,
    roles               text[]       NOT NULL,
    department_code     varchar(64),
    status              varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0,
    CONSTRAINT app_user_username_uk UNIQUE (tenant_id, username),
    CONSTRAINT app_user_phone_uk UNIQUE (tenant_id, phone),
    CONSTRAINT app_user_roles_nonempty CHECK (cardinality(roles) > 0),
    CONSTRAINT app_user_id_tenant_uk UNIQUE (tenant_id, id)
);

-- A signed-in city user. The access token names the session, so logging out or changing the
-- password ends access at once rather than when the token expires.
CREATE TABLE user_session (
    id            uuid         PRIMARY KEY,
    tenant_id     varchar(32)  NOT NULL REFERENCES tenant (code),
    user_id       bigint       NOT NULL,
    refresh_jti   uuid         NOT NULL,
    created_at    timestamptz  NOT NULL,
    refreshed_at  timestamptz  NOT NULL,
    expires_at    timestamptz  NOT NULL,
    revoked_at    timestamptz,
    revoke_reason varchar(32),
    client_address varchar(64),
    FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX user_session_user_idx ON user_session (tenant_id, user_id) WHERE revoked_at IS NULL;
CREATE INDEX user_session_expiry_idx ON user_session (tenant_id, expires_at);

CREATE TABLE operator_session (
    id            uuid         PRIMARY KEY,
    operator_id   bigint       NOT NULL REFERENCES platform_operator (id) ON DELETE CASCADE,
    refresh_jti   uuid         NOT NULL,
    created_at    timestamptz  NOT NULL,
    refreshed_at  timestamptz  NOT NULL,
    expires_at    timestamptz  NOT NULL,
    revoked_at    timestamptz,
    revoke_reason varchar(32),
    client_address varchar(64)
);
CREATE INDEX operator_session_operator_idx ON operator_session (operator_id) WHERE revoked_at IS NULL;

-- Row-level security: the second wall behind Hibernate's tenant filter.
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_user FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON app_user
    USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());

ALTER TABLE user_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_session FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON user_session
    USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());

GRANT USAGE ON SCHEMA public TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_role};
GRANT EXECUTE ON FUNCTION gridcity_current_tenant() TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
REVOKE ALL ON flyway_schema_history FROM ${app_role};
