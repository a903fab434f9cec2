-- Failed logins lock an account per client address, not everywhere: anyone who knows a
-- username could otherwise keep its owner out by failing five times. A failure is counted
-- under the name as typed (lower-cased) whether or not such a user exists, so a name that
-- does not exist locks and answers exactly like one that does.
ALTER TABLE login_failures ADD COLUMN account text;
CREATE INDEX login_failures_account ON login_failures (account, ip, at);

CREATE TABLE login_locks (
  account text NOT NULL,
  ip text NOT NULL,
  until timestamptz NOT NULL,
  PRIMARY KEY (account, ip)
);

ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;

-- An API key may carry an end date; past it, the key fails like a revoked one.
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
