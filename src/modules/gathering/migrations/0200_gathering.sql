-- Mounted resources (挂载): data held by the platform under a published catalog entry.
-- A table mount's rows live in a physical table per version, `mount_data_<seq>_v<version>`,
-- named from numbers the platform hands out, never from user input; `current_table`
-- names the visible one, so a replace switches versions atomically by updating one row.
CREATE SEQUENCE mount_seq START 1;
CREATE TABLE mounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint NOT NULL UNIQUE DEFAULT nextval('mount_seq'),
  resource_id uuid NOT NULL REFERENCES catalog_resources(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  kind text NOT NULL CHECK (kind IN ('table','file','api')),
  name text NOT NULL,
  config jsonb NOT NULL,
  update_cycle text NOT NULL,
  current_version integer NOT NULL DEFAULT 0,
  current_table text,
  row_count bigint,
  last_success_at timestamptz,
  due_at timestamptz,
  overdue_since timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mounts_resource ON mounts (resource_id);
CREATE INDEX mounts_department ON mounts (department_id);
-- One table of rows per entry: the entry's items are its columns.
CREATE UNIQUE INDEX mounts_one_table ON mounts (resource_id) WHERE kind = 'table';

-- One ingest run: a file streamed into a staging table, validated, then switched in.
CREATE SEQUENCE ingest_run_seq START 1;
CREATE TABLE ingest_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint NOT NULL UNIQUE DEFAULT nextval('ingest_run_seq'),
  mount_id uuid NOT NULL REFERENCES mounts(id),
  mode text NOT NULL CHECK (mode IN ('replace','upsert')),
  status text NOT NULL CHECK (status IN ('running','succeeded','failed','cancelled','rejected')),
  format text,
  encoding text,
  filename text,
  staging_table text NOT NULL,
  bytes_read bigint NOT NULL DEFAULT 0,
  bytes_total bigint,
  rows_read bigint NOT NULL DEFAULT 0,
  rows_loaded bigint NOT NULL DEFAULT 0,
  rows_rejected bigint NOT NULL DEFAULT 0,
  version integer,
  quality jsonb,
  rejects_key text,
  error text,
  cancel_requested boolean NOT NULL DEFAULT false,
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  started_by uuid REFERENCES users(id)
);
CREATE INDEX ingest_runs_mount ON ingest_runs (mount_id, started_at DESC);
-- At most one run loads a mount at a time.
CREATE UNIQUE INDEX ingest_runs_one_running ON ingest_runs (mount_id) WHERE status = 'running';

-- A file mount's versions: bytes in the file store under a server-generated key.
CREATE TABLE mount_files (
  mount_id uuid NOT NULL REFERENCES mounts(id),
  version integer NOT NULL,
  storage_key text NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  sm3 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  PRIMARY KEY (mount_id, version)
);
