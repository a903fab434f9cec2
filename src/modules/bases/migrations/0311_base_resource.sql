-- A base is shared like any other resource: the bureau links it to its catalog entry, and a
-- department that holds an active grant on that entry reads the base's granted fields. Without
-- a link, only the bureau and the departments that feed the base read its records.
ALTER TABLE base_settings ADD COLUMN resource_id uuid REFERENCES catalog_resources(id);
