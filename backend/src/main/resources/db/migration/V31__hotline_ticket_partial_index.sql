-- Only hotline reports carry a ticket number, so the uniqueness of tickets needs an index of those rows
-- alone: every other report (the grid's and the residents', nearly all of intake) no longer adds a NULL
-- entry to it. Same name, so a duplicate ticket is reported as before.
ALTER TABLE city_case DROP CONSTRAINT city_case_ticket_uk;
CREATE UNIQUE INDEX city_case_ticket_uk ON city_case (tenant_id, hotline_ticket) WHERE hotline_ticket IS NOT NULL;
