// What the import page shows for a job's state, kept pure so it can be tested: the phase
// in words, one percentage across all phases, and the outcome with its counts or errors.

import { csvField } from '../../../../src/platform/csv';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type JobState = {
  status: JobStatus;
  phase: string | null;
  done: number;
  total: number;
  result?: unknown;
  error?: { code: string; message: string; details?: unknown } | null;
};
export type SheetIssue = { sheet: string; row: number; column: string; message: string };

export type JobView = {
  /** i18n key of what the job is doing now. */
  phaseKey: string;
  /** 0–100 over the whole import: reading, then validating, then writing. */
  percent: number;
  /** The bar's look: active while working, success when done, exception on failure. */
  barStatus: 'active' | 'success' | 'exception' | 'normal';
  outcome: 'working' | 'succeeded' | 'failed';
  /** Whether to keep polling. */
  finished: boolean;
  /** Rows done and to do in the current phase, when the phase counts rows. */
  counts: { done: number; total: number } | null;
  imported: { count: number; codes: string[] } | null;
  issues: SheetIssue[];
  /** The server's message on failure. */
  message: string | null;
};

// Each phase's share of the bar; reading is quick, writing is the bulk.
const SPANS: Record<string, [from: number, to: number]> = {
  reading: [0, 10],
  validating: [10, 50],
  writing: [50, 100],
  done: [100, 100],
};
export const PHASES = ['reading', 'validating', 'writing', 'done'] as const;

const isIssue = (d: unknown): d is SheetIssue => {
  const o = d as Partial<SheetIssue> | null;
  return !!o && typeof o.sheet === 'string' && typeof o.row === 'number' && typeof o.message === 'string';
};

export function sheetIssues(details: unknown): SheetIssue[] {
  return Array.isArray(details) ? details.filter(isIssue).map((d) => ({ sheet: d.sheet, row: d.row, column: d.column ?? '', message: d.message })) : [];
}

export function jobView(job: JobState): JobView {
  const span = job.phase ? SPANS[job.phase] : undefined;
  const fraction = job.total > 0 ? Math.min(1, Math.max(0, job.done / job.total)) : 0;
  let percent = job.status === 'succeeded' ? 100 : span ? Math.floor(span[0] + (span[1] - span[0]) * fraction) : 0;
  if (job.status !== 'succeeded') percent = Math.min(percent, 99);
  const phaseKey =
    job.status === 'queued'
      ? 'import.phase.queued'
      : job.status === 'succeeded'
        ? 'import.phase.done'
        : job.status === 'failed'
          ? 'import.phase.failed'
          : job.phase && job.phase in SPANS
            ? `import.phase.${job.phase}`
            : 'import.phase.running';
  const r = job.result as { count?: unknown; codes?: unknown } | null | undefined;
  const imported =
    job.status === 'succeeded'
      ? { count: typeof r?.count === 'number' ? r.count : 0, codes: Array.isArray(r?.codes) ? r.codes.filter((c): c is string => typeof c === 'string') : [] }
      : null;
  return {
    phaseKey,
    percent,
    barStatus: job.status === 'succeeded' ? 'success' : job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : 'normal',
    outcome: job.status === 'succeeded' ? 'succeeded' : job.status === 'failed' ? 'failed' : 'working',
    finished: job.status === 'succeeded' || job.status === 'failed',
    counts: job.status === 'running' && job.total > 0 ? { done: job.done, total: job.total } : null,
    imported,
    issues: job.status === 'failed' ? sheetIssues(job.error?.details) : [],
    message: job.status === 'failed' ? (job.error?.message ?? null) : null,
  };
}

/** Where the imported entries are listed: the department's entries in the state they were imported in. */
export function importedListLink(stage: 'draft' | 'submit' | 'publish'): string {
  const status = stage === 'draft' ? 'draft' : stage === 'submit' ? 'submitted' : 'published';
  return `/catalog?scope=mine&status=${status}`;
}

/** The error list as CSV for Excel (UTF-8 with BOM so Excel reads Chinese). */
export function issuesCsv(issues: SheetIssue[], header: [string, string, string, string]): string {
  const lines = [header, ...issues.map((i) => [i.sheet, i.row, i.column, i.message])].map((l) => l.map((v) => csvField(v)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
