-- A seal covers every call numbered after the previous seal's last, up to its own last: the
-- rows need no stamp, so the call log becomes strictly append-only (stamping each row, through
-- a trigger, cost the database as much again as writing it).
-- The stamps may go only if every seal made so far is such a range: calls sealed while several
-- batches committed at once could have left one out of order. Then stop, rather than turn the
-- stamps' evidence into a false alarm for ever.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM share_call_seals a JOIN share_call_seals b ON a.batch < b.batch AND a.last_seq >= b.last_seq)
     OR EXISTS (SELECT 1 FROM share_calls c
                 WHERE c.seq <= (SELECT coalesce(max(last_seq), 0) FROM share_call_seals)
                   AND c.batch IS DISTINCT FROM (SELECT s.batch FROM share_call_seals s WHERE s.last_seq >= c.seq ORDER BY s.last_seq LIMIT 1)) THEN
    RAISE EXCEPTION 'share_calls: the sealed batches are not consecutive ranges; verify the call log with the previous version (jutong audit verify) and archive it before upgrading';
  END IF;
END $$;
DROP INDEX share_calls_unsealed;
ALTER TABLE share_calls DROP COLUMN batch;
CREATE OR REPLACE FUNCTION share_calls_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'share_calls is append-only';
END $$;
CREATE UNIQUE INDEX share_call_seals_last ON share_call_seals (last_seq);
