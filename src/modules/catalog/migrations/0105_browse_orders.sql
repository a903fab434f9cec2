-- Browsing the published catalog by name or by update time reads the first page from an
-- index instead of sorting every published entry.
CREATE INDEX catalog_versions_published_name ON catalog_resource_versions (name, code) WHERE is_published;
CREATE INDEX catalog_versions_published_updated ON catalog_resource_versions (updated_at DESC, code) WHERE is_published;
