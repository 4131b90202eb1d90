-- A city being created is PROVISIONING until its administrators (and pack content) exist: nobody
-- can sign in or register there, so a failed creation can be undone without leftovers.
ALTER TABLE tenant DROP CONSTRAINT tenant_status_check;
ALTER TABLE tenant ADD CONSTRAINT tenant_status_check CHECK (status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED'));
