-- V13 meant residents' and volunteers' photos stored before moderation existed to wait for a decision like new
-- ones, but its UPDATE ran without a city set: case_photo and city_case force row-level security on the migrating
-- role too, so it saw no rows and those photos kept moderation NULL (the mark of a staff photo: never public, never
-- in the queue). This does what V13 meant, city by city under each city's own setting.
--
-- Idempotent and safe to run again (SELECT gridcity_backfill_photo_moderation('<city>');): since V13 every photo a
-- non-staff user uploads is stored PENDING, so a NULL photo uploaded by the reporter of a resident's or volunteer's
-- report can only be one V13 missed. Returns how many photos it put in the queue.
CREATE FUNCTION gridcity_backfill_photo_moderation(city varchar) RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    queued integer;
BEGIN
    UPDATE case_photo p SET moderation = 'PENDING'
      FROM city_case c
     WHERE p.tenant_id = city AND c.tenant_id = p.tenant_id AND c.id = p.case_id
       AND p.moderation IS NULL AND p.uploaded_by = c.reporter_id
       AND c.source_channel IN ('RESIDENT', 'VOLUNTEER');
    GET DIAGNOSTICS queued = ROW_COUNT;
    RETURN queued;
END
$$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT code FROM tenant ORDER BY code LOOP
        PERFORM set_config('gridcity.tenant_id', t.code, true);
        PERFORM gridcity_backfill_photo_moderation(t.code);
    END LOOP;
    PERFORM set_config('gridcity.tenant_id', '', true);
END
$$;
