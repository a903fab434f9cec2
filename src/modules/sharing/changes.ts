import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRead } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { Id } from '../../platform/auth/schema.js';
import type { Queryable } from '../../platform/db/db.js';
import { InputError } from '../../platform/errors.js';
import { actionRoute } from '../../platform/http/route.js';
import { platformSecret } from '../../platform/secrets/secrets.js';
import { changeRows, keyColumn, lastRun, snapshotRows } from '../gathering/index.js';
import type { Column } from '../gathering/schema.js';
import { type Access, callLogOf, openAccess } from './access.js';
import { openCursor, sealCursor } from './cursor.js';
import { fieldsOf, logEntry, ResourceRef, shape } from './deliver.js';
import { recordRefs } from './record-ref.js';
import { mayConsume } from './rules.js';
import { SharedRecord } from './schema.js';

// Table sync's pull side (库表交换): a granted resource's changes, page by page, for an
// exchange agent to apply to the consumer's own table. A feed starts with a snapshot (every
// row the grant covers, in key order); when it is done, the feed follows the provider's runs
// in the order they were published (one at a time per mount, so that order is the commit
// order): rows they wrote — as upserts, or as deletes when a row no longer passes the grant's
// filter — and keys they deleted. A replace makes a new table, and the feed starts a new
// snapshot. Records are named by their reference, so a masked key never leaves.

type Token =
  /** In a snapshot of table t: rows after key k; then follow runs after hi. */
  | { t: string; s: true; k: string | null; hi: number }
  /** Following table t: changes after (run r, key k, kind d); k null = all of runs after r. */
  | { t: string; s: false; r: number; k: string | null; d: number };

// A page's memory is bounded by its cells, not its rows: a wide resource gets fewer rows a page
// than asked for (`more` and `next` go on from wherever a page ends).
const MAX_ROWS = 50_000;
const MAX_CELLS = 300_000;

const ChangesQuery = z.object({
  since: z.string().max(4000).optional().describe('the `next` of the previous page; absent: start with a full snapshot'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_ROWS)
    .default(1000)
    .describe(`rows a page at most; a resource of many items gets fewer (at most ${MAX_CELLS.toLocaleString('en-US')} values a page)`),
});

export const ChangesPage = z
  .object({
    resourceCode: z.string(),
    grantId: Id,
    fields: z.array(z.object({ item: z.string(), masked: z.boolean() })),
    reset: z
      .boolean()
      .describe('a snapshot starts here: the pages up to the one with more = false hold every row; rows of yours they do not deliver are to be deleted then'),
    upserts: z.array(SharedRecord.pick({ ref: true, values: true })),
    deletes: z
      .array(z.string())
      .describe('references of records to delete — apply them before the upserts of the same page (a key deleted and then added again appears in both)'),
    next: z.string().describe('pass as `since` for the next page'),
    more: z.boolean().describe('false: caught up (at the end of a snapshot: the snapshot is complete)'),
  })
  .meta({ id: 'ShareChangesPage' });
type ChangesPage = z.infer<typeof ChangesPage>;

const SECRET = 'share-cursor';

function readToken(secret: Buffer, grantId: string, since: string): Token {
  const [json] = openCursor(secret, grantId, since, 1);
  const t = JSON.parse(json ?? 'null') as Token | null;
  if (!t || typeof t.t !== 'string') throw new InputError('since 参数无效：请使用上一页返回的 next 值');
  return t;
}
const writeToken = (secret: Buffer, grantId: string, t: Token) => sealCursor(secret, grantId, [JSON.stringify(t)]);

async function snapshotPage(db: Queryable, a: Access, key: Column, table: string, t: Extract<Token, { s: true }>, limit: number, columns: Column[]) {
  const rows = await snapshotRows(db, a, key, table, t.k, limit, columns);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  const next: Token = more ? { ...t, k: last[`_k_${key.column}`] as string } : { t: table, s: false, r: t.hi, k: null, d: 0 };
  return { upserts: page, deletes: [] as string[], next, more };
}

