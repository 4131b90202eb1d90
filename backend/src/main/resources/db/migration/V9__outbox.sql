-- Notifications through a transactional outbox: a message is written in the same transaction as the
-- business change that causes it, and a worker delivers it afterwards, by webhook to a city's
-- subscribers or into a resident's message list. (V8 is the case workflow's.)

-- Where a city's administrator wants events sent. The secret signs every delivery (HMAC-SHA256); the
-- worker needs it in clear to sign, so it is stored, and shown to the administrator only on creation.
CREATE TABLE webhook_subscription (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        varchar(32)   NOT NULL REFERENCES tenant (code),
    name             varchar(100)  NOT NULL,
    url              varchar(2000) NOT NULL,
    secret           varchar(100)  NOT NULL,
    -- Event types it receives ('case.dispatched'), family wildcards ('case.*') or '*' for every event.
    event_types      text[]        NOT NULL CHECK (cardinality(event_types) > 0),
    -- Set: only events addressed to that department; null: every event of the city (of its types).
    department_code  varchar(64),
    active           boolean       NOT NULL,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    version          bigint        NOT NULL DEFAULT 0,
    CONSTRAINT webhook_subscription_id_tenant_uk UNIQUE (tenant_id, id),
    CONSTRAINT webhook_subscription_department_fk FOREIGN KEY (tenant_id, department_code)
        REFERENCES department (tenant_id, code)
);

-- One row per receiver of one event: a webhook subscription or a resident's message list.
-- PENDING rows are due at next_attempt_at; a worker that claims one pushes next_attempt_at ahead by
-- its lease and stamps lease_token, so no other worker takes it until the lease runs out (a worker
-- that died mid-delivery is thereby retried). attempts counts claims, so a message that kills its
-- worker every time still ends DEAD.
CREATE TABLE outbox_message (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         varchar(32)   NOT NULL REFERENCES tenant (code),
    idempotency_key   uuid          NOT NULL,
    event_type        varchar(64)   NOT NULL,
    aggregate_ref     varchar(64)   NOT NULL,
    summary           varchar(200),
    payload           jsonb         NOT NULL,
    channel           varchar(16)   NOT NULL CHECK (channel IN ('WEBHOOK', 'RESIDENT')),
    subscription_id   bigint,
    resident_user_id  bigint,
    status            varchar(16)   NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts          integer       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at   timestamptz   NOT NULL,
    lease_token       uuid,
    last_attempt_at   timestamptz,
    last_error        varchar(1000),
    delivered_at      timestamptz,
    created_at        timestamptz   NOT NULL,
    CONSTRAINT outbox_message_key_uk UNIQUE (tenant_id, idempotency_key),
    CONSTRAINT outbox_message_id_tenant_uk UNIQUE (tenant_id, id),
    -- A deleted subscription leaves its history; its undelivered messages become DEAD (see the worker).
    CONSTRAINT outbox_message_subscription_fk FOREIGN KEY (tenant_id, subscription_id)
        REFERENCES webhook_subscription (tenant_id, id) ON DELETE SET NULL (subscription_id),
    CONSTRAINT outbox_message_resident_fk FOREIGN KEY (tenant_id, resident_user_id)
        REFERENCES app_user (tenant_id, id),
    CONSTRAINT outbox_message_recipient_ck CHECK (
        (channel = 'WEBHOOK' AND resident_user_id IS NULL)
        OR (channel = 'RESIDENT' AND resident_user_id IS NOT NULL AND subscription_id IS NULL))
);
-- The worker's claim: due pending messages of one city, oldest due first.
CREATE INDEX outbox_message_due_idx ON outbox_message (tenant_id, next_attempt_at) WHERE status = 'PENDING';
-- The administrator's lists by status, newest first, and the retention purge.
CREATE INDEX outbox_message_status_idx ON outbox_message (tenant_id, status, created_at);

-- A resident's message list on the portal. The outbox message id is unique, so a delivery repeated
-- after a crash adds nothing. No foreign key to outbox_message: delivered outbox rows are purged after
-- their retention period, the resident's messages stay.
CREATE TABLE resident_message (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id          varchar(32)  NOT NULL REFERENCES tenant (code),
    user_id            bigint       NOT NULL,
    outbox_message_id  bigint       NOT NULL,
    event_type         varchar(64)  NOT NULL,
    aggregate_ref      varchar(64)  NOT NULL,
    summary            varchar(200) NOT NULL,
    payload            jsonb        NOT NULL,
    created_at         timestamptz  NOT NULL,
    read_at            timestamptz,
    CONSTRAINT resident_message_outbox_uk UNIQUE (tenant_id, outbox_message_id),
    CONSTRAINT resident_message_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id)
);
CREATE INDEX resident_message_user_idx ON resident_message (tenant_id, user_id, created_at DESC, id DESC);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['webhook_subscription', 'outbox_message', 'resident_message'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;
