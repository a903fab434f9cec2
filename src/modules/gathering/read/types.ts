export type InputFormat = 'csv' | 'tsv' | 'xlsx' | 'json' | 'jsonl';

/**
 * One data record. `row` is where a clerk finds it:
 * - csv / tsv: the row number Excel shows when it opens the file — the header is row 1 (or
 *   lower, after blank lines), every line break outside quotes starts a row, blank lines count
 *   (they are skipped, not renumbered), a quoted field spanning lines stays one row;
 * - xlsx: the sheet's own row number;
 * - jsonl: the line number in the file;
 * - json: the element's position in the top-level array, from 1 ('第3条记录').
 *
 * `values` are the fields in file order. A csv/tsv record with more or fewer fields than the
 * header comes as it is (the caller rejects it with a reason); an xlsx row is padded with ''
 * to the header's width (an empty cell is not stored in xlsx); json values are mapped onto the
 * header's keys, and `extra` lists keys of this object that the header does not have.
 */
export type InputRecord = { row: number; values: string[]; extra?: string[] };

/** A format's parser: text in, records out; it takes the header out of the stream itself. */
export interface RecordParser {
  /** set once the header has been read */
  header: string[] | null;
  /** row of the header (csv/tsv/jsonl: its line, json: 1) */
  headerRow: number | null;
  push(text: string, out: InputRecord[]): void;
  end(out: InputRecord[]): void;
}
