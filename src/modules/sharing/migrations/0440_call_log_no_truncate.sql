-- TRUNCATE fires no row trigger: without these the delivery log and its seals could be emptied
-- (directly, or by TRUNCATE share_grants CASCADE) past the append-only guards of 0404.
CREATE TRIGGER share_calls_no_truncate BEFORE TRUNCATE ON share_calls
  FOR EACH STATEMENT EXECUTE FUNCTION log_no_truncate();
CREATE TRIGGER share_call_seals_no_truncate BEFORE TRUNCATE ON share_call_seals
  FOR EACH STATEMENT EXECUTE FUNCTION log_no_truncate();
