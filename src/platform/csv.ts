// One cell of a CSV file the platform writes (share exports, ingest rejects, the console's
// error lists): RFC 4180 quoting, and no formula in it.
//
// A spreadsheet opening a CSV runs a cell that starts with = + - @ (and, in some, a tab or a
// carriage return before them) as a formula: =HYPERLINK(…) to send data away, =cmd|… on old
// Excel. Such a cell gets a single quote in front (OWASP's "CSV injection" rule), which the
// spreadsheet shows and does not run. A real number in a numeric column (-12, +3.5) is a
// number, not a formula, and is left as it is.
//
// Quoted: a field holding a quote, a comma or a line break, and one that starts or ends with
// whitespace, so a trailing space (the export watermark's statistical channel) is plainly part
// of the field. Null is an empty field; an empty string is "".

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** The text a spreadsheet will not run as a formula. `numeric`: the column holds numbers, which stay as they are. */
export function noFormula(v: string, numeric = false): string {
  return FORMULA_START.test(v) && !(numeric && NUMBER.test(v)) ? `'${v}` : v;
}

export function csvField(v: string | number | null, numeric = false): string {
  if (v === null) return '';
  const s = noFormula(String(v), numeric || typeof v === 'number');
  if (s === '') return '""';
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
