-- Grid layouts (网格), versioned: a new layout takes effect from a date, and what was located in an
-- older one keeps its codes. Polygons are stored as WKB in WGS84 with their bounding boxes; the
-- spatial index lives in memory (JTS), so no PostGIS is needed.

CREATE TABLE grid_layout (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         varchar(32) NOT NULL REFERENCES tenant (code),
    version           integer     NOT NULL,
    effective_from    date        NOT NULL,
    imported_at       timestamptz NOT NULL,
    imported_by       varchar(64) NOT NULL,
    district_count    integer     NOT NULL,
    street_count      integer     NOT NULL,
    community_count   integer     NOT NULL,
    management_count  integer     NOT NULL,
    unit_count        integer     NOT NULL,
    key_area_count    integer     NOT NULL,
    CONSTRAINT grid_layout_version_uk UNIQUE (tenant_id, version),
    CONSTRAINT grid_layout_effective_uk UNIQUE (tenant_id, effective_from),
    CONSTRAINT grid_layout_id_tenant_uk UNIQUE (tenant_id, id)
);

CREATE TABLE grid_unit (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       varchar(32)  NOT NULL,
    layout_id       bigint       NOT NULL,
    level           varchar(16)  NOT NULL CHECK (level IN ('DISTRICT','STREET','COMMUNITY','MANAGEMENT','UNIT','KEY_AREA')),
    code            varchar(32)  NOT NULL,
    name            varchar(100) NOT NULL,
    parent_code     varchar(32),
    area_class      varchar(16)  CHECK (area_class IN ('CORE','BUSY','GENERAL')),
    community_type  varchar(20)  CHECK (community_type IN ('ORDINARY','DEVELOPMENT_ZONE')),
    patrol_factor   double precision,
    area_m2         double precision NOT NULL,
    min_lon         double precision NOT NULL,
    min_lat         double precision NOT NULL,
    max_lon         double precision NOT NULL,
    max_lat         double precision NOT NULL,
    geometry        bytea        NOT NULL,
    CONSTRAINT grid_unit_layout_fk FOREIGN KEY (tenant_id, layout_id) REFERENCES grid_layout (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT grid_unit_code_uk UNIQUE (tenant_id, layout_id, code)
);
CREATE INDEX grid_unit_level_idx ON grid_unit (tenant_id, layout_id, level, parent_code, code);

ALTER TABLE grid_layout ENABLE ROW LEVEL SECURITY;
ALTER TABLE grid_layout FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON grid_layout
    USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());

ALTER TABLE grid_unit ENABLE ROW LEVEL SECURITY;
ALTER TABLE grid_unit FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON grid_unit
    USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
