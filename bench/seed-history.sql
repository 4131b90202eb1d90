-- A city's history for the intake benchmark (bench/run-intake.sh): :closed closed and :open open cases,
-- each with the events and phase rows its state implies, as the service would have written them.
-- Run as the migration owner with the city set, so row-level security checks every row:
--   psql -v city=kcity -v closed=1000000 -v open=100000 -f bench/seed-history.sql
-- Cases walk one path (report, file, dispatch, accept, report-back, verify-pass); a case stopped at a
-- step has the events up to it and the phases started by then, ended where a later step ended them.
-- A new table derived from cases (such as the case facts of issue #8) gets its own INSERT ... FROM
-- seed_case below, next to the events and phases.
\set ON_ERROR_STOP on
\timing on
SET gridcity.tenant_id = :'city';
SET synchronous_commit = off;
BEGIN;

CREATE TEMP TABLE seed_step (step int PRIMARY KEY, action text, from_state text, to_state text, actor_role text)
    ON COMMIT DROP;
INSERT INTO seed_step VALUES
    (0, 'report', NULL, 'REPORTED', 'district-supervisor'),
    (1, 'file', 'REPORTED', 'FILED', 'acceptor'),
    (2, 'dispatch', 'FILED', 'DISPATCHED', 'dispatcher'),
    (3, 'accept', 'DISPATCHED', 'IN_DISPOSAL', 'department-handler'),
    (4, 'report-back', 'IN_DISPOSAL', 'REPORTED_BACK', 'department-handler'),
    (5, 'verify-pass', 'REPORTED_BACK', 'CLOSED', 'district-supervisor');
-- Which step starts and which ends each phase.
CREATE TEMP TABLE seed_phase (phase text, start_step int, end_step int) ON COMMIT DROP;
INSERT INTO seed_phase VALUES ('FILING', 0, 1), ('DISPATCH', 1, 2), ('DISPOSAL', 2, 4), ('VERIFICATION', 4, 5);
-- The phase a case is in after each step.
CREATE TEMP TABLE seed_state (step int PRIMARY KEY, phase text) ON COMMIT DROP;
INSERT INTO seed_state VALUES (0, 'FILING'), (1, 'DISPATCH'), (2, 'DISPOSAL'), (3, 'DISPOSAL'), (4, 'VERIFICATION'),
    (5, NULL);

-- The city's unit grids of its current layout, and its active event subclasses with the rule in force.
CREATE TEMP TABLE seed_unit ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY u.code) - 1 AS i, u.code, l.version, u.min_lon, u.max_lon, u.min_lat, u.max_lat
FROM grid_unit u JOIN grid_layout l ON l.id = u.layout_id
WHERE u.level = 'UNIT' AND l.id = (SELECT id FROM grid_layout ORDER BY version DESC LIMIT 1);
CREATE TEMP TABLE seed_class ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY k.code) - 1 AS i, k.code, k.name, k.key_class, k.minor, k.department_code,
       r.id AS rule_id, r.base_case_weight
FROM catalog_class k
JOIN LATERAL (SELECT id, base_case_weight FROM catalog_rule r WHERE r.class_id = k.id AND r.effective_from <= now()
              ORDER BY effective_from DESC LIMIT 1) r ON true
WHERE k.kind = 'EVENT' AND k.active;

