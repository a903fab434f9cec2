-- Sharing (共享): a consumer department's request for a provider's resource, checked by the
-- bureau, reviewed by the provider; an approved request (or the first use of an unconditional
-- resource) becomes a grant that fixes what the consumer may read and how.
CREATE TABLE share_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  resource_id uuid NOT NULL REFERENCES catalog_resources(id),
  provider_department_id uuid NOT NULL REFERENCES departments(id),
  consumer_department_id uuid NOT NULL REFERENCES departments(id),
  requester_id uuid REFERENCES users(id),
  purpose text NOT NULL,
  legal_basis text NOT NULL,
  items jsonb NOT NULL,
  row_filter jsonb,
  delivery text NOT NULL CHECK (delivery IN ('api','file','table')),
  use_from date NOT NULL,
  use_to date NOT NULL,
  -- submitted → checked (bureau) → approved | rejected (provider); returned (bureau), withdrawn (consumer)
  status text NOT NULL CHECK (status IN ('submitted','checked','approved','rejected','returned','withdrawn')),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  check_due timestamptz NOT NULL,
  checked_at timestamptz,
  checked_by uuid REFERENCES users(id),
  review_due timestamptz,
  decided_at timestamptz,
  decided_by uuid REFERENCES users(id),
  reason text,
  grant_id uuid
);
CREATE INDEX share_requests_consumer ON share_requests (consumer_department_id, submitted_at DESC);
CREATE INDEX share_requests_provider ON share_requests (provider_department_id, submitted_at DESC);
CREATE INDEX share_requests_open ON share_requests (status) WHERE status IN ('submitted','checked');

CREATE TABLE share_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  resource_id uuid NOT NULL REFERENCES catalog_resources(id),
  provider_department_id uuid NOT NULL REFERENCES departments(id),
  consumer_department_id uuid NOT NULL REFERENCES departments(id),
  request_id uuid REFERENCES share_requests(id),
  -- unconditional: made on first use; request: from an approved request
  origin text NOT NULL CHECK (origin IN ('unconditional','request')),
  purpose text NOT NULL,
  items jsonb NOT NULL,
  row_filter jsonb,
  -- items delivered without masking (the provider allowed it); every other item keeps its data element's mask
  unmasked jsonb NOT NULL DEFAULT '[]',
  delivery jsonb NOT NULL,
  calls_per_day integer NOT NULL CHECK (calls_per_day > 0),
  calls_per_minute integer NOT NULL CHECK (calls_per_minute > 0),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id),
  revoke_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);
CREATE INDEX share_grants_consumer ON share_grants (consumer_department_id, resource_id);
CREATE INDEX share_grants_provider ON share_grants (provider_department_id, created_at DESC);
-- At most one unconditional grant per consumer and resource: first uses that race make one.
CREATE UNIQUE INDEX share_grants_one_unconditional ON share_grants (consumer_department_id, resource_id)
  WHERE origin = 'unconditional' AND revoked_at IS NULL;

-- Quota and rate counters, in the database so that every server instance counts the same.
-- A counter is split in lanes (each server process adds to its own, so instances seldom wait on one
-- another's row), summed when read.
CREATE TABLE share_usage (
  grant_id uuid NOT NULL REFERENCES share_grants(id),
  bucket text NOT NULL,
  lane smallint NOT NULL DEFAULT 0,
  calls integer NOT NULL DEFAULT 0,
  rows bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (grant_id, bucket, lane)
);

-- One row per delivery call, written before any data leaves (no row, no data). The hash
-- chain over these rows is sealed afterwards in batches (share_call_seals), so the log is
-- tamper-evident without a lock every call must queue behind.
CREATE TABLE share_calls (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  grant_id uuid NOT NULL REFERENCES share_grants(id),
  resource_id uuid NOT NULL,
  consumer_department_id uuid NOT NULL,
  actor_id uuid,
  actor text NOT NULL,
  channel text NOT NULL,
  purpose text NOT NULL,
  query jsonb NOT NULL,
  rows integer NOT NULL,
  ip text,
  batch bigint
);
CREATE INDEX share_calls_grant ON share_calls (grant_id, seq);
CREATE INDEX share_calls_unsealed ON share_calls (seq) WHERE batch IS NULL;

CREATE TABLE share_call_seals (
  batch bigserial PRIMARY KEY,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  first_seq bigint NOT NULL,
  last_seq bigint NOT NULL,
  count integer NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
