-- File delivery (文件): one row per export of a grant's data, committed before the file's first
-- byte is sent. `seq` is the export number the file's watermark carries (watermark.ts), so a
-- leaked file traces back to this row: the grant, the consumer department, who, when, what.
CREATE TABLE share_exports (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT now(),
  grant_id uuid NOT NULL REFERENCES share_grants(id),
  resource_id uuid NOT NULL REFERENCES catalog_resources(id),
  provider_department_id uuid NOT NULL REFERENCES departments(id),
  consumer_department_id uuid NOT NULL REFERENCES departments(id),
  actor_id uuid REFERENCES users(id),
  actor text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv','xlsx')),
  -- the items exported, in file order (the file's header): trace picks candidates by them
  fields jsonb NOT NULL,
  -- the consumer's own row filter (the grant's always holds as well), or null
  filter jsonb,
  -- the mount's version read, and the rows it held inside both filters when the export began
  version integer,
  rows bigint NOT NULL,
  filename text NOT NULL,
  ip text
);
CREATE INDEX share_exports_consumer ON share_exports (consumer_department_id, seq DESC);
CREATE INDEX share_exports_provider ON share_exports (provider_department_id, seq DESC);
CREATE INDEX share_exports_grant ON share_exports (grant_id, seq DESC);
CREATE INDEX share_exports_fields ON share_exports USING gin (fields);

-- An export row is evidence: nobody changes or removes it.
CREATE FUNCTION share_exports_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'share_exports is append-only';
END $$;
CREATE TRIGGER share_exports_no_change BEFORE UPDATE OR DELETE ON share_exports
  FOR EACH ROW EXECUTE FUNCTION share_exports_append_only();
