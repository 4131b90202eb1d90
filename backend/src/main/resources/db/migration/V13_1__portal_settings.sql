-- A city's portal settings (issue #9, portal): an optional base-map tile URL for production.
-- The city's own grid is always drawn; without tiles the map is the grid alone.
CREATE TABLE portal_settings (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         varchar(32)  NOT NULL UNIQUE REFERENCES tenant (code),
    -- On the service's own origin only (the pages' Content-Security-Policy allows nothing else).
    tile_url          varchar(300) CHECK (tile_url ~ '^/[^/]' AND tile_url LIKE '%{z}%' AND tile_url LIKE '%{x}%'
                                          AND tile_url LIKE '%{y}%'),
    tile_attribution  varchar(200),
    updated_at        timestamptz  NOT NULL
);
ALTER TABLE portal_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON portal_settings USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
GRANT SELECT, INSERT, UPDATE ON portal_settings TO ${app_role};
