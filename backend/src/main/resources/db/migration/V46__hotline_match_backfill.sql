-- 发现率 and 未诉先办率 read the hotline matching from the case facts (V40), which fold the hotline-match events of the
-- cases' history. Matches made before V40 have their hotline_match row but no events, so the facts (and a facts
-- rebuild, which replays the history) never saw them. This writes those events from the match rows, as
-- cases.HotlineMatches would have written them then, and folds them into the facts rows as CaseFactsFold does: a
-- facts rebuild afterwards changes nothing.
--
-- Idempotent: a complaint that already has a hotline-match event (every match since V40, or one this has written)
-- is left alone, so running it again writes nothing. Kept as a function of one city, so an operator may run it
-- again (SELECT gridcity_backfill_hotline_match_events('<city>');); returns how many matches it wrote.
--
-- The events' data keep the match row's outcome: findingReportedAt is the finding's report (which never changes,
-- so found_before_complaint comes out as found_first); findingClosedAt is the finding's closing when the match
-- says it was solved first (the last closing before the call, should it have been reopened since) and otherwise
-- only a closing after the call and before the matching, so solved_before_complaint comes out as solved_first.
CREATE FUNCTION gridcity_backfill_hotline_match_events(city varchar) RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    m          record;
    closed     timestamptz;
    payload    jsonb;
    written    integer := 0;
BEGIN
    FOR m IN
        SELECT hm.hotline_case_id, hm.grid_case_id, hm.found_first, hm.solved_first, hm.matched_at,
               c.number AS complaint_number, c.reported_at AS complaint_at, c.state AS complaint_state,
               g.number AS finding_number, g.reported_at AS finding_at, g.closed_at AS finding_closed_at,
               g.state AS finding_state
          FROM hotline_match hm
          JOIN city_case c ON c.tenant_id = hm.tenant_id AND c.id = hm.hotline_case_id
          LEFT JOIN city_case g ON g.tenant_id = hm.tenant_id AND g.id = hm.grid_case_id
         WHERE hm.tenant_id = city
           AND NOT EXISTS (SELECT 1 FROM case_event e
                            WHERE e.tenant_id = hm.tenant_id AND e.case_id = hm.hotline_case_id
                              AND e.action = 'hotline-match')
         ORDER BY hm.matched_at, hm.id
    LOOP
        payload := NULL;
        closed := NULL;
        IF m.grid_case_id IS NOT NULL THEN
            IF m.solved_first THEN
                closed := CASE WHEN m.finding_closed_at < m.complaint_at THEN m.finding_closed_at END;
                IF closed IS NULL THEN
                    SELECT max(e.at) INTO closed FROM case_event e
                     WHERE e.tenant_id = city AND e.case_id = m.grid_case_id
                       AND e.action IN ('verify-pass', 'self-close', 'persuade-fix') AND e.at < m.complaint_at;
                END IF;
            ELSIF m.finding_closed_at >= m.complaint_at AND m.finding_closed_at <= m.matched_at THEN
                closed := m.finding_closed_at;
            END IF;
            payload := jsonb_build_object('finding', m.finding_number,
                                       'findingReportedAt', to_char(m.finding_at AT TIME ZONE 'UTC',
                                                                    'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
            IF closed IS NOT NULL THEN
                payload := payload || jsonb_build_object('findingClosedAt', to_char(closed AT TIME ZONE 'UTC',
                                                                              'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
            END IF;
        END IF;

        -- The complaint's side: looked at, with the finding of the same problem when there was one.
        INSERT INTO case_event (tenant_id, case_id, seq, action, from_state, to_state, actor_id, actor_name, actor_role,
                                at, data)
        SELECT city, m.hotline_case_id, coalesce(max(e.seq), 0) + 1, 'hotline-match', m.complaint_state,
               m.complaint_state, NULL, 'hotline-matching', 'system', m.matched_at, payload
          FROM case_event e WHERE e.tenant_id = city AND e.case_id = m.hotline_case_id;
        UPDATE case_facts f
           SET event_count = f.event_count + 1,
               hotline_checked_at = m.matched_at,
               hotline_finding = m.finding_number,
               found_before_complaint = m.finding_at IS NOT NULL AND m.finding_at < f.reported_at,
               solved_before_complaint = closed IS NOT NULL AND closed < f.reported_at,
               state = m.complaint_state
         WHERE f.tenant_id = city AND f.case_id = m.hotline_case_id;

        -- The finding's side: a complaint of the same problem met it; the earliest call counts.
        IF m.grid_case_id IS NOT NULL THEN
            INSERT INTO case_event (tenant_id, case_id, seq, action, from_state, to_state, actor_id, actor_name,
                                    actor_role, at, data)
            SELECT city, m.grid_case_id, coalesce(max(e.seq), 0) + 1, 'hotline-match', m.finding_state, m.finding_state,
                   NULL, 'hotline-matching', 'system', m.matched_at,
                   jsonb_build_object('complaint', m.complaint_number,
                                      'complaintAt', to_char(m.complaint_at AT TIME ZONE 'UTC',
                                                             'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
              FROM case_event e WHERE e.tenant_id = city AND e.case_id = m.grid_case_id;
            UPDATE case_facts f
               SET event_count = f.event_count + 1,
                   complaint_count = f.complaint_count + 1,
                   first_complaint_at = CASE WHEN f.first_complaint_at IS NULL OR m.complaint_at < f.first_complaint_at
                                             THEN m.complaint_at ELSE f.first_complaint_at END,
                   state = m.finding_state
             WHERE f.tenant_id = city AND f.case_id = m.grid_case_id;
        END IF;
        written := written + 1;
    END LOOP;
    RETURN written;
END
$$;

-- Every city's matches, each under its own tenant setting: the tables force row-level security on this role too.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT code FROM tenant ORDER BY code LOOP
        PERFORM set_config('gridcity.tenant_id', t.code, true);
        PERFORM gridcity_backfill_hotline_match_events(t.code);
    END LOOP;
    PERFORM set_config('gridcity.tenant_id', '', true);
END
$$;
