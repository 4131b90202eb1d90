-- A month of a large city's cases for AssessmentBenchmarkTest: ?1 city, ?2 first day, ?3 days, ?4 cases, ?5 prefix.
-- Rows are written as the superuser (past row-level security) into city_case and case_facts, one statement each.
-- Distribution (by g, deterministic): 75 % closed, the rest stopped at report, file, dispatch or disposal;
-- 88 % of closed cases on time; 3 % failed a verification first; 5 % returned once before dispatch;
-- 70 % district supervisors, 12 % city supervisors (a third of them missed by the grid), 18 % residents;
-- 30 % of closed cases rated; solved 45 % at grid, 30 % community, 15 % street, 10 % district.
CREATE TEMP TABLE seed_unit ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY u.code) - 1 AS i, u.code, l.version, u.min_lon, u.max_lon, u.min_lat, u.max_lat
FROM grid_unit u JOIN grid_layout l ON l.id = u.layout_id
WHERE u.tenant_id = :city AND u.level = 'UNIT'
  AND l.id = (SELECT id FROM grid_layout WHERE tenant_id = :city ORDER BY version DESC LIMIT 1);
CREATE TEMP TABLE seed_class ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY k.code) - 1 AS i, k.code, k.name, k.key_class, k.minor,
       r.id AS rule_id, r.base_case_weight
FROM catalog_class k
JOIN LATERAL (SELECT id, base_case_weight FROM catalog_rule r WHERE r.class_id = k.id ORDER BY effective_from DESC LIMIT 1) r
  ON true
WHERE k.tenant_id = :city AND k.kind = 'EVENT' AND k.active;
CREATE TEMP TABLE seed_department ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM department WHERE tenant_id = :city AND active;
CREATE TEMP TABLE seed_case ON COMMIT DROP AS
SELECT g, 'B' || :prefix || '-' || g AS number,
       CASE WHEN g % 100 < 75 THEN 5 ELSE (ARRAY[0, 1, 2, 3, 3, 4])[1 + g % 6] END AS step,
       (g * 2654435761) % (SELECT count(*) FROM seed_unit) AS unit_i,
       g % (SELECT count(*) FROM seed_class) AS class_i,
       (g * 40503) % (SELECT count(*) FROM seed_department) AS dept_i,
       CASE WHEN g % 50 < 35 THEN 'DISTRICT_SUPERVISOR' WHEN g % 50 < 41 THEN 'CITY_SUPERVISOR' ELSE 'RESIDENT' END AS channel,
       (date_trunc('day', :first::timestamp) + ((g - 1) % :days) * interval '1 day' + interval '7 hours'
           + ((g * 7919) % 50400) * interval '1 second') AT TIME ZONE (SELECT time_zone FROM tenant WHERE code = :city)
           AS reported_at,
       (g * 31) % 100 < 88 AS on_time
FROM generate_series(1::bigint, :cases) g;

INSERT INTO city_case (tenant_id, number, source_code, source_channel, kind, class_code, class_name, rule_id,
    key_class, minor, base_case_weight, problem_type, priority, lon, lat, layout_version, unit_code,
    management_code, community_code, street_code, district_code, description, reporter_name, state, is_open,
    department_code, routed_department, phase, reported_at, filed_at, dispatched_at, closed_at, updated_at, solved_level,
    missed_report)
SELECT :city, s.number, lower(replace(s.channel, '_', '-')), s.channel, 'EVENT', c.code, c.name, c.rule_id,
       c.key_class, c.minor, c.base_case_weight, 'ORDINARY', 'NORMAL',
       (u.min_lon + u.max_lon) / 2, (u.min_lat + u.max_lat) / 2, u.version, u.code,
       substr(u.code, 1, 14), substr(u.code, 1, 12), substr(u.code, 1, 9), substr(u.code, 1, 6), '考评基准案件 ' || s.g,
       'bench', (ARRAY['REPORTED', 'FILED', 'DISPATCHED', 'IN_DISPOSAL', 'REPORTED_BACK', 'CLOSED'])[1 + s.step],
       s.step < 5, CASE WHEN s.step >= 2 THEN d.code END, CASE WHEN s.step >= 2 THEN d.code END,
       (ARRAY['FILING', 'DISPATCH', 'DISPOSAL', 'DISPOSAL', 'VERIFICATION', NULL])[1 + s.step],
       s.reported_at, CASE WHEN s.step >= 1 THEN s.reported_at + interval '1 hour' END,
       CASE WHEN s.step >= 2 THEN s.reported_at + interval '2 hours' END,
       CASE WHEN s.step = 5 THEN s.reported_at + CASE WHEN s.on_time THEN interval '2 days' ELSE interval '4 days' END END,
       s.reported_at, CASE WHEN s.step = 5 THEN (ARRAY['GRID', 'GRID', 'GRID', 'GRID', 'GRID', 'GRID', 'GRID', 'GRID',
           'GRID', 'COMMUNITY', 'COMMUNITY', 'COMMUNITY', 'COMMUNITY', 'COMMUNITY', 'COMMUNITY', 'STREET', 'STREET',
           'STREET', 'DISTRICT', 'DISTRICT'])[1 + s.g % 20] END,
       s.channel = 'CITY_SUPERVISOR' AND s.g % 3 = 0