-- One row per generated case: g numbers it, step says how far it went, reported_at is never today
-- (the service numbers today's reports from its counter), 1,100 cases per local day going back.
-- Open cases are days old, so past their deadline: flagged overdue and reminded already, as the
-- deadline job would have left them (it would otherwise flag 100,000 cases during the measurement).
CREATE TEMP TABLE seed_case (id bigint, step int, reported_at timestamptz, department_code text) ON COMMIT DROP;
WITH prefix AS (SELECT number_prefix AS p FROM workflow_settings),
     zone AS (SELECT time_zone AS tz FROM tenant WHERE code = :'city'),
     -- age orders the cases from the newest back: the open ones first, then the closed history.
     aged AS (
         SELECT g, CASE WHEN g <= :closed THEN :open + g ELSE g - :closed END AS age
         FROM generate_series(1::bigint, :closed + :open) g),
     gen AS (
         SELECT g, age, CASE WHEN g <= :closed THEN 5 ELSE (ARRAY[0, 0, 0, 1, 1, 2, 3, 3, 4, 4])[1 + g % 10] END AS step,
                date_trunc('day', now() AT TIME ZONE (SELECT tz FROM zone)) - (1 + (age - 1) / 1100) * interval '1 day'
                    + ((g * 7919) % 50400) * interval '1 second' + interval '7 hours' AS local_at
         FROM aged),
     ins AS (
         INSERT INTO city_case (tenant_id, number, source_code, source_channel, kind, class_code, class_name, rule_id,
             key_class, minor, base_case_weight, problem_type, priority, lon, lat, layout_version, unit_code,
             management_code, community_code, street_code, district_code, description, reporter_name, state, is_open,
             department_code, routed_department, phase, phase_deadline, reminder_at, overdue, solved_level, reported_at, filed_at,
             dispatched_at, closed_at, updated_at, version)
         SELECT :'city', (SELECT p FROM prefix) || '-' || to_char(gen.local_at, 'YYYYMMDD') || '-'
                    || lpad((1 + (age - 1) % 1100)::text, 6, '0'),
                'district-supervisor', 'DISTRICT_SUPERVISOR', 'EVENT', c.code, c.name, c.rule_id, c.key_class, c.minor,
                c.base_case_weight, 'ORDINARY', 'NORMAL',
                u.min_lon + (u.max_lon - u.min_lon) * (0.2 + 0.6 * ((g * 37) % 101) / 100.0),
                u.min_lat + (u.max_lat - u.min_lat) * (0.2 + 0.6 * ((g * 53) % 103) / 102.0),
                u.version, u.code, substr(u.code, 1, 14), substr(u.code, 1, 12), substr(u.code, 1, 9), substr(u.code, 1, 6),
                '历史案件 ' || g, '历史数据', st.to_state, gen.step < 5,
                CASE WHEN gen.step >= 2 THEN c.department_code END, CASE WHEN gen.step >= 2 THEN c.department_code END,
                ss.phase,
                CASE WHEN ss.phase IS NOT NULL THEN t.at + interval '4 hours' END, NULL, gen.step < 5,
                CASE WHEN gen.step = 5 THEN 'GRID' END,
                t.reported_at, CASE WHEN gen.step >= 1 THEN t.reported_at + interval '2 hours' END,
                CASE WHEN gen.step >= 2 THEN t.reported_at + interval '4 hours' END,
                CASE WHEN gen.step = 5 THEN t.at END, t.at, gen.step
         FROM gen
         JOIN seed_step st ON st.step = gen.step
         JOIN seed_state ss ON ss.step = gen.step
         JOIN seed_unit u ON u.i = g % (SELECT count(*) FROM seed_unit)
         JOIN seed_class c ON c.i = (g / 7) % (SELECT count(*) FROM seed_class)
         CROSS JOIN LATERAL (SELECT gen.local_at AT TIME ZONE (SELECT tz FROM zone) AS reported_at,
                                    gen.local_at AT TIME ZONE (SELECT tz FROM zone) + gen.step * interval '2 hours' AS at) t
         -- A case's version counts its changes since the report: here, its step.
         RETURNING id, version::int AS step, reported_at, department_code)
INSERT INTO seed_case SELECT id, step, reported_at, department_code FROM ins;

-- Every case's events up to its step, two hours apart.
INSERT INTO case_event (tenant_id, case_id, seq, action, from_state, to_state, actor_name, actor_role, at, data)
SELECT :'city', s.id, e.step + 1, e.action, e.from_state, e.to_state, '历史数据', e.actor_role,
       s.reported_at + e.step * interval '2 hours',
       CASE WHEN e.step = 0 THEN '{"generated": true}'::jsonb END
FROM seed_case s JOIN seed_step e ON e.step <= s.step
ORDER BY s.id, e.step;

-- Every phase started by the case's step; ended on time where a later step ended it, overdue where
-- it still runs.
INSERT INTO case_phase (tenant_id, case_id, phase, attempt, department_code, started_at, deadline, natural_time,
                        ended_at, on_time, overdue_at)
SELECT :'city', s.id, p.phase, 1, CASE WHEN p.phase = 'DISPOSAL' THEN s.department_code END,
       s.reported_at + p.start_step * interval '2 hours',
       s.reported_at + p.start_step * interval '2 hours' + interval '4 hours', false,
       CASE WHEN p.end_step <= s.step THEN s.reported_at + p.end_step * interval '2 hours' END,
       CASE WHEN p.end_step <= s.step THEN true END,
       CASE WHEN p.end_step > s.step THEN s.reported_at + p.start_step * interval '2 hours' + interval '4 hours' END
FROM seed_case s JOIN seed_phase p ON p.start_step <= s.step
ORDER BY s.id, p.start_step;

-- The case facts of each case, as the projector keeps them: the phases its step reached, on time.
INSERT INTO case_facts (tenant_id, case_id, number, event_count, state, is_open, reporter_id, reporter_role, source_code,
                        source_channel, hotline_ticket, kind, class_code, key_class, minor, base_case_weight, problem_type,
                        condition_code, layout_version, unit_code, management_code, community_code, street_code,
                        district_code, reported_at, filed_at, dispatched_at, closed_at,
                        filing_attempts, filing_deadline, filing_ended_at, filing_on_time,
                        dispatch_attempts, dispatch_deadline, dispatch_ended_at, dispatch_on_time,
                        disposal_attempts, disposal_deadline, disposal_ended_at, disposal_on_time, disposal_overdue_at,
                        verification_attempts, verification_deadline, verification_ended_at, verification_on_time,
                        return_count, returned_by, rework_count, extension_count, extension_hours, extension_working_days,
                        suspension_count, suspended_seconds, self_handled, audit_sampled, missed_report,
                        responsible_department, routed_department, participants, solved_level)
SELECT :'city', c.id, c.number, s.step + 1, c.state, c.is_open, c.reporter_id, 'district-supervisor', c.source_code,
       c.source_channel, c.hotline_ticket, c.kind, c.class_code, c.key_class, c.minor, c.base_case_weight, c.problem_type,
       c.condition_code, c.layout_version, c.unit_code, c.management_code, c.community_code, c.street_code,
       c.district_code, c.reported_at, c.filed_at, c.dispatched_at, c.closed_at,
       1, s.reported_at + interval '4 hours', CASE WHEN s.step >= 1 THEN s.reported_at + interval '2 hours' END,
       CASE WHEN s.step >= 1 THEN true END,
       CASE WHEN s.step >= 1 THEN 1 ELSE 0 END, CASE WHEN s.step >= 1 THEN s.reported_at + interval '6 hours' END,
       CASE WHEN s.step >= 2 THEN s.reported_at + interval '4 hours' END, CASE WHEN s.step >= 2 THEN true END,
       CASE WHEN s.step >= 2 THEN 1 ELSE 0 END, CASE WHEN s.step >= 2 THEN s.reported_at + interval '8 hours' END,
       CASE WHEN s.step >= 4 THEN s.reported_at + interval '8 hours' END, CASE WHEN s.step >= 4 THEN true END,
       CASE WHEN s.step IN (2, 3) THEN s.reported_at + interval '8 hours' END,
       CASE WHEN s.step >= 4 THEN 1 ELSE 0 END, CASE WHEN s.step >= 4 THEN s.reported_at + interval '12 hours' END,
       CASE WHEN s.step >= 5 THEN s.reported_at + interval '10 hours' END, CASE WHEN s.step >= 5 THEN true END,
       0, '{}', 0, 0, 0, 0, 0, 0, false, false, false,
       c.department_code, c.routed_department, '{}', c.solved_level
FROM seed_case s JOIN city_case c ON c.id = s.id
ORDER BY s.id;

SELECT count(*) FILTER (WHERE step = 5) AS closed_cases, count(*) FILTER (WHERE step < 5) AS open_cases FROM seed_case;
COMMIT;
