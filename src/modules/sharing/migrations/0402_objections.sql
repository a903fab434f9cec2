-- Objections (数据异议): a consumer department holding a grant says a record of the
-- provider's resource is wrong (which items, why); the record reads as disputed to everyone
-- until the provider, having accepted the objection, answers it: corrected, or not an error.
-- Answering archives the objection; it stays here, under its resource, for good.
CREATE TABLE share_objections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  resource_id uuid NOT NULL REFERENCES catalog_resources(id),
  provider_department_id uuid NOT NULL REFERENCES departments(id),
  consumer_department_id uuid NOT NULL REFERENCES departments(id),
  raised_by uuid REFERENCES users(id),
  -- The record: the value of the mount's single key item, as the mount's table holds it
  -- (text). Personal data: shown unmasked only to the provider, masked by key_mask otherwise.
  key_item text NOT NULL,
  record_key text NOT NULL,
  key_mask text NOT NULL,
  items jsonb NOT NULL,
  reason text NOT NULL,
  -- raised → accepted (provider) → archived (answered: corrected | not_error)
  status text NOT NULL CHECK (status IN ('raised','accepted','archived')),
  raised_at timestamptz NOT NULL DEFAULT now(),
  -- The provider answers within its working days, counted from the raise (the bureau's calendar).
  due_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES users(id),
  answered_at timestamptz,
  answered_by uuid REFERENCES users(id),
  resolution text CHECK (resolution IN ('corrected','not_error')),
  answer text,
  CONSTRAINT share_objections_answered CHECK ((status = 'archived') = (resolution IS NOT NULL AND answer IS NOT NULL AND answered_at IS NOT NULL))
);
-- What the share API asks for every page it serves: which of these keys are disputed.
CREATE INDEX share_objections_open ON share_objections (resource_id, record_key) WHERE status IN ('raised','accepted');
-- One open objection per department and record: a second is a duplicate, not a new one.
CREATE UNIQUE INDEX share_objections_one_open ON share_objections (consumer_department_id, resource_id, record_key)
  WHERE status IN ('raised','accepted');
CREATE INDEX share_objections_consumer ON share_objections (consumer_department_id, raised_at DESC);
CREATE INDEX share_objections_provider ON share_objections (provider_department_id, raised_at DESC);
CREATE INDEX share_objections_resource ON share_objections (resource_id, raised_at DESC);
