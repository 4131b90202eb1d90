-- Streets and communities close their own loop (issue #11, 二级闭环 / 社区微循环): a subclass the city marks as
-- locally solvable is filed, dispatched and verified by the community committee or street office of the point,
-- without the centre, until the unit returns it, escalates it, or its local limit passes.
ALTER TABLE catalog_class ADD COLUMN local_level varchar(16) NOT NULL DEFAULT 'NONE';

ALTER TABLE workflow_settings ADD COLUMN local_loop boolean NOT NULL DEFAULT false;
ALTER TABLE workflow_settings ADD COLUMN local_loop_hours integer NOT NULL DEFAULT 16;

-- local_unit_code: the unit whose loop the case began in (kept after escalation, for the record);
-- local_loop: the case is in that loop now; escalation: why it left it (RETURNED, OVERDUE, BY_UNIT).
ALTER TABLE city_case ADD COLUMN local_unit_code varchar(64);
ALTER TABLE city_case ADD COLUMN local_deadline timestamptz;
ALTER TABLE city_case ADD COLUMN local_loop boolean NOT NULL DEFAULT false;
ALTER TABLE city_case ADD COLUMN escalation varchar(16);

-- The local unit's queue, and the deadline job's look for local loops whose limit has passed.
CREATE INDEX city_case_local_queue_idx
    ON city_case (tenant_id, local_unit_code, (coalesce(phase_deadline, 'infinity'::timestamptz)), id)
    WHERE is_open AND local_loop;
CREATE INDEX city_case_local_deadline_idx ON city_case (local_deadline) WHERE is_open AND local_loop;

ALTER TABLE case_facts ADD COLUMN local_loop boolean NOT NULL DEFAULT false;
ALTER TABLE case_facts ADD COLUMN local_unit varchar(64);
ALTER TABLE case_facts ADD COLUMN escalation varchar(16);
