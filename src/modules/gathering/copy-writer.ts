// Rows in PostgreSQL's COPY text format, written straight into byte buffers: values tab-
// separated, \N for null, backslash, tab and line breaks escaped. Each finished buffer is one
// COPY statement's input, so a row never spans two; a buffer is handed over whole (its
// ArrayBuffer transferred to the main thread, never Buffer's shared pool).

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

  /** UTF-8 bytes with no control characters (a standard cell): only a backslash needs escaping. Returns where they start. */
  bytes(src: Uint8Array, a: number, e: number): number {
    this.room(2 * (e - a));
    const b = this.buf;
    const at = this.pos;
    let p = at;
    for (let i = a; i < e; i++) {
      const x = src[i];
      if (x === 92) b[p++] = 92;
      b[p++] = x;
    }
    this.pos = p;
    return at;
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
