-- Batches from an exchange agent: a run may carry an idempotency key (the same key and body
-- replays the stored answer, another body with it is refused), and a run may delete rows by
-- key. A deleted key is remembered per table version, so a consumer's changes feed can pass
-- the delete on.
ALTER TABLE ingest_runs DROP CONSTRAINT ingest_runs_mode_check;
ALTER TABLE ingest_runs ADD CONSTRAINT ingest_runs_mode_check CHECK (mode IN ('replace','upsert','delete'));
ALTER TABLE ingest_runs ADD COLUMN idempotency_key text;
ALTER TABLE ingest_runs ADD COLUMN body_sha256 text;
-- A failed or cancelled run answered nothing and published nothing: its key may be used again.
CREATE UNIQUE INDEX ingest_runs_idempotency ON ingest_runs (mount_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL AND status IN ('running','succeeded','rejected');

CREATE TABLE mount_deletes (
  mount_id uuid NOT NULL REFERENCES mounts(id),
  table_name text NOT NULL,
  run bigint NOT NULL,
  key text NOT NULL
);
CREATE INDEX mount_deletes_feed ON mount_deletes (mount_id, table_name, run, key);
