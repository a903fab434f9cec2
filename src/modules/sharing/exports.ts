import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AnyAction, defineRead, defineWrite } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { has, isAuthenticated, isBureauAdmin, type Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/db.js';
import { InputError, NotAllowed, NotAuthenticated, RuleBroken } from '../../platform/errors.js';
import { actionRoute, attachment, ErrorSchema } from '../../platform/http/route.js';
import { platformSecret } from '../../platform/secrets/secrets.js';
import { countRows, maskedBatches, parseFilterParam } from '../gathering/index.js';
import { openRecords } from '../gathering/read/index.js';
import type { Column } from '../gathering/schema.js';
import { type Access, callLogOf, openAccess } from './access.js';
import { logEntry, pickColumns, ResourceRef, whereOf } from './deliver.js';
import { type ExportFormat, ExportListQuery, ExportQuery, ShareExport, TraceQuery, TraceResult } from './export-schema.js';
import { type ExportScope, exportsStore, watermarkSecret } from './export-store.js';
import { CSV_TYPE, csvStream, sheetName, XLSX_TYPE, xlsxStream } from './export-stream.js';
import { mayConsume, seesAll } from './rules.js';
import { type Cell, readPayload, rowMarker, trace } from './watermark.js';

// File delivery (文件) and the trace of a leaked file.
//
// An export: the grant is checked as for every channel (openAccess, channel 'file'); the rows
// inside the grant's and the caller's filters are counted; the export's row is written
// (share_exports: its number is the watermark's export number) and the call-log row (channel
// 'file', with that count) is committed — both before the first byte leaves. Then the rows
// stream in keyset batches, masked as granted and watermarked row by row (watermark.ts).
//
// A trace reads an uploaded file (CSV in any encoding, XLSX…) with the ingest's readers,
// picks candidate exports (those the tracer may see whose items include at least half of the
// file's column names, the newest 2,000, plus any export that a verified mark in the file
// names), and asks the watermark which one made the file. Every trace is an audited action.

const SECRET = 'watermark';
/** A worksheet holds 1,048,576 rows, the header included. */
const XLSX_MAX_ROWS = 1_048_575;
/** Rows per query while exporting. */
const BATCH = 2000;
/** Data rows of an uploaded file kept for the trace: far more evidence than a decision needs. */
const TRACE_ROWS = 50_000;
/** Candidates by header: the most recent this many. */
const MAX_CANDIDATES = 2000;
/** Export numbers taken from verified marks (a file mixing exports names several). */
const MAX_PAYLOAD_CANDIDATES = 100;

// --- Who may ----------------------------------------------------------------------------------

/** Traces a file: the bureau, auditors, and departments' administrators (for their own resources' exports). */
export const mayTrace = (p: Principal) => isBureauAdmin(p) || has(p, 'auditor', 'dept_admin');

/** The exports a tracer may be told about: all for the bureau and auditors, else those of its department's resources. */
const traceScope = (p: Principal): ExportScope => (isBureauAdmin(p) || has(p, 'auditor') ? null : { provider: p.departmentId ?? undefined });

/** The exports a user may list: all for the bureau and auditors, else those its department made or provided the data of. */
const listScope = (p: Principal): ExportScope => (seesAll(p) ? null : { consumer: p.departmentId ?? undefined, provider: p.departmentId ?? undefined });

// --- Export -----------------------------------------------------------------------------------

export type ExportPlan = {
  seq: number;
  id: string;
  filename: string;
  format: ExportFormat;
  rows: number;
  header: string[];
  sheet: string;
  /** Per column: an integer or decimal item (a CSV keeps its minus sign). */
  numeric: boolean[];
  /** The rows, masked and watermarked, a batch at a time; read once. */
  batches: AsyncIterable<Cell[][]>;
};

/** A file name from the entry's name: nothing a file system or a header would choke on. */
const fileStem = (name: string) =>
  Array.from(name.trim())
    .map((c) => (c < ' ' || c === '\u007f' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .slice(0, 80)
    .join('') || 'export';

/** The rows in keyset order, `BATCH` per query, masked and watermarked. */
async function* exportRows(db: Db, a: Access, columns: Column[], where: string, params: unknown[], secret: Buffer, seq: number): AsyncGenerator<Cell[][]> {
  // A masked value is text whatever the item's type; the marks go into text cells only.
  const marker = rowMarker(
    secret,
    seq,
    columns.map((c) => ({ type: (a.masks.get(c.item) ?? 'full') === 'none' ? c.type : 'string' })),
  );
  for await (const rows of maskedBatches(db, a, columns, where, params, BATCH)) yield rows.map((r) => marker(r));
}

export const downloadExport = defineRead({
  name: 'sharing.export.download',
  summary:
    '导出共享数据文件 A granted resource as a CSV or XLSX file: the grant’s items and rows, masked as granted, watermarked per export; recorded and logged before the first byte',
  input: ExportQuery.extend({ resource: ResourceRef }),
  auth: mayConsume,
  async run({ db, principal, services }, q): Promise<ExportPlan> {
    const a = await openAccess(db, services, principal, q.resource, 'file');
    const columns = pickColumns(a, q.fields);
    const params: unknown[] = [];
    const where = whereOf(a, q.filter, params);
    // Counted first, so the export's row and its log row say how many rows the file holds.
    const rows = await countRows(db, a, where, params);
    if (q.format === 'xlsx' && rows > XLSX_MAX_ROWS)
      throw new RuleBroken(`共 ${rows} 行，超过 Excel 工作表的 ${XLSX_MAX_ROWS} 行上限：请导出 CSV，或用筛选条件分批导出`);
    // Made before any export row exists: a trace may then take "no secret" for "nothing marked".
    const secret = await platformSecret(services.db, SECRET);
    const fields = columns.map((c) => c.item);
    const x = await exportsStore.insert(services.db, {
      grantId: a.grant.id,
      resourceId: a.entry.id,
      providerDepartmentId: a.entry.providerDepartmentId,
      consumerDepartmentId: a.grant.consumerDepartmentId,
      actorId: principal.userId,
      actor: principal.username,
      format: q.format,
      fields,
      filter: q.filter ? parseFilterParam(q.filter) : null,
      version: a.mount.currentVersion ?? null,
      rows,
      filename: `${fileStem(a.entry.name)}-{seq}.${q.format}`,
      ip: principal.ip ?? null,
    });
    // No log row, no data: this rejects (and nothing is sent) when the log cannot be written.
    await callLogOf(services.db).record(
      logEntry(principal, a, 'file', { export: x.seq, exportId: x.id, format: q.format, fields, filter: q.filter ?? null }, rows),
    );
    return {
      ...x,
      format: q.format,
      rows,
      header: fields,
      sheet: sheetName(a.entry.name),
      numeric: columns.map((c) => c.type === 'integer' || c.type === 'decimal'),
      batches: exportRows(services.db, a, columns, where, params, secret, x.seq),
    };
  },
});

export const listExports = defineRead({
  name: 'sharing.export.list',
  summary: '文件导出记录 Exports my department made (consumer) or made of its resources (provider); all of them for the bureau and auditors',
  input: ExportListQuery,
  auth: (p) => p.kind === 'user',
  run: ({ db, principal }, q) => exportsStore.list(db, listScope(principal), q),
});

// --- Trace ------------------------------------------------------------------------------------

const TraceInput = z.object({
  filename: z.string().max(255).nullable(),
  format: z.string().max(10),
  encoding: z.string().max(20).nullable(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  rowsRead: z.number().int().min(0),
  /** positions of header cells that were blank */
  unnamed: z.array(z.number().int().min(0)),
  /** the file as read: header first, then at most TRACE_ROWS data rows */
  rows: z.array(z.array(z.string())).min(1),
});
type TraceInput = z.infer<typeof TraceInput>;

/** A header cell as the export wrote it: without marks a user or a spreadsheet may have left on it, nor what text in the database cannot hold. */
const headerName = (h: string) =>
  h
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, '')
    .split('\0')
    .join('')
    .trim();
/** Longer than any item name (100): not one of ours. */
const MAX_NAME = 100;

export const traceExport = defineWrite({
  name: 'sharing.export.trace',
  summary: '追溯泄露文件 Name the export a file came from by its watermark: grant, consumer department, who and when. Every trace is audited',
  input: TraceInput,
  auth: mayTrace,
  async run({ db, principal }, input): Promise<TraceResult> {
    const rowsRead = input.rowsRead;
    const secret = await watermarkSecret(db);
    if (!secret) return { found: false, candidates: 0, rowsRead };
    const scope = traceScope(principal);
    const header = input.rows[0]
      .filter((_, i) => !input.unnamed.includes(i))
      .map(headerName)
      .filter((h) => h && h.length <= MAX_NAME);
    const byHeader = await exportsStore.candidatesByHeader(db, scope, header, MAX_CANDIDATES);
    const marked = readPayload(secret, input.rows)
      .slice(0, MAX_PAYLOAD_CANDIDATES)
      .map((p) => p.exportSeq);
    const byMark = await exportsStore.inScope(db, scope, marked);
    const candidates = [...new Set([...byHeader, ...byMark])];
    const t = trace(secret, input.rows, candidates);
    const x = t && (await exportsStore.bySeq(db, t.exportSeq));
    if (!t || !x) return { found: false, candidates: candidates.length, rowsRead };
    return { found: true, export: x, method: t.method, confidence: t.confidence, units: t.units, matched: t.matched, candidates: candidates.length, rowsRead };
  },
  audit: (out, input) => ({
    targetType: 'share_export',
    targetId: out.found ? out.export.id : null,
    details: {
      found: out.found,
      ...(out.found ? { exportSeq: out.export.seq, grantId: out.export.grantId, method: out.method, confidence: out.confidence } : {}),
      candidates: out.candidates,
      file: { name: input.filename, format: input.format, encoding: input.encoding, bytes: input.bytes, sha256: input.sha256, rows: input.rowsRead },
    },
  }),
});

/** An uploaded file as a table of strings (header first, the first TRACE_ROWS data rows), with its size and hash. */
async function readTable(body: AsyncIterable<Buffer>, filename: string | undefined, maxBytes: number): Promise<TraceInput> {
  const hash = createHash('sha256');
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const b of body) {
      bytes += b.length;
      if (bytes > maxBytes) throw new InputError(`文件超过 ${Math.round(maxBytes / 2 ** 20)} MB`);
      hash.update(b);
      yield b;
    }
  }
  const opened = await openRecords(counted(), { filename });
  const rows: string[][] = [opened.header];
  let rowsRead = 0;
  try {
    // The whole file is read (an upload is answered once it has been received), but only its first rows are kept.
    for await (const batch of opened.batches) {
      for (const r of batch) {
        rowsRead++;
        if (rows.length <= TRACE_ROWS) rows.push(r.values);
      }
    }
  } finally {
    await opened.close();
  }
  return {
    filename: filename ?? null,
    format: opened.format,
    encoding: opened.encoding,
    bytes,
    sha256: hash.digest('hex'),
    rowsRead,
    unnamed: opened.unnamedColumns,
    rows,
  };
}

// --- Routes -----------------------------------------------------------------------------------

const Binary = z.unknown().meta({ description: 'the file itself', type: 'string', format: 'binary' });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const exportActions: AnyAction[] = [downloadExport, listExports, traceExport];

export function exportRoutes(app: FastifyInstance, runner: ActionRunner): void {
  const zapp = app.withTypeProvider<ZodTypeProvider>();

  zapp.get(
    '/api/v1/share/:resource/export',
    {
      schema: {
        operationId: downloadExport.name,
        summary: downloadExport.summary,
        description:
          'Streams the file. CSV: UTF-8 with BOM, header = item names, RFC 4180. XLSX: one sheet, every cell text. The header x-jutong-export carries the export number.',
        tags: ['共享数据 Share API'],
        params: z.object({ resource: ResourceRef }),
        querystring: ExportQuery,
        produces: ['text/csv', XLSX_TYPE],
        response: { '4xx': ErrorSchema },
      },
    },
    async (req, reply) => {
      const plan = await runner.run(downloadExport, req.principal, { ...req.query, resource: req.params.resource });
      const body = plan.format === 'csv' ? csvStream(plan.header, plan.batches, plan.numeric) : xlsxStream(plan.header, plan.sheet, plan.batches);
      return reply
        .type(plan.format === 'csv' ? CSV_TYPE : XLSX_TYPE)
        .header('content-disposition', attachment(plan.filename))
        .header('cache-control', 'no-store')
        .header('x-jutong-export', String(plan.seq))
        .header('x-jutong-export-rows', String(plan.rows))
        .send(body as never);
    },
  );

  actionRoute(app, runner, {
    method: 'GET',
    url: '/api/v1/sharing/exports',
    action: listExports,
    tags: ['共享交换 Sharing'],
    querystring: ExportListQuery,
    response: list(ShareExport),
  });

  // The upload streams through the file readers: the body is never buffered whole.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/sharing/exports/trace',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        config: { fileBody: true },
        schema: {
          operationId: traceExport.name,
          summary: traceExport.summary,
          description:
            'Send the file as the request body (CSV or TSV in UTF-8, GBK or GB18030; XLSX). For the bureau, auditors and the provider department’s administrators (their own resources’ exports).',
          tags: ['共享交换 Sharing'],
          querystring: TraceQuery,
          consumes: ['application/octet-stream', 'text/csv', XLSX_TYPE],
          body: Binary,
          response: { 200: TraceResult, '4xx': ErrorSchema },
        },
      },
      async (req, reply) => {
        // Refused before a byte is read; the runner checks the same rule again.
        if (!mayTrace(req.principal))
          throw isAuthenticated(req.principal) ? new NotAllowed('只有大数据局、审计员和提供部门的管理员可以追溯文件') : new NotAuthenticated();
        const body = req.body as AsyncIterable<Buffer> | undefined;
        if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') throw new InputError('请求体应为要追溯的文件');
        const table = await readTable(body, req.query.filename, runner.services.config.maxFileBytes);
        const out = await runner.run(traceExport, req.principal, table);
        return reply.code(200).send(out);
      },
    );
  });
}
