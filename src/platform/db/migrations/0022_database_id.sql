-- The database's identity, made once: each checkpoint line and archive names it, so checkpoints of
-- one database are never matched against another (a test copy against production's file, a second
-- installation writing into a shared directory). A copy made from this one (a restore, a
-- CREATE DATABASE … TEMPLATE) keeps it: a restore is the same log rewound, which verify should report.
CREATE TABLE database_identity (
  id integer PRIMARY KEY CHECK (id = 1),
  database_id uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO database_identity (id) VALUES (1);
CREATE FUNCTION database_identity_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'database_identity never changes';
END $$;
CREATE TRIGGER database_identity_no_change BEFORE UPDATE OR DELETE ON database_identity
  FOR EACH ROW EXECUTE FUNCTION database_identity_fixed();
CREATE TRIGGER database_identity_no_truncate BEFORE TRUNCATE ON database_identity
  FOR EACH STATEMENT EXECUTE FUNCTION log_no_truncate();
