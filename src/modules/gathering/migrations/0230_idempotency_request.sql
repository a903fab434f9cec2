-- An idempotency key answers again only for the same request: the body and what says how to read
-- it (mode, format, encoding, file name, column mapping). The same bytes sent as a delete after
-- an upsert are another batch, refused under the same key. Runs answered before this hashed the
-- body alone: a retry of one of those under its key is refused (409), and the agent sends the
-- batch again under a new key (`jutong agent --retry`).
ALTER TABLE ingest_runs RENAME COLUMN body_sha256 TO request_sha256;
