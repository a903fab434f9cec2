-- The call log is append-only like the audit log; the one change allowed is the sealer
-- stamping a row's batch, once.
CREATE FUNCTION share_calls_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.batch IS NULL AND NEW.batch IS NOT NULL
     AND (to_jsonb(NEW) - 'batch') = (to_jsonb(OLD) - 'batch') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'share_calls is append-only';
END $$;
CREATE TRIGGER share_calls_no_change BEFORE UPDATE OR DELETE ON share_calls
  FOR EACH ROW EXECUTE FUNCTION share_calls_append_only();
CREATE FUNCTION share_call_seals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'share_call_seals is append-only';
END $$;
CREATE TRIGGER share_call_seals_no_change BEFORE UPDATE OR DELETE ON share_call_seals
  FOR EACH ROW EXECUTE FUNCTION share_call_seals_append_only();
