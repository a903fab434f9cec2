-- Subscriptions (订阅): a consumer department subscribes to a resource through one of its
-- grants and is told of each new version or upsert batch — in the console (a notification),
-- and, when it gave a URL, by a signed webhook, retried with backoff, every attempt logged.
CREATE TABLE share_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  grant_id uuid NOT NULL REFERENCES share_grants(id),
  resource_id uuid NOT NULL REFERENCES catalog_resources(id),
  consumer_department_id uuid NOT NULL REFERENCES departments(id),
  webhook_url text,
  -- Kept in clear because the server signs every delivery with it; shown once, at creation,
  -- and never returned by any read.
  webhook_secret text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES users(id),
  CONSTRAINT share_subscriptions_secret CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);
-- One live subscription per grant; a cancelled one may be followed by a new one.
CREATE UNIQUE INDEX share_subscriptions_one_per_grant ON share_subscriptions (grant_id) WHERE cancelled_at IS NULL;
CREATE INDEX share_subscriptions_resource ON share_subscriptions (resource_id) WHERE cancelled_at IS NULL;
CREATE INDEX share_subscriptions_consumer ON share_subscriptions (consumer_department_id, created_at DESC);

-- What the console shows the consumer department: one row per subscription and publish.
CREATE TABLE share_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id uuid NOT NULL REFERENCES share_subscriptions(id),
  consumer_department_id uuid NOT NULL REFERENCES departments(id),
  resource_id uuid NOT NULL REFERENCES catalog_resources(id),
  event text NOT NULL CHECK (event IN ('resource.version','resource.batch')),
  mount_id uuid,
  run_id uuid,
  version integer,
  rows bigint,
  -- The audit seq of the publish: an event handled twice (at least once) makes no second row.
  source_seq bigint NOT NULL,
  at timestamptz NOT NULL,
  read_at timestamptz,
  read_by uuid REFERENCES users(id),
  UNIQUE (subscription_id, source_seq)
);
CREATE INDEX share_notifications_consumer ON share_notifications (consumer_department_id, at DESC);
CREATE INDEX share_notifications_unread ON share_notifications (consumer_department_id) WHERE read_at IS NULL;

-- The webhook queue: one delivery per notification of a subscription with a URL (its id is the
-- notification's, sent as X-Jutong-Delivery and as the body's id). A worker claims a due row
-- (FOR UPDATE SKIP LOCKED) and moves next_at past a lease, so a process that dies mid-send leaves
-- the row to be retried; after each attempt next_at is the backoff's, or null when finished.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY REFERENCES share_notifications(id),
  subscription_id uuid NOT NULL REFERENCES share_subscriptions(id),
  event text NOT NULL,
  -- The exact JSON sent: every attempt sends the same bytes (the signature's timestamp is per attempt).
  body text NOT NULL,
  -- pending: not yet tried · failed: the last attempt failed, another is due at next_at · succeeded · gave_up
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','succeeded','failed','gave_up')),
  attempts integer NOT NULL DEFAULT 0,
  next_at timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status IN ('pending','failed');
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at DESC);

-- Every attempt, as the delivery log shows it.
CREATE TABLE webhook_attempts (
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id),
  attempt integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  duration_ms integer NOT NULL,
  http_status integer,
  error text,
  outcome text NOT NULL CHECK (outcome IN ('succeeded','retry','gave_up')),
  PRIMARY KEY (delivery_id, attempt)
);
