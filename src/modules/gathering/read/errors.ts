import { InputError } from '../../../platform/errors.js';

/** Why a file could not be read, for code that wants to branch on it; the message is for the clerk. */
export type ReadErrorReason =
  | 'empty' // nothing but blank lines / no records to take a header from
  | 'format' // not a format we read, or the wrong one chosen
  | 'syntax' // broken quoting, broken JSON
  | 'limit' // a field, record or column count over the limits
  | 'header' // duplicate column names, a header that cannot be used
  | 'xlsx'; // a spreadsheet we cannot open (old .xls, encrypted, damaged)

/**
 * A file that cannot be read as a whole. Messages are Chinese and meant for the clerk who
 * uploaded the file ('第3行：引号未闭合'); `row` is the row as that clerk sees it (see
 * `InputRecord.row`), or null when the problem is not at one row. It is an `InputError`, so
 * it answers HTTP 400 wherever it escapes.
 */
export class ReadError extends InputError {
  readonly row: number | null;
  readonly reason: ReadErrorReason;
  constructor(message: string, row: number | null = null, reason: ReadErrorReason = 'syntax') {
    super(message, { row, reason });
    this.name = 'ReadError';
    this.row = row;
    this.reason = reason;
  }
}

/** '第3行：…' */
export function rowError(row: number, message: string, reason: ReadErrorReason = 'syntax'): ReadError {
  return new ReadError(`第${row}行：${message}`, row, reason);
}

export type Limits = {
  /** longest field, in characters (UTF-16 units) */
  maxField: number;
  /** longest record, in characters: a runaway quote stops here instead of buffering the file */
  maxRecord: number;
  maxColumns: number;
  /** xlsx: what its zip entries inflate to, added up (a zip bomb stops here, see xlsx-bounds.ts) */
  maxXlsxBytes: number;
  /** xlsx: cells over all its worksheets */
  maxXlsxCells: number;
};

// An xlsx of 1,048,576 rows (a worksheet's most) of 20 columns is about 1 GB of XML.
export const DEFAULT_LIMITS: Limits = { maxField: 1 << 20, maxRecord: 4 << 20, maxColumns: 2000, maxXlsxBytes: 2 * 2 ** 30, maxXlsxCells: 40_000_000 };
