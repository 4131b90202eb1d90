-- Hotline complaints (12345 / 12319) matched each day with grid findings of the same problem, so the
-- discovery rate and the "solved before complained" (未诉先办) rate can be computed and assessed.
CREATE TABLE hotline_match (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id            varchar(32)  NOT NULL,
    day                  date         NOT NULL,
    hotline_case_id      bigint       NOT NULL,
    grid_case_id         bigint,
    -- The grid reported the problem before the caller did.
    found_first          boolean      NOT NULL,
    -- ...and had closed it before the call: 未诉先办.
    solved_first         boolean      NOT NULL,
    matched_at           timestamptz  NOT NULL,
    CONSTRAINT hotline_match_hotline_fk FOREIGN KEY (tenant_id, hotline_case_id) REFERENCES city_case (tenant_id, id),
    CONSTRAINT hotline_match_grid_fk FOREIGN KEY (tenant_id, grid_case_id) REFERENCES city_case (tenant_id, id),
    CONSTRAINT hotline_match_uk UNIQUE (tenant_id, hotline_case_id)
);
CREATE INDEX hotline_match_day_idx ON hotline_match (tenant_id, day);

ALTER TABLE hotline_match ENABLE ROW LEVEL SECURITY;
ALTER TABLE hotline_match FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON hotline_match USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