FROM seed_case s
JOIN seed_unit u ON u.i = s.unit_i JOIN seed_class c ON c.i = s.class_i JOIN seed_department d ON d.i = s.dept_i;

INSERT INTO case_facts (tenant_id, case_id, number, event_count, state, is_open, reporter_id, reporter_role, source_code,
    source_channel, kind, class_code, key_class, minor, base_case_weight, problem_type, layout_version, unit_code,
    management_code, community_code, street_code, district_code, reported_at, filed_at, dispatched_at, closed_at,
    merged_at, filing_attempts, filing_deadline, filing_ended_at, filing_on_time,
    dispatch_attempts, dispatch_deadline, dispatch_ended_at, dispatch_on_time,
    disposal_attempts, disposal_deadline, disposal_ended_at, disposal_on_time, disposal_overdue_at,
    verification_attempts, verification_deadline, verification_ended_at, verification_on_time,
    return_count, returned_by, rework_count, extension_count, extension_hours, extension_working_days,
    suspension_count, suspended_seconds, self_handled, audit_sampled, missed_report,
    responsible_department, routed_department, participants, solved_level,
    dispatch_count, dispatch_ended_count, dispatch_on_time_count, verification_ended_count, verification_on_time_count,
    verify_fail_count, last_verified_at, rating_count, satisfied_count, basically_satisfied_count, dissatisfied_count)
SELECT :city, c.id, c.number, s.step + 1, c.state, c.is_open, NULL, lower(replace(s.channel, '_', '-')), c.source_code,
       c.source_channel, c.kind, c.class_code, c.key_class, c.minor, c.base_case_weight, c.problem_type, c.layout_version,
       c.unit_code, c.management_code, c.community_code, c.street_code, c.district_code, c.reported_at, c.filed_at,
       c.dispatched_at, c.closed_at,
       CASE WHEN s.step = 0 AND s.g % 7 = 0 THEN c.reported_at + interval '30 minutes' END,
       1, c.reported_at + interval '2 hours', c.filed_at, CASE WHEN s.step >= 1 THEN true END,
       CASE WHEN s.step >= 1 THEN 1 ELSE 0 END, CASE WHEN s.step >= 1 THEN c.reported_at + interval '3 hours' END,
       c.dispatched_at, CASE WHEN s.step >= 2 THEN s.g % 20 <> 0 END,
       CASE WHEN s.step >= 2 THEN 1 ELSE 0 END, CASE WHEN s.step >= 2 THEN c.reported_at + interval '3 days' END,
       CASE WHEN s.step >= 4 THEN c.reported_at + CASE WHEN s.on_time THEN interval '1 day' ELSE interval '4 days' END END,
       CASE WHEN s.step >= 4 THEN s.on_time END,
       CASE WHEN s.step IN (2, 3) AND NOT s.on_time THEN c.reported_at + interval '3 days' END,
       CASE WHEN s.step >= 4 THEN 1 ELSE 0 END, CASE WHEN s.step >= 4 THEN c.reported_at + interval '5 days' END,
       c.closed_at, CASE WHEN s.step = 5 THEN true END,
       CASE WHEN s.step >= 2 AND s.g % 20 = 0 THEN 1 ELSE 0 END,
       CASE WHEN s.step >= 2 AND s.g % 20 = 0 THEN ARRAY[c.department_code]::varchar(64)[] ELSE '{}' END,
       CASE WHEN s.step = 5 AND s.g % 33 = 0 THEN 1 ELSE 0 END, 0, 0, 0, 0, 0, false, false, c.missed_report,
       c.department_code, c.routed_department, '{}', c.solved_level,
       CASE WHEN s.step >= 2 THEN CASE WHEN s.g % 20 = 0 THEN 2 ELSE 1 END ELSE 0 END,
       CASE WHEN s.step >= 2 THEN 1 ELSE 0 END, CASE WHEN s.step >= 2 AND s.g % 20 <> 0 THEN 1 ELSE 0 END,
       CASE WHEN s.step = 5 THEN 1 ELSE 0 END, CASE WHEN s.step = 5 THEN 1 ELSE 0 END,
       CASE WHEN s.step = 5 AND s.g % 33 = 0 THEN 1 ELSE 0 END, c.closed_at,
       CASE WHEN s.step = 5 AND s.g % 10 < 3 THEN 1 ELSE 0 END,
       CASE WHEN s.step = 5 AND s.g % 10 < 2 THEN 1 ELSE 0 END,
       CASE WHEN s.step = 5 AND s.g % 10 = 2 AND s.g % 20 < 10 THEN 1 ELSE 0 END,
       CASE WHEN s.step = 5 AND s.g % 10 = 2 AND s.g % 20 >= 10 THEN 1 ELSE 0 END
FROM seed_case s JOIN city_case c ON c.tenant_id = :city AND c.number = s.number;
