-- Who changed what in a city's configuration, for the administrator to read (issue #12): departments, accounts,
-- the working calendar, the workflow settings and sources, supervisors' posts. The catalog keeps its own, finer
-- audit (V5). Rows are only ever added: the service may not change or delete them.
CREATE TABLE admin_audit (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  varchar(32)  NOT NULL REFERENCES tenant (code),
    at         timestamptz  NOT NULL,
    by_user    varchar(64)  NOT NULL,
    area       varchar(32)  NOT NULL,
    subject    varchar(100) NOT NULL,
    field      varchar(64)  NOT NULL,
    old_value  text,
    new_value  text
);
CREATE INDEX admin_audit_tenant_at_idx ON admin_audit (tenant_id, at DESC, id DESC);

ALTER TABLE admin_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE admin_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON admin_audit USING (tenant_id = gridcity_current_tenant())
    WITH CHECK (tenant_id = gridcity_current_tenant());
REVOKE UPDATE, DELETE, TRUNCATE ON admin_audit FROM ${app_role};
