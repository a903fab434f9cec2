import { z } from 'zod';
import { defineRead } from '../actions/action.js';
import { has, type Principal } from '../auth/principal.js';
import { Page } from '../auth/schema.js';
import { iso } from '../db/values.js';
import { checkpointPage, loadCheckpoints } from './checkpoints.js';
import { loadKeys } from './signing-keys.js';
import { listAudit } from './store.js';
import { verifyAuditChain } from './verify.js';

// Separation of duties (三员分立): the audit log is the auditor's, not the administrator's.
const auditor = (p: Principal) => has(p, 'auditor');

// zod accepts any offset and year 0; PostgreSQL does not, so keep to what a timestamptz can hold.
const Instant = z.iso.datetime({ offset: true }).refine((v) => {
  const t = Date.parse(v);
  return Number.isFinite(t) && t >= Date.UTC(1970, 0, 1) && t < Date.UTC(10000, 0, 1) && !/[+-](1[5-9]|[2-9]\d):?\d\d$/.test(v);
}, '时间无效');

export const AuditQuery = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(100).optional().meta({ description: 'an action name or its prefix, e.g. catalog.resource' }),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  ...Page,
});

export const AuditRecord = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  departmentId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
});

export const listAuditLog = defineRead({
  name: 'audit.list',
  summary: '审计日志 The audit log, newest first (auditor)',
  input: AuditQuery,
  auth: auditor,
  async run({ db }, q) {
    const { items, total } = await listAudit(db, q);
    return { items: items.map((r) => ({ ...r, seq: Number(r.seq), at: iso(r.at) as string })), total };
  },
});

export const verifyAuditLog = defineRead({
  name: 'audit.verify',
  summary: '校验审计链 Walk the hash chain, against itself and the checkpoints kept outside the database, and report the first bad row (auditor)',
  input: z.object({}),
  auth: auditor,
  run: async ({ db, services }) => verifyAuditChain(db, await loadCheckpoints(services.config.checkpoints)),
});

export const CheckpointQuery = z.object({ ...Page, pageSize: z.coerce.number().int().min(1).max(1000).default(200) });

export const CheckpointList = z.object({
  items: z.array(
    z.object({
      line: z.number().int(),
      log: z.string(),
      seq: z.number().int(),
      hash: z.string(),
      at: z.string(),
      by: z.string().optional(),
      db: z.string().optional().meta({ description: 'the database whose log it is' }),
      archive: z.string().optional().meta({ description: 'on the signed line of an archive boundary: the archive file' }),
      alg: z.string().optional(),
      key: z.string().optional(),
      sig: z.string().optional(),
    }),
  ),
  next: z.number().int().nullable().meta({ description: 'the next page, or null at the end of the file so far' }),
  key: z
    .object({ alg: z.enum(['ed25519', 'sm2']), id: z.string(), publicKey: z.string().meta({ description: 'PEM (SPKI)' }) })
    .nullable()
    .meta({ description: 'the key that checks the signed lines: pin it once, then compare' }),
});

// The file is append-only: a page, once full, always holds the same lines, so a copier fetches
// page after page, oldest first, and comes back for the last one.
export const listCheckpoints = defineRead({
  name: 'audit.checkpoints',
  summary: '审计检查点 The checkpoints this server wrote outside the database, oldest first, to copy away (auditor)',
  input: CheckpointQuery,
  auth: auditor,
  async run({ services }, q) {
    const cfg = services.config.checkpoints;
    const { items, more } = await checkpointPage(cfg.file, (q.page - 1) * q.pageSize + 1, q.pageSize);
    const keys = loadKeys(cfg.keyFile, false);
    return {
      items,
      next: more ? q.page + 1 : null,
      key: keys && { alg: keys.alg, id: keys.keyId, publicKey: keys.publicPem },
    };
  },
});

export const auditActions = [listAuditLog, verifyAuditLog, listCheckpoints];
