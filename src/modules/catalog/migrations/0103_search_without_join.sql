-- Search reads one table: each version carries its resource's provider and code (both
-- fixed for life) and whether it is the resource's current or published version, kept
-- in step with catalog_resources by the store.
ALTER TABLE catalog_resource_versions ADD COLUMN provider_department_id uuid REFERENCES departments(id);
ALTER TABLE catalog_resource_versions ADD COLUMN code text;
ALTER TABLE catalog_resource_versions ADD COLUMN is_current boolean NOT NULL DEFAULT false;
ALTER TABLE catalog_resource_versions ADD COLUMN is_published boolean NOT NULL DEFAULT false;
UPDATE catalog_resource_versions v SET provider_department_id = r.provider_department_id, code = r.code,
       is_current = (v.version = r.current_version), is_published = (v.version IS NOT DISTINCT FROM r.published_version)
  FROM catalog_resources r WHERE r.id = v.resource_id;
ALTER TABLE catalog_resource_versions ALTER COLUMN provider_department_id SET NOT NULL;
ALTER TABLE catalog_resource_versions ALTER COLUMN code SET NOT NULL;
CREATE INDEX catalog_versions_published_order ON catalog_resource_versions (published_at DESC NULLS LAST, code) WHERE is_published;
CREATE INDEX catalog_versions_current_provider ON catalog_resource_versions (provider_department_id) WHERE is_current;
