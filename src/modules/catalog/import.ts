import { z } from 'zod';
import { defineWrite } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { isBureauAdmin, type Principal } from '../../platform/auth/principal.js';
import { departments } from '../../platform/auth/store.js';
import type { Queryable } from '../../platform/db/db.js';
import { RuleBroken } from '../../platform/errors.js';
import type { Jobs, Report } from '../../platform/jobs/jobs.js';
import { CatalogChecks, type Issue } from './checks.js';
import { checkWorkbook, ITEM_SHEET, itemHeader, type ParsedRow, RESOURCE_SHEET, readWorkbook, resourceHeader, type SheetIssue } from './excel.js';
import { mayAuthor, mayReview } from './rules.js';
import { ResourceFields } from './schema.js';
import { insertResources } from './service.js';

const ImportRow = z.object({
  row: z.number().int(),
  seq: z.string(),
  providerCode: z.string().nullable(),
  itemRows: z.array(z.number().int()),
  fields: z.record(z.string(), z.unknown()),
});
type ImportRow = z.infer<typeof ImportRow>;
export const ImportStage = z
  .enum(['draft', 'submit', 'publish'])
  .default('draft')
  .meta({ description: 'draft; submit for review; publish at once (bureau only, for migrating an existing catalog)' });

type Valid = { row: number; providerId: string; fields: ResourceFields };

/** Checks every row and collects every problem with its sheet, row and column; writes nothing. */
export async function validateImport(db: Queryable, p: Principal, rows: ImportRow[], report?: Report): Promise<{ valid: Valid[]; issues: SheetIssue[] }> {
  const byCode = new Map((await departments.list(db)).map((d) => [d.code, d]));
  const checks = await CatalogChecks.load(db);
  const issues: SheetIssue[] = [];
  const valid: Valid[] = [];
  const toSheet = (r: ImportRow, i: Issue): SheetIssue => {
    if (i.path[0] === 'items' && i.path.length > 1) {
      const n = Number(i.path[1]);
      return { sheet: ITEM_SHEET, row: r.itemRows[n] ?? r.row, column: itemHeader(i.path[2] ?? 'name'), message: i.message };
    }
    return { sheet: RESOURCE_SHEET, row: r.row, column: resourceHeader(i.path[0] ?? ''), message: i.message };
  };
  const related: { codes: string[] }[] = [];
  for (const [n, r] of rows.entries()) {
    if (n % 500 === 0) await report?.('validating', n, rows.length);
    const provider = r.providerCode ? byCode.get(r.providerCode) : p.departmentId ? [...byCode.values()].find((d) => d.id === p.departmentId) : undefined;
    if (!provider) {
      issues.push({
        sheet: RESOURCE_SHEET,
        row: r.row,
        column: '提供方代码',
        message: r.providerCode ? `提供方代码 ${r.providerCode} 不存在` : '请填写提供方代码',
      });
      continue;
    }
    if (provider.id !== p.departmentId && !isBureauAdmin(p)) {
      issues.push({ sheet: RESOURCE_SHEET, row: r.row, column: '提供方代码', message: '只能导入本部门的目录' });
      continue;
    }
    const parsed = ResourceFields.safeParse(r.fields);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push(toSheet(r, { path: i.path.map(String), message: i.message }));
      continue;
    }
    const found = checks.check(parsed.data, provider.id);
    if (found.length) {
      for (const i of found) issues.push(toSheet(r, i));
      continue;
    }
    valid.push({ row: r.row, providerId: provider.id, fields: parsed.data });
    related.push({ codes: parsed.data.relatedCodes });
  }
  (await CatalogChecks.relatedCodes(db, related)).forEach((found, i) => {
    for (const issue of found) issues.push({ sheet: RESOURCE_SHEET, row: valid[i].row, column: '关联资源代码', message: issue.message });
  });
  await report?.('validating', rows.length, rows.length);
  issues.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { valid, issues };
}

const failed = (issues: SheetIssue[]) => new RuleBroken(`导入文件有 ${issues.length} 处错误，未导入任何数据`, issues);

