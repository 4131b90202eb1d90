-- Residents' points (积分账户) as an append-only, double-entry ledger, and rewards with stock (积分兑换).
-- Accounts hold balances; transfers move points between two accounts of one city and are never changed:
-- the runtime role may only insert them. A transfer's id is derived from its business key (city, rule,
-- case or redemption, resident), so an award replayed by a retry is stored once.

-- The city's point rules, one version per moment they take effect from (like catalog rules); never changed.
CREATE TABLE points_rules (
    tenant_id       varchar(32)  NOT NULL,
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    effective_from  timestamptz  NOT NULL,
    rules           jsonb        NOT NULL,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(64)  NOT NULL,
    CONSTRAINT points_rules_from_uk UNIQUE (tenant_id, effective_from)
);

-- Every change of the point rules and of the rewards: who, when, what, old and new.
CREATE TABLE points_audit (
    tenant_id   varchar(32)  NOT NULL,
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz  NOT NULL,
    by_user     varchar(64)  NOT NULL,
    subject     varchar(64)  NOT NULL,
    old_value   text,
    new_value   text
);
CREATE INDEX points_audit_idx ON points_audit (tenant_id, at, id);

-- The city's own accounts (issuance, held for pickup, redemption, expiry) and one per resident.
CREATE TABLE points_account (
    tenant_id        varchar(32)  NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             varchar(16)  NOT NULL CHECK (kind IN ('ISSUANCE', 'HELD', 'REDEMPTION', 'EXPIRY', 'RESIDENT')),
    user_id          bigint,
    balance          bigint       NOT NULL DEFAULT 0,
    -- lifetime points: awards less clawbacks; levels (账号分级) are read from it
    earned           bigint       NOT NULL DEFAULT 0,
    -- anti-abuse: no points are earned before this moment
    suspended_until  timestamptz,
    created_at       timestamptz  NOT NULL,
    CONSTRAINT points_account_id_uk UNIQUE (tenant_id, id),
    CONSTRAINT points_account_owner_uk UNIQUE NULLS NOT DISTINCT (tenant_id, kind, user_id),
    CONSTRAINT points_account_owner_ck CHECK ((kind = 'RESIDENT') = (user_id IS NOT NULL)),
    -- no resident ever owes points
    CONSTRAINT points_account_balance_ck CHECK (kind <> 'RESIDENT' OR balance >= 0)
);

CREATE TABLE points_transfer (
    tenant_id       varchar(32)  NOT NULL,
    id              uuid         NOT NULL,
    -- insertion order, for paging and replay
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    debit_account   bigint       NOT NULL,
    credit_account  bigint       NOT NULL,
    amount          bigint       NOT NULL CHECK (amount > 0),
    kind            varchar(24)  NOT NULL,
    -- the resident whose account it touches
    user_id         bigint       NOT NULL,
    case_id         bigint,
    case_number     varchar(32),
    redemption_id   bigint,
    -- a correction names the transfer it corrects
    corrects        uuid,
    rules_id        bigint,
    reason          varchar(300) NOT NULL,
    at              timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT points_transfer_two_accounts_ck CHECK (debit_account <> credit_account),
    CONSTRAINT points_transfer_debit_fk FOREIGN KEY (tenant_id, debit_account) REFERENCES points_account (tenant_id, id),
    CONSTRAINT points_transfer_credit_fk FOREIGN KEY (tenant_id, credit_account) REFERENCES points_account (tenant_id, id),
    CONSTRAINT points_transfer_corrects_fk FOREIGN KEY (tenant_id, corrects) REFERENCES points_transfer (tenant_id, id)
);
CREATE INDEX points_transfer_user_idx ON points_transfer (tenant_id, user_id, seq);
CREATE INDEX points_transfer_case_idx ON points_transfer (tenant_id, case_id) WHERE case_id IS NOT NULL;

-- Anti-abuse: a resident's rejected or false reports, counted over the rules' period.
CREATE TABLE points_strike (
    tenant_id  varchar(32)  NOT NULL,
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint       NOT NULL,
    case_id    bigint       NOT NULL,
    kind       varchar(16)  NOT NULL CHECK (kind IN ('REJECTED', 'FALSE')),
    at         timestamptz  NOT NULL,
    CONSTRAINT points_strike_uk UNIQUE (tenant_id, user_id, case_id, kind)
);
CREATE INDEX points_strike_user_idx ON points_strike (tenant_id, user_id, at);

CREATE TABLE reward (
    tenant_id           varchar(32)  NOT NULL,
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                varchar(32)  NOT NULL,
    name_zh             varchar(100) NOT NULL,
    name_en             varchar(100) NOT NULL,
    description_zh      varchar(500),
    description_en      varchar(500),
    price               integer      NOT NULL CHECK (price > 0),
    -- units left to hold; a hold takes one, a cancelled or expired hold gives it back
    stock               integer      NOT NULL CHECK (stock >= 0),
    per_resident_limit  integer      CHECK (per_resident_limit > 0),
    min_level           integer      NOT NULL DEFAULT 0 CHECK (min_level >= 0),
    available_from      timestamptz,
    available_until     timestamptz,
    active              boolean      NOT NULL DEFAULT true,
    picture_key         varchar(200),
    picture_type        varchar(16),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    CONSTRAINT reward_code_uk UNIQUE (tenant_id, code),
    CONSTRAINT reward_id_uk UNIQUE (tenant_id, id),
    CONSTRAINT reward_window_ck CHECK (available_until IS NULL OR available_from IS NULL OR available_until > available_from)
);

-- A redemption is a hold (points and one unit of stock reserved) that ends exactly once: fulfilled at the
-- pickup point with its code (核销), cancelled by the resident, or expired.
CREATE TABLE redemption (
    tenant_id    varchar(32)  NOT NULL,
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reward_id    bigint       NOT NULL,
    user_id      bigint       NOT NULL,
    code         varchar(16)  NOT NULL,
    price        integer      NOT NULL CHECK (price > 0),
    status       varchar(16)  NOT NULL CHECK (status IN ('HELD', 'FULFILLED', 'CANCELLED', 'EXPIRED')),
    held_at      timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL,
    ended_at     timestamptz,
    ended_by     bigint,
    CONSTRAINT redemption_code_uk UNIQUE (tenant_id, code),
    CONSTRAINT redemption_reward_fk FOREIGN KEY (tenant_id, reward_id) REFERENCES reward (tenant_id, id),
    CONSTRAINT redemption_end_ck CHECK ((status = 'HELD') = (ended_at IS NULL))
);
CREATE INDEX redemption_user_idx ON redemption (tenant_id, user_id, id);
CREATE INDEX redemption_due_idx ON redemption (expires_at) WHERE status = 'HELD';

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['points_rules', 'points_audit', 'points_account', 'points_transfer', 'points_strike',
                             'reward', 'redemption'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = gridcity_current_tenant()) '
                       'WITH CHECK (tenant_id = gridcity_current_tenant())', t);
    END LOOP;
END $$;

-- The ledger, the rule versions and the audit trail are append-only for the service itself.
REVOKE UPDATE, DELETE, TRUNCATE ON points_transfer FROM ${app_role};
REVOKE UPDATE, DELETE, TRUNCATE ON points_rules FROM ${app_role};
REVOKE UPDATE, DELETE, TRUNCATE ON points_audit FROM ${app_role};
REVOKE DELETE, TRUNCATE ON points_account FROM ${app_role};
REVOKE DELETE, TRUNCATE ON redemption FROM ${app_role};
