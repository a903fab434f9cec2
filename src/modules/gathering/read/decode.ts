import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

// Bytes → text, streaming, with the encoding found from the bytes themselves.
//
// A BOM decides at once (UTF-8, or UTF-16LE as Excel's "Unicode text" writes). Without one,
// ASCII is the same in every encoding we accept, so nothing is decided while the bytes are
// ASCII: the decision is taken at the first non-ASCII byte, on the bytes that follow it. They
// are UTF-8 if at least MIN_SEQUENCES multi-byte characters (or 64 KB, or the end of the file)
// pass a strict UTF-8 decoder, and GB18030 at the first sequence that fails it. GBK text is
// practically never valid UTF-8 (a GBK trail byte is rarely a UTF-8 continuation byte), and
// GB18030 is a superset of GBK, so decoding GBK bytes as GB18030 is exact. This reads right
// the file whose first 100,000 rows are digits and whose Chinese starts further down, which a
// look at the first 64 KB would call UTF-8.

export type InputEncoding = 'utf-8' | 'gbk' | 'gb18030' | 'utf-16le';

const MIN_SEQUENCES = 8;
const DECIDE_BYTES = 64 * 1024;

type Sink = { write(b: Uint8Array): string; end(): string };

function textDecoderSink(label: string): Sink {
  const d = new TextDecoder(label);
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

let gbAvailable: boolean | null = null;
function gb18030Sink(): Sink {
  // ICU's decoder (Node's TextDecoder) is 3× faster than iconv-lite's; small-icu builds lack it.
  if (gbAvailable === null) {
    try {
      new TextDecoder('gb18030');
      gbAvailable = true;
    } catch {
      gbAvailable = false;
    }
  }
  if (gbAvailable) return textDecoderSink('gb18030');
  const d = iconv.getDecoder('gb18030');
  return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
}

function sinkFor(encoding: InputEncoding): Sink {
  return encoding === 'gbk' || encoding === 'gb18030' ? gb18030Sink() : textDecoderSink(encoding);
}

function firstHighByte(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return i;
  return -1;
}

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
const REPLACEMENT = Buffer.from('\uFFFD');

/**
 * Bytes in any accepted encoding → the same text as UTF-8 bytes, the encoding detected as the
 * module comment says. UTF-8 input passes through as it is (checked, never decoded): the CSV
 * reader and the ingest work on these bytes, so a UTF-8 file is never turned into strings.
 * GB18030 and UTF-16LE are decoded and re-encoded. A leading BOM is dropped.
 */
export class Utf8Transcoder {
  /** The encoding, or 'utf-8' while the text has been ASCII so far (see `decided`). */
  encoding: InputEncoding = 'utf-8';
  decided = false;
  /** U+FFFD characters produced: bytes that were not valid in the encoding (or a real U+FFFD in the file). */
  replaced = 0;

  private sink: Sink | null = null; // a decoder, for encodings other than UTF-8
  private head: Uint8Array[] = []; // bytes before the BOM check (fewer than 4 so far)
  private headLen = 0;
  private bomChecked = false;
  private pending: Uint8Array[] = []; // bytes after the first non-ASCII byte, not yet decided
  private pendingLen = 0;
  private probe: Utf8Probe | null = null;
  private atStart = true;
  private carry: Uint8Array | null = null; // UTF-8: a character cut at the end of the last chunk

  constructor(explicit?: InputEncoding) {
    if (explicit) {
      this.encoding = explicit;
      this.decided = true;
      if (explicit !== 'utf-8') this.sink = sinkFor(explicit);
    }
  }

  write(chunk: Uint8Array): Uint8Array {
    if (chunk.length === 0) return EMPTY;
    if (!this.bomChecked) {
      this.head.push(chunk);
      this.headLen += chunk.length;
      if (this.headLen < 4) return EMPTY;
      return this.afterHead(concat(this.head, this.headLen), false);
    }
    return this.take(chunk, false);
  }

  end(): Uint8Array {
    const out: Uint8Array[] = [];
    if (!this.bomChecked && this.headLen > 0) out.push(this.afterHead(concat(this.head, this.headLen), true));
    if (!this.decided) {
      if (this.pendingLen > 0) out.push(this.decide(this.probe?.complete() ? 'utf-8' : 'gb18030', true));
      else this.decided = true; // ASCII (or empty) from start to end: UTF-8 is as right as any
    }
    if (this.sink) out.push(this.emitText(this.sink.end()));
    else if (this.carry) out.push(this.utf8(EMPTY, true));
    return concat(
      out,
      out.reduce((n, b) => n + b.length, 0),
    );
  }

  private afterHead(b: Uint8Array, final: boolean): Uint8Array {
    this.bomChecked = true;
    this.head = [];
    if (!this.decided) {
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
        this.decided = true;
      } else if (b[0] === 0xff && b[1] === 0xfe) {
        this.decided = true;
        this.encoding = 'utf-16le';
        this.sink = sinkFor('utf-16le');
      }
    }
    return this.take(b, final);
  }

  private take(chunk: Uint8Array, final: boolean): Uint8Array {
    if (this.decided) return this.sink ? this.emitText(this.sink.write(chunk)) : this.utf8(chunk, final);
    if (this.probe === null) {
      if (isAscii(chunk)) return this.emitBytes(chunk);
      const k = firstHighByte(chunk);
      this.probe = new Utf8Probe();
      const ascii = k > 0 ? this.emitBytes(chunk.subarray(0, k)) : EMPTY;
      const rest = this.undecided(chunk.subarray(k), final);
      return ascii.length ? concat([ascii, rest], ascii.length + rest.length) : rest;
    }
    return this.undecided(chunk, final);
  }

  private undecided(b: Uint8Array, final: boolean): Uint8Array {
    this.pending.push(b);
    this.pendingLen += b.length;
    const verdict = (this.probe as Utf8Probe).scan(b);
    if (verdict === 'invalid') return this.decide('gb18030', final);
    if (verdict === 'utf-8' || this.pendingLen >= DECIDE_BYTES) return this.decide('utf-8', final);
    return EMPTY;
  }

  private decide(encoding: InputEncoding, final: boolean): Uint8Array {
    this.encoding = encoding;
    this.decided = true;
    this.probe = null;
    const bytes = concat(this.pending, this.pendingLen);
    this.pending = [];
    this.pendingLen = 0;
    if (encoding === 'utf-8') return this.utf8(bytes, final);
    this.sink = sinkFor(encoding);
    return this.emitText(this.sink.write(bytes));
  }

  /** UTF-8 passes through when valid; a chunk with invalid bytes goes through a decoder, as the other encodings do. */
  private utf8(chunk: Uint8Array, final: boolean): Uint8Array {
    let b = chunk;
    if (this.carry) {
      b = concat([this.carry, chunk], this.carry.length + chunk.length);
      this.carry = null;
    }
    const cut = final ? b.length : completeUpTo(b);
    if (cut < b.length) {
      this.carry = b.slice(cut);
      b = b.subarray(0, cut);
    }
    if (isUtf8(b)) return this.emitBytes(b);
    return this.emitText(new TextDecoder('utf-8', { ignoreBOM: true }).decode(b));
  }

  private emitBytes(b: Uint8Array): Uint8Array {
    if (b.length === 0) return b;
    if (this.atStart) {
      this.atStart = false;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    }
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    for (let at = buf.indexOf(REPLACEMENT); at !== -1; at = buf.indexOf(REPLACEMENT, at + 3)) this.replaced++;
    return b;
  }

  private emitText(s: string): Uint8Array {
    if (s.length === 0) return EMPTY;
    if (this.atStart) {
      this.atStart = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); // a BOM the decoder kept (GB18030's, an explicit encoding's)
    }
    for (let at = s.indexOf('\uFFFD'); at !== -1; at = s.indexOf('\uFFFD', at + 1)) this.replaced++;
    return encoder.encode(s);
  }
}

