import { PassThrough, Readable } from 'node:stream';
import { csvField } from '../../platform/csv.js';
import type { Cell } from './watermark.js';

// The bytes of an exported file, written as the rows arrive (a batch at a time from the
// database), so an export of any size holds about one batch in memory.
//
// CSV: UTF-8 with a BOM (Excel then reads it as UTF-8), CRLF line ends, each cell as
// platform/csv.ts writes it (RFC 4180 quoting; no formula in a cell, real numbers in numeric
// columns excepted).
// XLSX: exceljs's streaming writer without a shared-strings table (which would grow with the
// file); every cell is an inline string in a column formatted as text ('@'), so an ID number
// or a leading zero stays as written, also when a user edits the cell.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

const csvLine = (cells: readonly Cell[], numeric: readonly boolean[] = []) => `${cells.map((v, i) => csvField(v, numeric[i])).join(',')}\r\n`;

/**
 * A CSV file: BOM, header, then each batch of rows as one chunk. Pulled by its reader, so a slow
 * client slows the queries. `numeric`: per column, whether it holds numbers (their sign stays).
 */
export function csvStream(header: string[], batches: AsyncIterable<Cell[][]>, numeric: readonly boolean[]): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(`\ufeff${csvLine(header)}`, 'utf8');
    for await (const batch of batches) {
      let text = '';
      for (const row of batch) text += csvLine(row, numeric);
      yield Buffer.from(text, 'utf8');
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

// XML cannot hold C0 controls other than tab and line breaks, nor U+FFFE/U+FFFF: Excel writes
// them as _xHHHH_, which the readers decode.
function xmlSafe(v: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff) {
      out += `${v.slice(from, i)}_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
      from = i + 1;
    }
  }
  return from === 0 ? v : out + v.slice(from);
}

/**
 * A text cell as an inline string (<is><r><t xml:space="preserve">): exceljs writes a plain
 * string without a shared-strings table as t="str", which is a formula's cached result.
 */
const textCell = (v: Cell) => (v === null ? null : { richText: [{ text: xmlSafe(v) }] });

/** Sheet names: at most 31 characters, none of []:*?/\. */
export const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1';

/** A stream as exceljs and archiver hand them around: Node's, or readable-stream 2's (no writableNeedDrain there). */
type Sink = {
  writableLength?: number;
  _writableState?: { length?: number };
  once(event: 'drain', f: () => void): unknown;
  removeListener(event: 'drain', f: () => void): unknown;
};
const backlog = (s: Sink) => s.writableLength ?? s._writableState?.length ?? 0;

/**
 * What exceljs has written into the zip but the zip has not taken yet. exceljs's sheet stream
 * writes into archiver's input without heeding write()'s answer, so without this wait a whole
 * sheet piles up there (measured: ~330 bytes per row of four text cells, all of it until the
 * end). Reached through exceljs 4's internals (the sheet's StreamBuf and its pipe); null if a
 * later exceljs has none, and then only the output's own backpressure holds.
 */
function zipInput(ws: unknown): Sink | null {
  const pipe = (ws as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as Sink | undefined;
  return pipe && typeof pipe.once === 'function' ? pipe : null;
}

/** Up to this much of a sheet may wait for the zip: a few batches. */
const ZIP_BACKLOG = 4 * 2 ** 20;

/**
 * An XLSX file, one worksheet. exceljs pushes into the returned stream; after each batch the
 * writer waits until the zip has taken the sheet's text and the reader the zip's output, so
 * memory stays at a few batches. A failure (or the client going away) ends the stream; the rows
 * not yet read are not queried.
 */
export function xlsxStream(header: string[], sheet: string, batches: AsyncIterable<Cell[][]>): Readable {
  const out = new PassThrough();
  // Resolves on the sink's drain, or when the output closes (the client went away): never hangs.
  const drained = (sink: Sink) =>
    new Promise<void>((resolve) => {
      const done = () => {
        sink.removeListener('drain', done);
        out.off('close', done);
        resolve();
      };
      sink.once('drain', done);
      out.once('close', done);
    });
  (async () => {
    // exceljs costs ~20 MB per process that loads it: only an xlsx export brings it in.
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = header.map((h, i) => ({ header: h, key: `c${i}`, width: Math.min(40, Math.max(12, Array.from(h).length * 2 + 4)), style: { numFmt: '@' } }));
    const it = batches[Symbol.asyncIterator]();
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        for (const row of r.value) ws.addRow(row.map(textCell)).commit();
        const zip = zipInput(ws);
        while (zip && backlog(zip) > ZIP_BACKLOG && !out.destroyed) await drained(zip);
        if (out.writableNeedDrain && !out.destroyed) await drained(out);
        if (out.destroyed) return;
      }
    } finally {
      await it.return?.();
    }
    ws.commit();
    await wb.commit();
  })().catch((e: Error) => out.destroy(e));
  return out;
}
