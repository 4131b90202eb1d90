-- The component and event catalog (部件 / 事件) of each city: a copy of the national baseline that
-- the city edits. Time limits and weights are versioned by the instant they take effect, so a
-- case keeps the rules in force when it was filed; every change is audited.

CREATE TABLE catalog_class (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id               varchar(32)  NOT NULL REFERENCES tenant (code),
    kind                    varchar(16)  NOT NULL CHECK (kind IN ('COMPONENT', 'EVENT')),
    code                    varchar(4)   NOT NULL CHECK (code ~ '^[0-9]{4}$'),
    major_name              varchar(50)  NOT NULL,
    name                    varchar(100) NOT NULL,
    resident_name           varchar(100),
    icon                    varchar(40),
    hidden_from_residents   boolean      NOT NULL,
    key_class               boolean      NOT NULL,
    minor                   boolean      NOT NULL,
    department_code         varchar(64)  NOT NULL,
    route                   varchar(16)  NOT NULL CHECK (route IN ('OWNER', 'LOCALITY')),
    duplicate_radius_m      integer      NOT NULL CHECK (duplicate_radius_m BETWEEN 0 AND 5000),
    duplicate_window_hours  integer      NOT NULL CHECK (duplicate_window_hours BETWEEN 0 AND 8760),
    evidence_before         boolean      NOT NULL,
    evidence_after          boolean      NOT NULL,
    active                  boolean      NOT NULL,
    created_at              timestamptz  NOT NULL,
    updated_at              timestamptz  NOT NULL,
    version                 bigint       NOT NULL DEFAULT 0,
    CONSTRAINT catalog_class_code_uk UNIQUE (tenant_id, kind, code),
    CONSTRAINT catalog_class_id_tenant_uk UNIQUE (tenant_id, id)
);

CREATE TABLE catalog_rule (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         varchar(32)   NOT NULL,
    class_id          bigint        NOT NULL,
    effective_from    timestamptz   NOT NULL,
    base_case_weight  numeric(6, 2) NOT NULL CHECK (base_case_weight > 0),
    conditions        jsonb         NOT NULL,
    created_at        timestamptz   NOT NULL,
    created_by        varchar(64)   NOT NULL,
    CONSTRAINT catalog_rule_class_fk FOREIGN KEY (tenant_id, class_id) REFERENCES catalog_class (tenant_id, id),
    CONSTRAINT catalog_rule_uk UNIQUE (tenant_id, class_id, effective_from)
);

CREATE TABLE catalog_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   varchar(32)  NOT NULL,
    class_id    bigint       NOT NULL,
    at          timestamptz  NOT NULL,
    by_user     varchar(64)  NOT NULL,
    field       varchar(64)  NOT NULL,
    old_value   text,
    new_value   text,
    CONSTRAINT catalog_audit_class_fk FOREIGN KEY (tenant_id, class_id) REFERENCES catalog_class (tenant_id, id)
);
CREATE INDEX catalog_audit_class_idx ON catalog_audit (tenant_id, class_id, at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['catalog_class', 'catalog_rule', 'catalog_audit'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;
