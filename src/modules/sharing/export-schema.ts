import { z } from 'zod';
import { Id, Page } from '../../platform/auth/schema.js';
// The filter's schema alone: this file is shared with the console, which must not pull in gathering's server code.
import { RowFilterSchema } from '../gathering/tables/filter.js';
import { RecordsQuery } from './schema.js';

// File delivery (文件) and the trace of a leaked file, as types: one source for validation,
// OpenAPI and the console.

const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const ExportQuery = z.object({
  format: z.enum(exportFormats).default('csv').describe('csv: UTF-8 with BOM, RFC 4180; xlsx: every cell as text'),
  fields: RecordsQuery.shape.fields,
  filter: RecordsQuery.shape.filter,
});

export const ShareExport = z
  .object({
    seq: z.number().int().describe('the export number, carried by the file’s watermark'),
    id: Id,
    exportedAt: z.string(),
    format: z.enum(exportFormats),
    rows: z.number().int().describe('rows inside the grant’s and the caller’s filters when the export began'),
    fields: z.array(z.string()),
    filter: RowFilterSchema.nullable(),
    filename: z.string(),
    version: z.number().int().nullable().describe('the mount’s version read'),
    actor: z.string(),
    grantId: Id,
    purpose: z.string(),
    resourceId: Id,
    resourceCode: z.string(),
    resourceName: z.string(),
    consumerDepartmentId: Id,
    consumerDepartmentName: z.string(),
    providerDepartmentId: Id,
    providerDepartmentName: z.string(),
  })
  .meta({ id: 'ShareExport' });
export type ShareExport = z.infer<typeof ShareExport>;

export const ExportListQuery = z.object({
  ...Page,
  grantId: Id.optional(),
  resourceId: Id.optional(),
});

export const TraceQuery = z.object({
  filename: z
    .string()
    .max(255)
    // Kept in the trace's audit row: nothing there that text in the database cannot hold (a lone surrogate becomes U+FFFD).
    .transform((f) =>
      Array.from(Buffer.from(f, 'utf8').toString('utf8'), (c) => (c < ' ' || c === '\u007f' ? '' : c))
        .join('')
        .trim(),
    )
    .optional()
    .describe('the file’s name, to help tell its format'),
});

export const TraceResult = z
  .discriminatedUnion('found', [
    z.object({
      found: z.literal(true),
      export: ShareExport,
      method: z.enum(['payload', 'statistical']).describe('payload: verified zero-width marks; statistical: keyed trailing spaces'),
      confidence: z.number().describe('1 − the chance of evidence this strong from an export that did not make the file'),
      units: z.number().int().describe('evidence: rows with a verified mark, or distinct text values scored'),
      matched: z.number().int(),
      candidates: z.number().int().describe('exports compared'),
      rowsRead: z.number().int().describe('data rows of the file read'),
    }),
    z.object({ found: z.literal(false), candidates: z.number().int(), rowsRead: z.number().int() }),
  ])
  .meta({ id: 'ShareExportTrace' });
export type TraceResult = z.infer<typeof TraceResult>;