/** Where the last complete UTF-8 character ends: a lead byte in the last three whose sequence is cut stays for the next chunk. */
function completeUpTo(b: Uint8Array): number {
  const n = b.length;
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const x = b[i];
    if (x < 0x80) return n;
    if (x >= 0xc0) {
      const len = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
      return n - i < len ? i : n;
    }
  }
  return n;
}

/** Text out of bytes in any accepted encoding (the JSON readers take text): the transcoder, then UTF-8. */
export class StreamDecoder {
  private readonly bytes: Utf8Transcoder;
  private readonly text = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(explicit?: InputEncoding) {
    this.bytes = new Utf8Transcoder(explicit);
  }

  get encoding(): InputEncoding {
    return this.bytes.encoding;
  }

  get decided(): boolean {
    return this.bytes.decided;
  }

  get replaced(): number {
    return this.bytes.replaced;
  }

  write(chunk: Uint8Array): string {
    return this.text.decode(this.bytes.write(chunk), { stream: true });
  }

  end(): string {
    return this.text.decode(this.bytes.end());
  }
}

/**
 * Strict UTF-8 validation, incremental over chunks: counts complete multi-byte characters
 * until MIN_SEQUENCES ('utf-8') or the first byte that cannot be UTF-8 ('invalid').
 */
class Utf8Probe {
  private sequences = 0;
  private need = 0; // continuation bytes still expected
  private lo = 0x80; // allowed range of the next continuation byte (narrower after E0, ED, F0, F4)
  private hi = 0xbf;

  scan(b: Uint8Array): 'utf-8' | 'invalid' | 'undecided' {
    for (let i = 0; i < b.length; i++) {
      const x = b[i];
      if (this.need > 0) {
        if (x < this.lo || x > this.hi) return 'invalid';
        this.lo = 0x80;
        this.hi = 0xbf;
        if (--this.need === 0 && ++this.sequences >= MIN_SEQUENCES) return 'utf-8';
      } else if (x < 0x80) continue;
      else if (x >= 0xc2 && x <= 0xdf) this.need = 1;
      else if (x >= 0xe0 && x <= 0xef) {
        this.need = 2;
        if (x === 0xe0) this.lo = 0xa0;
        else if (x === 0xed) this.hi = 0x9f;
      } else if (x >= 0xf0 && x <= 0xf4) {
        this.need = 3;
        if (x === 0xf0) this.lo = 0x90;
        else if (x === 0xf4) this.hi = 0x8f;
      } else return 'invalid';
    }
    return 'undecided';
  }

  /** At the end of the input: valid so far and not cut inside a character. */
  complete(): boolean {
    return this.need === 0;
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
}
