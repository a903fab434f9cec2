-- The classification tree: 类 (1 digit) / 项 (+2) / 目 (+3) / 细目 (+more).
CREATE TABLE catalog_classifications (
  code text PRIMARY KEY CHECK (code ~ '^[123][0-9]*$'),
  name text NOT NULL,
  parent_code text REFERENCES catalog_classifications(code),
  kind text NOT NULL CHECK (kind IN ('base','theme','department')),
  department_id uuid REFERENCES departments(id),
  sort integer NOT NULL DEFAULT 0
);
CREATE INDEX catalog_classifications_parent ON catalog_classifications (parent_code);
CREATE UNIQUE INDEX catalog_classifications_department ON catalog_classifications (department_id) WHERE kind = 'department' AND length(code) = 3;

-- The data-element registry (数据元).
CREATE TABLE data_elements (
  identifier text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  definition text NOT NULL,
  data_type text NOT NULL,
  length integer,
  value_domain jsonb NOT NULL,
  masking text NOT NULL DEFAULT 'none',
  search tsvector NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_elements_search ON data_elements USING gin (search);
CREATE SEQUENCE data_element_seq START 1;

-- A resource is its identity (code, provider) plus versions. The working version is
-- what its department edits; the published version is what everyone else sees.
CREATE TABLE catalog_resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  provider_department_id uuid NOT NULL REFERENCES departments(id),
  current_version integer NOT NULL,
  published_version integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);
CREATE INDEX catalog_resources_provider ON catalog_resources (provider_department_id);

CREATE TABLE catalog_resource_versions (
  resource_id uuid NOT NULL REFERENCES catalog_resources(id),
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft','submitted','published','returned','superseded')),
  name text NOT NULL,
  classification text NOT NULL REFERENCES catalog_classifications(code),
  abstract text NOT NULL,
  format text NOT NULL,
  format_type text NOT NULL,
  items jsonb NOT NULL,
  share_type text NOT NULL,
  share_condition text,
  share_basis text,
  share_channel text NOT NULL,
  share_via text,
  open_type text NOT NULL,
  open_condition text,
  update_cycle text NOT NULL,
  published_at date,
  related_codes text[] NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  contact text,
  owner text,
  search tsvector NOT NULL,
  review_reason text,
  submitted_at timestamptz,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  PRIMARY KEY (resource_id, version)
);
CREATE INDEX catalog_versions_search ON catalog_resource_versions USING gin (search);
CREATE INDEX catalog_versions_status ON catalog_resource_versions (status) WHERE status = 'submitted';
