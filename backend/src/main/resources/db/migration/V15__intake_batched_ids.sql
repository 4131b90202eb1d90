-- Intake writes the rows of the reports arriving at the same moment (case, filing phase, first event,
-- outbox message) in one transaction and as JDBC batches. A batch needs the new rows' keys before its
-- INSERTs run, so the service draws them from each table's sequence 50 at a time (Hibernate's
-- pooled-lo: one nextval, then the 50 keys from that value on) instead of letting every INSERT draw
-- its own and send it back. Identity columns hide their sequences from the schema check, so these
-- four keys become plain sequence defaults, advancing by 50 and continuing after the highest key. An
-- INSERT that uses the default (an SQL script, pgbench) still gets a key no block hands out again,
-- because the next block starts at the next nextval.
DO $$
DECLARE
    t text;
    next_key bigint;
BEGIN
    FOREACH t IN ARRAY ARRAY['city_case', 'case_phase', 'case_event', 'outbox_message'] LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN id DROP IDENTITY', t);
        EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I', t) INTO next_key;
        EXECUTE format('CREATE SEQUENCE %I INCREMENT BY 50 START WITH %s OWNED BY %I.id', t || '_id_seq', next_key, t);
        EXECUTE format('ALTER TABLE %I ALTER COLUMN id SET DEFAULT nextval(%L)', t, t || '_id_seq');
        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I TO ${app_role}', t || '_id_seq');
    END LOOP;
END
$$;
