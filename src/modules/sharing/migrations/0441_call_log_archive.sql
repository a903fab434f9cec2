-- The delivery log's retention, as the audit log's (0021): the base is the last archived seal.
INSERT INTO log_bases (log, seq, hash) VALUES ('share_calls', 0, 'genesis');

-- The platform's guard (0021) in place of the tables' own: removal only behind the base.
DROP TRIGGER share_calls_no_change ON share_calls;
DROP FUNCTION share_calls_append_only();
CREATE TRIGGER share_calls_no_change BEFORE UPDATE OR DELETE ON share_calls
  FOR EACH ROW EXECUTE FUNCTION log_append_only('share_calls', 'seq', 'last_call');
DROP TRIGGER share_call_seals_no_change ON share_call_seals;
DROP FUNCTION share_call_seals_append_only();
CREATE TRIGGER share_call_seals_no_change BEFORE UPDATE OR DELETE ON share_call_seals
  FOR EACH ROW EXECUTE FUNCTION log_append_only('share_calls', 'batch', 'seq');

-- What the base may move over: whole seals, all sealed more than 180 days ago, whose archiving an
-- audit row records (as audit_base_check in 0021).
CREATE FUNCTION call_log_base_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM share_call_seals WHERE batch = NEW.seq AND hash = NEW.hash AND last_seq = NEW.last_call) THEN
    RAISE EXCEPTION 'archive: seal % with that hash and last call does not exist', NEW.seq;
  END IF;
  IF EXISTS (SELECT 1 FROM share_call_seals WHERE batch > OLD.seq AND batch <= NEW.seq AND sealed_at >= now() - interval '180 days') THEN
    RAISE EXCEPTION 'archive: calls sealed less than 180 days ago stay in the database';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'audit.archive' AND details->>'log' = 'share_calls'
                   AND details->'to'->>'seq' = NEW.seq::text AND details->'to'->>'hash' = NEW.hash) THEN
    RAISE EXCEPTION 'archive: no audit.archive row records this boundary';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER log_bases_guard_share_calls BEFORE UPDATE ON log_bases
  FOR EACH ROW WHEN (OLD.log = 'share_calls') EXECUTE FUNCTION call_log_base_check();

CREATE FUNCTION archive_call_log(p_batch bigint, p_hash text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n bigint;
BEGIN
  UPDATE log_bases SET seq = p_batch, hash = p_hash, moved_at = now(),
         last_call = coalesce((SELECT last_seq FROM share_call_seals WHERE batch = p_batch), -1)
   WHERE log = 'share_calls';
  DELETE FROM share_calls WHERE seq <= (SELECT last_call FROM log_bases WHERE log = 'share_calls');
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM share_call_seals WHERE batch <= p_batch;
  RETURN n;
END $$;
