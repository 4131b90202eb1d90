-- Residents' photos are shown to the public only after staff approved them (issue #9, portal).
-- moderation: NULL for photos taken by staff (never public), PENDING until a moderator decides,
-- APPROVED (public on the case's public page) or REFUSED (with the reason the resident sees).
ALTER TABLE case_photo
    ADD COLUMN moderation        varchar(8)   CHECK (moderation IN ('PENDING', 'APPROVED', 'REFUSED')),
    ADD COLUMN moderated_by      bigint,
    ADD COLUMN moderated_at      timestamptz,
    ADD COLUMN moderation_reason varchar(500),
    ADD CONSTRAINT case_photo_refusal_has_reason CHECK (moderation IS DISTINCT FROM 'REFUSED' OR moderation_reason IS NOT NULL);

-- Photos residents and volunteers added before this version wait for a decision like new ones.
UPDATE case_photo p SET moderation = 'PENDING'
  FROM city_case c
 WHERE c.tenant_id = p.tenant_id AND c.id = p.case_id AND p.uploaded_by = c.reporter_id
   AND c.source_channel IN ('RESIDENT', 'VOLUNTEER');

-- The moderators' queue: a city's pending photos, oldest first.
CREATE INDEX case_photo_pending_idx ON case_photo (tenant_id, uploaded_at, id) WHERE moderation = 'PENDING';
