-- The audit log could be emptied by TRUNCATE, which fires no row trigger, and its head could be
-- set back to any row: both left a chain that verified. A role that does not own the tables (the
-- runtime role in production, see README "Audit") cannot drop or disable these triggers.
CREATE FUNCTION log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: TRUNCATE is refused', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION log_no_truncate();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION log_no_truncate();

-- The head moves one row forward, onto the row just appended, and never back or away.
CREATE FUNCTION audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.seq = OLD.seq + 1
     AND EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash AND prev_hash = OLD.hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_head only moves forward, onto the row appended after it';
END $$;
CREATE TRIGGER audit_head_only_forward BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward();
