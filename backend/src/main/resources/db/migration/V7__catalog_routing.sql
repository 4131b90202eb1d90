-- Per-district or per-street overrides of the department a catalog subclass is routed to.
CREATE TABLE catalog_routing (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        varchar(32) NOT NULL,
    class_id         bigint      NOT NULL,
    area_code        varchar(9)  NOT NULL CHECK (area_code ~ '^[0-9]{6}([0-9]{3})?$'),
    department_code  varchar(64) NOT NULL,
    CONSTRAINT catalog_routing_class_fk FOREIGN KEY (tenant_id, class_id) REFERENCES catalog_class (tenant_id, id),
    CONSTRAINT catalog_routing_uk UNIQUE (tenant_id, class_id, area_code)
);

ALTER TABLE catalog_routing ENABLE ROW LEVEL SECURITY;
ALTER TABLE catalog_routing FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON catalog_routing
    USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