export const importResources = defineWrite({
  name: 'catalog.resource.import',
  summary: '批量导入目录 Import many entries at once: all or nothing',
  input: z.object({ rows: z.array(ImportRow).min(1).max(50_000), stage: ImportStage, fileName: z.string().max(200).optional() }),
  auth: mayAuthor,
  async run({ db, principal, progress }, { rows, stage }) {
    if (stage === 'publish' && !mayReview(principal)) throw new RuleBroken('只有大数据局可以导入即发布');
    // Checked again inside the transaction: the state may have moved since a job's first pass.
    const { valid, issues } = await validateImport(db, principal, rows);
    if (issues.length) throw failed(issues);
    const checks = await CatalogChecks.load(db);
    const status = ({ draft: 'draft', submit: 'submitted', publish: 'published' } as const)[stage];
    const codes: string[] = [];
    for (let at = 0; at < valid.length; at += 2000) {
      progress('writing', at, valid.length);
      const written = await insertResources(db, checks, valid.slice(at, at + 2000), status, principal.userId);
      codes.push(...written.map((w) => w.code));
    }
    progress('writing', valid.length, valid.length);
    // Fresh statistics, so the next searches plan for the catalog's new size.
    if (valid.length >= 1000) for (const table of ['catalog_resources', 'catalog_resource_versions']) await db.query(`ANALYZE ${table}`);
    return { count: codes.length, codes };
  },
  audit: (out, input) => ({
    targetType: 'catalog_import',
    targetId: null,
    details: { count: out.count, stage: input.stage, fileName: input.fileName, firstCode: out.codes[0], lastCode: out.codes.at(-1) },
  }),
});

/**
 * Reads and checks a workbook: the sheet's own problems (unknown 序号, missing columns)
 * and every row's rule violations, all reported together. Writes nothing.
 */
export async function prepareImport(db: Queryable, p: Principal, data: Buffer, report?: Report): Promise<ImportRow[]> {
  await report?.('reading', 0, 0);
  const { rows: parsed, issues: sheetIssues } = await readWorkbook(data);
  const rows = parsed.map((r: ParsedRow) => {
    const items = r.fields.items as (Record<string, unknown> & { _row?: number })[];
    return {
      row: r.row,
      seq: r.seq,
      providerCode: r.providerCode,
      itemRows: items.map((i) => i._row ?? r.row),
      fields: { ...r.fields, items: items.map(({ _row, ...i }) => i) },
    };
  });
  const { issues } = rows.length ? await validateImport(db, p, rows, report) : { issues: [] };
  const all = [...sheetIssues, ...issues].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  if (all.length) throw failed(all);
  return rows;
}

const IMPORT_JOB = 'catalog.import';

/** The import as a durable job: the upload returns at once and the console polls progress. */
export function registerImportJob(jobs: Jobs, runner: ActionRunner, db: Queryable) {
  jobs.handle(IMPORT_JOB, async (payload, principal, report) => {
    const { blobId, fileName, stage } = payload as { blobId: string; fileName: string; stage: 'draft' | 'submit' | 'publish' };
    try {
      const [blob] = await db.query<{ data: Uint8Array }>('SELECT data FROM blobs WHERE id = $1', [blobId]);
      const rows = await prepareImport(db, principal, Buffer.from(blob.data), report);
      await report('writing', 0, rows.length);
      // Progress inside the write transaction cannot be committed, so it is not awaited.
      const out = await runner.run(importResources, principal, { rows, stage, fileName }, { progress: (ph, d, t) => void report(ph, d, t).catch(() => {}) });
      return { count: out.count, codes: out.codes.slice(0, 1000) };
    } finally {
      await db.query('DELETE FROM blobs WHERE id = $1', [blobId]);
    }
  });
}

export const startImport = defineWrite({
  name: 'catalog.import.start',
  summary: '上传导入文件 Upload a catalog workbook; the import runs as a job',
  input: z.object({ fileName: z.string().trim().min(1).max(200), stage: ImportStage, data: z.instanceof(Buffer) }),
  auth: mayAuthor,
  async run({ db, principal, services }, { fileName, stage, data }) {
    if (stage === 'publish' && !mayReview(principal)) throw new RuleBroken('只有大数据局可以导入即发布');
    if (!data.length) throw new RuleBroken('上传的文件是空的');
    // A zip bomb is refused here; the job checks every entry again as it inflates them.
    await checkWorkbook(data, true);
    const [blob] = await db.query<{ id: string }>(
      `INSERT INTO blobs (name, content_type, data) VALUES ($1, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', $2) RETURNING id`,
      [fileName, data],
    );
    const jobId = await services.jobs.enqueue(db, IMPORT_JOB, { blobId: blob.id, fileName, stage }, principal);
    return { jobId };
  },
  audit: (out, input) => ({ targetType: 'job', targetId: out.jobId, details: { fileName: input.fileName, bytes: input.data.length, stage: input.stage } }),
});
