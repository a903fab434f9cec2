-- Ranking reads only the name and keywords (weight A): a small vector kept in the row,
-- so ordering thousands of matches does not detoast every entry's full search vector.
ALTER TABLE catalog_resource_versions ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS (ts_filter(search, '{a}')) STORED;
