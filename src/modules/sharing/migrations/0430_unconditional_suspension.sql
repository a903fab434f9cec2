-- Revoking an unconditional resource's grant suspends that consumer from the resource until the
-- provider lifts it. Before, the next call made a new grant and the revocation did nothing. The
-- revoked grant keeps its place in the one-per-pair index until it is lifted, so a first use on
-- any server instance runs into it there (the database decides, not a process's memory).
ALTER TABLE share_grants ADD COLUMN lifted_at timestamptz;
ALTER TABLE share_grants ADD COLUMN lifted_by uuid REFERENCES users(id);
ALTER TABLE share_grants ADD CONSTRAINT share_grants_lift_revoked
  CHECK (lifted_at IS NULL OR (origin = 'unconditional' AND revoked_at IS NOT NULL));
-- Revocations that a later first use already went past count as lifted then; a pair's newest stays in force.
UPDATE share_grants g SET lifted_at = g.revoked_at
 WHERE g.origin = 'unconditional' AND g.revoked_at IS NOT NULL
   AND EXISTS (SELECT 1 FROM share_grants n
                WHERE n.consumer_department_id = g.consumer_department_id AND n.resource_id = g.resource_id
                  AND n.origin = 'unconditional' AND (n.created_at, n.id) > (g.created_at, g.id));
DROP INDEX share_grants_one_unconditional;
CREATE UNIQUE INDEX share_grants_one_unconditional ON share_grants (consumer_department_id, resource_id)
  WHERE origin = 'unconditional' AND lifted_at IS NULL;
