-- Retention (等保: at least 180 days online) moves a log's oldest rows into a signed archive file.
-- The chain in the database then starts after the last archived row: its position and hash are the
-- log's base. The base moves only forward, only through the archive functions, and only over rows
-- older than 180 days whose archiving an audit row records; `jutong audit verify` accepts a base
-- only where a signed checkpoint line records the same boundary (written by the archive job, with
-- the key the database never sees).
CREATE TABLE log_bases (
  log text PRIMARY KEY,
  -- audit: the last archived row; share_calls: the last archived seal's batch
  seq bigint NOT NULL,
  hash text NOT NULL,
  -- share_calls: the last call of that seal
  last_call bigint NOT NULL DEFAULT 0,
  moved_at timestamptz
);
INSERT INTO log_bases (log, seq, hash) VALUES ('audit', 0, 'genesis');

CREATE FUNCTION log_bases_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.log = OLD.log AND NEW.seq > OLD.seq AND NEW.last_call >= OLD.last_call THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'log_bases only moves forward, by archiving';
END $$;
CREATE TRIGGER log_bases_forward BEFORE UPDATE OR DELETE ON log_bases
  FOR EACH ROW EXECUTE FUNCTION log_bases_forward();
CREATE TRIGGER log_bases_no_truncate BEFORE TRUNCATE ON log_bases
  FOR EACH STATEMENT EXECUTE FUNCTION log_no_truncate();

-- The logs' one guard, replacing each table's own: no change, and no removal but of rows at or
-- before their log's base. Arguments: the log in log_bases, the row's position column, and which
-- of the base's columns it is compared with (seq, or last_call for the delivery log's calls).
CREATE FUNCTION log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND (to_jsonb(OLD)->>TG_ARGV[1])::bigint <=
     (SELECT CASE TG_ARGV[2] WHEN 'last_call' THEN last_call ELSE seq END FROM log_bases WHERE log = TG_ARGV[0]) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
DROP TRIGGER audit_log_no_update ON audit_log;
DROP FUNCTION audit_log_immutable();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION log_append_only('audit', 'seq', 'seq');

-- What the audit log's base may move over: its own rows, all older than 180 days, whose archiving
-- an audit row records. Checked on the base itself, so no way of moving it escapes the check.
-- (Triggers fire in name order: log_bases_forward first.)
CREATE FUNCTION audit_base_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
    RAISE EXCEPTION 'archive: audit row % with that hash does not exist', NEW.seq;
  END IF;
  IF EXISTS (SELECT 1 FROM audit_log WHERE seq > OLD.seq AND seq <= NEW.seq AND at >= now() - interval '180 days') THEN
    RAISE EXCEPTION 'archive: audit rows younger than 180 days stay in the database';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_log WHERE seq > NEW.seq AND action = 'audit.archive' AND details->>'log' = 'audit'
                   AND details->'to'->>'seq' = NEW.seq::text AND details->'to'->>'hash' = NEW.hash) THEN
    RAISE EXCEPTION 'archive: no audit.archive row records this boundary';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER log_bases_guard_audit BEFORE UPDATE ON log_bases
  FOR EACH ROW WHEN (OLD.log = 'audit') EXECUTE FUNCTION audit_base_check();

-- The controlled bypass: runs as the tables' owner (the runtime role has no DELETE on the log nor
-- any write on log_bases), so the server can archive under its own role, and nobody removes more
-- than the base's checks allow.
CREATE FUNCTION archive_audit_log(p_seq bigint, p_hash text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n bigint;
BEGIN
  UPDATE log_bases SET seq = p_seq, hash = p_hash, moved_at = now() WHERE log = 'audit';
  DELETE FROM audit_log WHERE seq <= p_seq;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
