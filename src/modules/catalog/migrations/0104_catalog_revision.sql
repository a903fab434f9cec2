-- A counter that moves whenever any catalog version is written, so derived results (the
-- facet counts of a search) can be reused until the catalog changes, by every instance.
CREATE TABLE catalog_revision (id integer PRIMARY KEY CHECK (id = 1), rev bigint NOT NULL);
INSERT INTO catalog_revision VALUES (1, 0);
CREATE FUNCTION catalog_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_revision SET rev = rev + 1 WHERE id = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_versions_revision AFTER INSERT OR UPDATE OR DELETE ON catalog_resource_versions
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_revision_bump();
