-- The worker's first sweep dead-letters webhook messages whose subscription was deleted. Without an
-- index it read every pending message of the city (55 ms with a backlog of 30,000, as a city whose
-- receiver is down builds up); this partial index holds only the rows it looks for, normally none,
-- so it costs an insert nothing but the test of its condition.
CREATE INDEX outbox_message_orphan_idx ON outbox_message (tenant_id)
    WHERE status = 'PENDING' AND channel = 'WEBHOOK' AND subscription_id IS NULL;
