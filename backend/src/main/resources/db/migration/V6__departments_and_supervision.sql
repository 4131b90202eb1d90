-- Disposal units (处置部门) with their areas of responsibility, and the management grids each
-- supervisor patrols (定人、定岗).

CREATE TABLE department (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   varchar(32)  NOT NULL REFERENCES tenant (code),
    code        varchar(64)  NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    name        varchar(100) NOT NULL,
    kind        varchar(24)  NOT NULL CHECK (kind IN ('CITY_DEPARTMENT', 'DISTRICT_DEPARTMENT', 'STREET_OFFICE',
                                                   'COMMUNITY_COMMITTEE', 'PLATFORM_COMPANY')),
    area_codes  text[]       NOT NULL,
    active      boolean      NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL DEFAULT 0,
    CONSTRAINT department_code_uk UNIQUE (tenant_id, code)
);

CREATE TABLE supervisor_assignment (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id             varchar(32) NOT NULL,
    user_id               bigint      NOT NULL,
    management_grid_code  varchar(32) NOT NULL,
    assigned_at           timestamptz NOT NULL,
    assigned_by           varchar(64) NOT NULL,
    CONSTRAINT supervisor_assignment_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id),
    CONSTRAINT supervisor_assignment_uk UNIQUE (tenant_id, user_id, management_grid_code)
);
CREATE INDEX supervisor_assignment_grid_idx ON supervisor_assignment (tenant_id, management_grid_code);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['department', 'supervisor_assignment'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;
