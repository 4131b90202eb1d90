-- A city's working calendar: working periods and weekend days, and per-day exceptions by year
-- (public holidays, and make-up working days 调休). Time limits are counted on it.

CREATE TABLE calendar_settings (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        varchar(32)  NOT NULL UNIQUE REFERENCES tenant (code),
    working_periods  varchar(200) NOT NULL,
    weekend_days     varchar(100) NOT NULL,
    updated_at       timestamptz  NOT NULL,
    updated_by       varchar(64)  NOT NULL,
    version          bigint       NOT NULL DEFAULT 0
);

CREATE TABLE calendar_day (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   varchar(32)  NOT NULL REFERENCES tenant (code),
    day         date         NOT NULL,
    kind        varchar(16)  NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name        varchar(100) NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(64)  NOT NULL,
    CONSTRAINT calendar_day_uk UNIQUE (tenant_id, day)
);

ALTER TABLE calendar_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON calendar_settings
    USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());

ALTER TABLE calendar_day ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_day FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON calendar_day
    USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
