// Rows in PostgreSQL's COPY text format, written straight into byte buffers: values tab-
// separated, \N for null, backslash, tab and line breaks escaped. Each finished buffer is one
// COPY statement's input, so a row never spans two; a buffer is handed over whole (its
// ArrayBuffer transferred to the main thread, never Buffer's shared pool).

export const STANDARD = 1;
export const ASCII = 2;
/** What the last copyStandard counted and where it wrote. */
export const copied = { chars: 0, from: 0 };

const CHUNK = 1 << 20;
const encoder = new TextEncoder();
/** Unzeroed, and its own ArrayBuffer (not the shared pool): it is written before it is read, and transferred. */
const fresh = (n: number): Uint8Array => Buffer.allocUnsafeSlow(n);
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export class CopyWriter {
  buf = fresh(CHUNK);
  pos = 0;
  private rowStart = 0;
  /** Buffers filled up in the middle of a row: ready to send. */
  private readonly full: Uint8Array[] = [];

  beginRow(): void {
    this.rowStart = this.pos;
  }

  dropRow(): void {
    this.pos = this.rowStart;
  }

  /** Ends the row with its source row number and the run's tail ("\t<run>\n"). */
  endRow(row: number, tail: Uint8Array): void {
    this.ascii(String(row));
    this.room(tail.length);
    this.buf.set(tail, this.pos);
    this.pos += tail.length;
  }

  tab(): void {
    this.room(1);
    this.buf[this.pos++] = 9;
  }

  nul(): void {
    this.room(2);
    this.buf[this.pos++] = 92;
    this.buf[this.pos++] = 78;
  }

  /**
   * Copies a cell's UTF-8 bytes when they are already standard — standardizeText would return
   * them unchanged (its isAlreadyStandard rule, on code points): no control characters, no
   * unusual spaces, no full-width forms, no leading, trailing or doubled space. Returns 0 (and
   * writes nothing) or STANDARD, with ASCII when every byte is; `copied` says where the bytes
   * went and how many characters they hold. Nearly every cell of a real file is standard, and
   * this one pass is then all it costs before it is stored. The bytes are valid UTF-8 (the
   * reader's transcoder sees to it) and not empty.
   */
  copyStandard(src: Uint8Array, a: number, e: number): number {
    if (src[a] === 32 || src[e - 1] === 32) return 0;
    this.room(2 * (e - a));
    const b = this.buf;
    const from = this.pos;
    let p = from;
    let previous = 0;
    let chars = 0;
    let flags = STANDARD | ASCII;
    for (let i = a; i < e; chars++) {
      const x = src[i];
      if (x < 0x80) {
        if (x < 32 || x === 0x7f || (x === 32 && previous === 32)) return 0;
        if (x === 92) b[p++] = 92;
        b[p++] = x;
        previous = x;
        i++;
        continue;
      }
      flags = STANDARD;
      let cp: number;
      if (x < 0xe0) {
        cp = ((x & 0x1f) << 6) | (src[i + 1] & 0x3f);
        b[p++] = x;
        b[p++] = src[i + 1];
        i += 2;
      } else if (x < 0xf0) {
        cp = ((x & 0x0f) << 12) | ((src[i + 1] & 0x3f) << 6) | (src[i + 2] & 0x3f);
        b[p++] = x;
        b[p++] = src[i + 1];
        b[p++] = src[i + 2];
        i += 3;
      } else {
        cp = 0x10000; // beyond the BMP: never a space nor a full-width form
        b[p++] = x;
        b[p++] = src[i + 1];
        b[p++] = src[i + 2];
        b[p++] = src[i + 3];
        i += 4;
      }
      if (
        cp <= 0xa0 ||
        cp === 0x1680 ||
        (cp >= 0x2000 && cp <= 0x200b) ||
        cp === 0x202f ||
        cp === 0x205f ||
        cp === 0x3000 ||
        cp === 0xfeff ||
        (cp >= 0xff01 && cp <= 0xff5e)
      )
        return 0;
      previous = cp;
    }
    this.pos = p;
    copied.chars = chars;
    copied.from = from;
    return flags;
  }

  /** A string value, escaped and encoded. Returns where its bytes start. */
  string(s: string): number {
    const n = s.length;
    this.room(3 * n);
    const b = this.buf;
    const at = this.pos;
    let p = at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        // Not ASCII: the rest through the encoder (3 bytes per UTF-16 unit at most, as reserved).
        const rest = s.slice(i).replace(SPECIAL, (m) => ESCAPES[m]);
        p += encoder.encodeInto(rest, b.subarray(p)).written;
        break;
      }
      if (c === 92 || c === 9 || c === 10 || c === 13) {
        b[p++] = 92;
        b[p++] = c === 92 ? 92 : c === 9 ? 116 : c === 10 ? 110 : 114;
      } else b[p++] = c;
    }
    this.pos = p;
    return at;
  }

  /** Hands out what is written when it has reached `min` bytes (between rows only). */
  take(min: number): Uint8Array[] {
    const out = this.full.splice(0);
    if (this.pos >= min && this.pos > 0) {
      out.push(this.buf.subarray(0, this.pos));
      this.buf = fresh(CHUNK);
      this.pos = 0;
      this.rowStart = 0;
    }
    return out;
  }

  private ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** Room for n more bytes: when the buffer is full, the row begun so far moves to a new one. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const partial = this.pos - this.rowStart;
    const next = fresh(Math.max(CHUNK, 2 * (partial + n)));
    next.set(this.buf.subarray(this.rowStart, this.pos));
    if (this.rowStart > 0) this.full.push(this.buf.subarray(0, this.rowStart));
    this.buf = next;
    this.pos = partial;
    this.rowStart = 0;
  }
}
