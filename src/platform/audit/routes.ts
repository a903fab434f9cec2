import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ActionRunner } from '../actions/runner.js';
import { actionRoute } from '../http/route.js';
import { AuditQuery, AuditRecord, CheckpointList, CheckpointQuery, listAuditLog, listCheckpoints, verifyAuditLog } from './service.js';

export function auditRoutes(app: FastifyInstance, runner: ActionRunner) {
  const tags = ['审计 Audit'];
  actionRoute(app, runner, {
    method: 'GET',
    url: '/api/v1/audit',
    action: listAuditLog,
    tags,
    querystring: AuditQuery,
    response: z.object({ items: z.array(AuditRecord), total: z.number().int() }),
  });
  actionRoute(app, runner, {
    method: 'GET',
    url: '/api/v1/audit/verify',
    action: verifyAuditLog,
    tags,
    response: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      headSeq: z.number().int().optional(),
      badSeq: z.number().int().optional(),
      reason: z.string().optional(),
      checkpoints: z.number().int().meta({ description: 'how many checkpoints of this log the chain was checked against' }),
      archivedTo: z
        .number()
        .int()
        .optional()
        .meta({ description: 'the last row moved to an archive file (jutong audit archive); the chain in the database starts after it' }),
    }),
  });
  actionRoute(app, runner, {
    method: 'GET',
    url: '/api/v1/audit/checkpoints',
    action: listCheckpoints,
    tags,
    querystring: CheckpointQuery,
    response: CheckpointList,
  });
}
