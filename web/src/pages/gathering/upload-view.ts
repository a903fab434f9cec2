// What the upload panel works out in the browser before and while a file goes up, kept
// pure so it can be tested: the file's format, its header (read from the first few KB,
// in UTF-8 or GB18030), the column → item mapping, and the progress figures.

export type Format = 'csv' | 'tsv' | 'xlsx' | 'json' | 'jsonl';
export type Encoding = 'auto' | 'utf-8' | 'gbk' | 'gb18030';
export type MappedColumn = { item: string; dataElement: string | null; key: boolean };

export const FORMATS: Format[] = ['csv', 'tsv', 'xlsx', 'json', 'jsonl'];
export const ENCODINGS: Encoding[] = ['auto', 'utf-8', 'gbk', 'gb18030'];
/** How much of the file the browser reads to find the header. */
export const SNIFF_BYTES = 64 * 1024;
/** The value of a mapping select that means "do not import this column". */
export const IGNORE = '';

/** The format a file's name says, or null when the server has to tell. */
export function formatOf(filename: string): Format | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'json') return 'json';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return null;
}

/** The content type sent with the file, so proxies and logs see what it is. */
export function contentTypeOf(format: Format | null): string {
  switch (format) {
    case 'csv':
      return 'text/csv';
    case 'tsv':
      return 'text/tab-separated-values';
    case 'json':
      return 'application/json';
    case 'jsonl':
      return 'application/x-ndjson';
    case 'xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    default:
      return 'application/octet-stream';
  }
}

/**
 * The start of a file as text. With `auto`, UTF-8 when the bytes are valid UTF-8 (a
 * character cut at the end of the slice does not count), GB18030 otherwise — the same
 * order the server tries. A chosen encoding is used as it is.
 */
export function decodeHead(bytes: Uint8Array, encoding: Encoding): { text: string; encoding: Exclude<Encoding, 'auto'> } {
  if (encoding !== 'auto') return { text: new TextDecoder(encoding).decode(bytes, { stream: true }), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes, { stream: true }), encoding: 'gb18030' };
  }
}

/** The first record of a delimited text: quotes may hold the delimiter, quotes and line breaks. */
export function firstRecord(text: string, delimiter: string): string[] | null {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      out.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      out.push(cell);
      return out;
    } else cell += c;
  }
  // No line break in the slice: the header is only complete if the file ends here.
  return null;
}

/** The first JSON object found from `start`, by matching braces outside strings; null if the slice ends inside it. */
function firstObject(text: string, start: number): Record<string, unknown> | null {
  const open = text.indexOf('{', start);
  if (open < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        const v = JSON.parse(text.slice(open, i + 1));
        return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The file's column names as the server will see them, from the start of the file; null
 * when they cannot be read in the browser (xlsx, or a header longer than the slice).
 * `complete`: the slice is the whole file.
 */
export function headerOf(text: string, format: Format | null, complete = false): string[] | null {
  const body = text.replace(/^\uFEFF/, '');
  if (format === 'csv' || format === 'tsv' || format === null) {
    const rec = firstRecord(complete && !/[\r\n]/.test(body) ? `${body}\n` : body, format === 'tsv' ? '\t' : ',');
    if (!rec) return null;
    const cells = rec.map((h) => h.trim());
    return cells.some((h) => h) ? cells : null;
  }
  if (format === 'json' || format === 'jsonl') {
    const trimmed = body.trimStart();
    // An array of records, or an object holding one ({"data": [...]}): the first record's keys.
    const at = trimmed.startsWith('[') ? 1 : format === 'json' && trimmed.startsWith('{') && trimmed.indexOf('[') > 0 ? trimmed.indexOf('[') : 0;
    const obj = firstObject(trimmed, at);
    return obj ? Object.keys(obj) : null;
  }
  return null;
}

/**
 * The mapping shown first: each file column to the item of the same name (or of the same
 * data element identifier), each item used once; other columns are not imported.
 */
export function initialMapping(header: string[], columns: MappedColumn[]): Record<string, string> {
  const used = new Set<string>();
  const out: Record<string, string> = {};
  for (const h of header) {
    // A repeated column name cannot be told apart in a mapping keyed by name: the first one counts.
    if (h in out) continue;
    const c = columns.find((c) => !used.has(c.item) && (c.item === h || (c.dataElement !== null && c.dataElement === h)));
    out[h] = c ? c.item : IGNORE;
    if (c) used.add(c.item);
  }
  return out;
}

/**
 * What the server is told: only the columns whose item differs from their own name (the
 * server matches equal names by itself). An empty object when nothing needs saying.
 */
export function mappingCorrections(chosen: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(chosen).filter(([h, item]) => item !== IGNORE && item !== h));
}

export type MappingCheck = {
  /** Items two columns point at. */
  duplicates: string[];
  /** Key items no column feeds: the server refuses such a file. */
  missingKeys: string[];
  /** Items no column feeds: they stay empty. */
  missing: string[];
  /** Columns left out whose name equals an item no other column feeds: the server still matches them by name. */
  autoMatched: string[];
};

export function checkMapping(chosen: Record<string, string>, columns: MappedColumn[]): MappingCheck {
  const targets = Object.values(chosen).filter((v) => v !== IGNORE);
  const duplicates = [...new Set(targets.filter((v, i) => targets.indexOf(v) !== i))];
  const fed = new Set(targets);
  const autoMatched = Object.entries(chosen)
    .filter(([h, v]) => v === IGNORE && columns.some((c) => c.item === h) && !fed.has(h))
    .map(([h]) => h);
  const missing = columns.filter((c) => !fed.has(c.item) && !autoMatched.includes(c.item));
  return { duplicates, missingKeys: missing.filter((c) => c.key).map((c) => c.item), missing: missing.map((c) => c.item), autoMatched };
}

/** 0–100, whole numbers, never 100 before the end. */
export function percentOf(done: number, total: number | null | undefined): number {
  if (!total || total <= 0) return 0;
  return Math.min(99, Math.floor((done / total) * 100));
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** A ratio (0–1) as a percentage with one decimal: 0.9876 → "98.8%". */
export const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
