/**
 * One row-building routine, two outputs: a StringRowWriter collects the values as strings
 * (tests, anomalies, GBK), a ByteRowWriter writes UTF-8 straight into the output chunk. Text
 * pieces carry their UTF-8 bytes, encoded once, and numbers and dates are written as digits,
 * so the hot path neither builds nor encodes strings.
 */
import { COMPACT_BYTES, compactDay, FIRST_TABLE_DAY, ISO_BYTES, isoDay, LAST_TABLE_DAY } from './calendar.js';

export type Piece = { readonly s: string; readonly b: Uint8Array };

const utf8 = new TextEncoder();

export function piece(s: string): Piece {
  return { s, b: utf8.encode(s) };
}

export interface RowWriter {
  /** Appends a pre-encoded piece of text to the current value. */
  p(x: Piece): void;
  /** Appends ASCII text (codes, check characters) to the current value: ASCII only, the byte writer copies UTF-16 units as bytes. */
  a(ascii: string): void;
  /** Appends a non-negative integer, zero-padded to `width` digits. */
  digits(n: number, width: number): void;
  /** Appends a day as YYYY-MM-DD (iso) or YYYYMMDD. */
  day(day: number, iso: boolean): void;
  /** Ends the current value; the next one begins. */
  sep(): void;
}

const PAD = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000'];

export class StringRowWriter implements RowWriter {
  private out: string[] = [];
  private col = 0;
  private cur = '';

  start(out: string[]): void {
    this.out = out;
    this.col = 0;
    this.cur = '';
  }

  p(x: Piece): void {
    this.cur += x.s;
  }

  a(ascii: string): void {
    this.cur += ascii;
  }

  digits(n: number, width: number): void {
    const s = String(n);
    this.cur += s.length < width ? PAD[width - s.length] + s : s;
  }

  day(day: number, iso: boolean): void {
    this.cur += iso ? isoDay(day) : compactDay(day);
  }

  sep(): void {
    this.out[this.col++] = this.cur;
    this.cur = '';
  }

  finish(): void {
    this.out[this.col] = this.cur;
  }
}

export class ByteRowWriter implements RowWriter {
  buf: Uint8Array = new Uint8Array(0);
  off = 0;

  p(x: Piece): void {
    const b = x.b;
    const n = b.length;
    // A memcpy (TypedArray.set) for long pieces; a loop is cheaper than the call for short ones.
    if (n > 12) {
      this.buf.set(b, this.off);
      this.off += n;
      return;
    }
    const buf = this.buf;
    let o = this.off;
    for (let i = 0; i < n; i++) buf[o++] = b[i];
    this.off = o;
  }

  a(ascii: string): void {
    const buf = this.buf;
    let o = this.off;
    for (let i = 0; i < ascii.length; i++) buf[o++] = ascii.charCodeAt(i);
    this.off = o;
  }

  digits(n: number, width: number): void {
    const len = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : String(n).length;
    const buf = this.buf;
    const total = Math.max(len, width);
    let o = this.off + total;
    this.off = o;
    for (let k = total; k > 0; k--) {
      const q = (n / 10) | 0;
      buf[--o] = 48 + n - q * 10;
      n = q;
    }
  }

  day(day: number, iso: boolean): void {
    if (!(day >= FIRST_TABLE_DAY && day <= LAST_TABLE_DAY)) throw new RangeError(`day ${day} outside the generator's calendar`);
    const buf = this.buf;
    const o = this.off;
    if (iso) {
      const at = (day - FIRST_TABLE_DAY) * 10;
      buf[o] = ISO_BYTES[at];
      buf[o + 1] = ISO_BYTES[at + 1];
      buf[o + 2] = ISO_BYTES[at + 2];
      buf[o + 3] = ISO_BYTES[at + 3];
      buf[o + 4] = 45;
      buf[o + 5] = ISO_BYTES[at + 5];
      buf[o + 6] = ISO_BYTES[at + 6];
      buf[o + 7] = 45;
      buf[o + 8] = ISO_BYTES[at + 8];
      buf[o + 9] = ISO_BYTES[at + 9];
      this.off = o + 10;
    } else {
      const at = (day - FIRST_TABLE_DAY) * 8;
      buf[o] = COMPACT_BYTES[at];
      buf[o + 1] = COMPACT_BYTES[at + 1];
      buf[o + 2] = COMPACT_BYTES[at + 2];
      buf[o + 3] = COMPACT_BYTES[at + 3];
      buf[o + 4] = COMPACT_BYTES[at + 4];
      buf[o + 5] = COMPACT_BYTES[at + 5];
      buf[o + 6] = COMPACT_BYTES[at + 6];
      buf[o + 7] = COMPACT_BYTES[at + 7];
      this.off = o + 8;
    }
  }

  sep(): void {
    this.buf[this.off++] = 44;
  }
}