async function followPage(db: Queryable, a: Access, key: Column, table: string, t: Extract<Token, { s: false }>, limit: number, columns: Column[]) {
  const rows = await changeRows(db, a, key, table, { run: t.r, key: t.k, kind: t.d }, limit, columns);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  const next: Token = last ? { t: table, s: false, r: last.run as number, k: last.key as string, d: last.del as number } : t;
  const upserts = page.filter((r) => r.passes).map((r) => ({ ...r, [`_k_${key.column}`]: r.key }));
  const deletes = page.filter((r) => !r.passes).map((r) => r.key as string);
  return { upserts, deletes, next, more };
}

const readChanges = defineRead({
  name: 'sharing.records.changes',
  summary: '库表同步变更 A granted resource’s changes for an exchange agent: a snapshot first, then each published run’s upserts and deletes',
  input: ChangesQuery.extend({ resource: ResourceRef }),
  auth: mayConsume,
  async run({ db, principal, services }, q): Promise<ChangesPage> {
    const a = await openAccess(db, services, principal, q.resource, 'table');
    const key = keyColumn(a);
    const secret = await platformSecret(services.db, SECRET);
    const prior = q.since ? readToken(secret, a.grant.id, q.since) : null;
    const table = a.mount.currentTable;
    if (!table) {
      // Nothing loaded yet: an empty snapshot; the first load makes the next page a new one.
      const empty: Token = { t: '', s: false, r: 0, k: null, d: 0 };
      return {
        resourceCode: a.entry.code,
        grantId: a.grant.id,
        fields: fieldsOf(a, a.columns),
        reset: prior?.t !== '',
        upserts: [],
        deletes: [],
        next: writeToken(secret, a.grant.id, empty),
        more: false,
      };
    }
    // A new feed, or a replace since the last page: start (again) with a snapshot of the current table.
    const reset = !prior || prior.t !== table;
    const token: Token = reset ? { t: table, s: true, k: null, hi: await lastRun(db, a) } : (prior as Token);
    const limit = Math.max(1, Math.min(q.limit, Math.floor(MAX_CELLS / Math.max(1, a.columns.length))));
    const page = token.s ? await snapshotPage(db, a, key, table, token, limit, a.columns) : await followPage(db, a, key, table, token, limit, a.columns);
    const records = await shape(db, services, a, a.columns, page.upserts, false);
    const refSecret = await platformSecret(services.db, 'record-ref');
    const deletes = recordRefs(refSecret, a.entry.id, page.deletes);
    await callLogOf(services.db).record(
      logEntry(principal, a, 'table', { snapshot: token.s, reset, upserts: records.length, deletes: deletes.length }, records.length + deletes.length),
    );
    return {
      resourceCode: a.entry.code,
      grantId: a.grant.id,
      fields: fieldsOf(a, a.columns),
      reset,
      upserts: records.map((r) => ({ ref: r.ref as string, values: r.values })),
      deletes,
      next: writeToken(secret, a.grant.id, page.next),
      more: page.more,
    };
  },
});

const Envelope = ChangesPage.omit({ upserts: true, deletes: true });
const isRecord = (u: unknown): boolean => {
  if (typeof u !== 'object' || u === null) return false;
  const { ref, values, ...rest } = u as { ref: unknown; values: unknown };
  if (!(typeof ref === 'string' || ref === null) || typeof values !== 'object' || values === null || Array.isArray(values)) return false;
  if (Object.keys(rest).length) return false;
  return Object.values(values).every((v) => typeof v === 'string' || v === null);
};

/** A page as JSON: the envelope parsed by its schema, the records checked one loop each (zod's parse copied every record). */
function serializePage(page: ChangesPage): string {
  const envelope = Envelope.parse(page);
  if (!Array.isArray(page.upserts) || !page.upserts.every(isRecord)) throw new Error('changes page: an upsert is not { ref, values }');
  if (!Array.isArray(page.deletes) || !page.deletes.every((d) => typeof d === 'string')) throw new Error('changes page: a delete is not a reference');
  return JSON.stringify({ ...envelope, upserts: page.upserts, deletes: page.deletes });
}

export const changesActions = [readChanges];

export function changesRoutes(app: FastifyInstance, runner: ActionRunner): void {
  actionRoute(app, runner, {
    method: 'GET',
    url: '/api/v1/share/:resource/changes',
    action: readChanges,
    tags: ['共享数据 Share API'],
    params: z.object({ resource: ResourceRef }),
    querystring: ChangesQuery,
    response: ChangesPage,
    serialize: serializePage,
  });
}
