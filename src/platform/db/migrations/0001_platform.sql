-- Identity: departments, users, sessions, API keys.
CREATE TABLE departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  short_name text NOT NULL,
  code text NOT NULL UNIQUE,               -- 提供方代码, part of every catalog code
  credit_code char(18) NOT NULL UNIQUE,    -- 统一社会信用代码
  parent_id uuid REFERENCES departments(id),
  is_bureau boolean NOT NULL DEFAULT false,
  resource_seq integer NOT NULL DEFAULT 0, -- last catalog sequence handed out; never decreases
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX departments_one_bureau ON departments (is_bureau) WHERE is_bureau;

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  roles text[] NOT NULL CHECK (roles <@ ARRAY['admin','dept_admin','dept_user','auditor']::text[] AND cardinality(roles) > 0),
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,                -- set by repeated failures
  disabled boolean NOT NULL DEFAULT false, -- set by an administrator
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_department ON users (department_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_user ON api_keys (user_id);

-- Failed logins per client address, for rate limiting that every server instance shares.
CREATE TABLE login_failures (
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_ip_at ON login_failures (ip, at);

-- Audit: append-only, hash-chained. seq is handed out under the lock on audit_head, so
-- it has no gaps and commits in order; the outbox reuses it as the event order.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor text NOT NULL,
  department_id uuid,
  action text NOT NULL,
  target_type text,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, 'genesis');

CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();

-- Events: action.succeeded, written in the action's transaction, consumed after commit.
CREATE TABLE outbox (
  seq bigint PRIMARY KEY,
  action text NOT NULL,
  at timestamptz NOT NULL,
  payload jsonb NOT NULL
);
CREATE TABLE event_cursors (
  consumer text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT 0
);

-- Durable jobs, claimed with FOR UPDATE SKIP LOCKED by any server instance.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
  payload jsonb NOT NULL,
  phase text,
  done integer NOT NULL DEFAULT 0,
  total integer NOT NULL DEFAULT 0,
  result jsonb,
  error jsonb,
  created_by uuid REFERENCES users(id),
  department_id uuid REFERENCES departments(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_queued ON jobs (created_at) WHERE status = 'queued';

-- Uploaded files (an import's spreadsheet) until a job has read them.
CREATE TABLE blobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  content_type text NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
