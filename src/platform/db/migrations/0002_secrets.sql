-- Keys the platform makes for itself on first use (paging cursors, watermarks, webhook
-- signatures): random, never shown, shared by every instance through the database.
CREATE TABLE platform_secrets (
  name text PRIMARY KEY,
  value bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
