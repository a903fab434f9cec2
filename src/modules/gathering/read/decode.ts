import { isAscii } from 'node:buffer';
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

export class StreamDecoder {
  /** The encoding, or 'utf-8' while the text has been ASCII so far (see `decided`). */
  encoding: InputEncoding = 'utf-8';
  decided = false;
  /** U+FFFD characters produced: bytes that were not valid in the encoding (or a real U+FFFD in the file). */
  replaced = 0;

  private sink: Sink | null = null;
  private head: Uint8Array[] = []; // bytes before the BOM check (fewer than 4 so far)
  private headLen = 0;
  private bomChecked = false;
  private pending: Uint8Array[] = []; // bytes after the first non-ASCII byte, not yet decided
  private pendingLen = 0;
  private probe: Utf8Probe | null = null;
  private atStart = true;

  constructor(explicit?: InputEncoding) {
    if (explicit) {
      this.encoding = explicit;
      this.decided = true;
      this.sink = sinkFor(explicit);
    }
  }

  write(chunk: Uint8Array): string {
    if (chunk.length === 0) return '';
    if (!this.bomChecked) {
      this.head.push(chunk);
      this.headLen += chunk.length;
      if (this.headLen < 4) return '';
      return this.afterHead(concat(this.head, this.headLen));
    }
    return this.take(chunk);
  }

  end(): string {
    let out = '';
    if (!this.bomChecked && this.headLen > 0) out += this.afterHead(concat(this.head, this.headLen));
    if (!this.decided) {
      if (this.pendingLen > 0) {
        out += this.decide(this.probe?.complete() ? 'utf-8' : 'gb18030');
      } else {
        this.decided = true; // ASCII (or empty) from start to end: UTF-8 is as right as any
        this.sink = sinkFor('utf-8');
      }
    }
    if (this.sink) out += this.emit(this.sink.end());
    return out;
  }

  private afterHead(b: Uint8Array): string {
    this.bomChecked = true;
    this.head = [];
    if (!this.decided) {
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
        this.decided = true;
        this.sink = sinkFor('utf-8'); // TextDecoder drops the BOM itself
      } else if (b[0] === 0xff && b[1] === 0xfe) {
        this.decided = true;
        this.encoding = 'utf-16le';
        this.sink = sinkFor('utf-16le');
      }
    }
    return this.take(b);
  }

  private take(chunk: Uint8Array): string {
    if (this.sink) return this.emit(this.sink.write(chunk));
    if (this.probe === null) {
      if (isAscii(chunk)) return this.emit(latin1(chunk));
      const k = firstHighByte(chunk);
      this.probe = new Utf8Probe();
      const ascii = k > 0 ? this.emit(latin1(chunk.subarray(0, k))) : '';
      return ascii + this.undecided(chunk.subarray(k));
    }
    return this.undecided(chunk);
  }

  private undecided(b: Uint8Array): string {
    this.pending.push(b);
    this.pendingLen += b.length;
    const verdict = (this.probe as Utf8Probe).scan(b);
    if (verdict === 'invalid') return this.decide('gb18030');
    if (verdict === 'utf-8' || this.pendingLen >= DECIDE_BYTES) return this.decide('utf-8');
    return '';
  }

  private decide(encoding: InputEncoding): string {
    this.encoding = encoding;
    this.decided = true;
    this.probe = null;
    this.sink = sinkFor(encoding);
    const bytes = concat(this.pending, this.pendingLen);
    this.pending = [];
    this.pendingLen = 0;
    return this.emit(this.sink.write(bytes));
  }

  private emit(s: string): string {
    if (s.length === 0) return s;
    if (this.atStart) {
      this.atStart = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); // a BOM the decoder kept (GB18030's, an explicit encoding's)
    }
    let at = s.indexOf('\uFFFD');
    while (at !== -1) {
      this.replaced++;
      at = s.indexOf('\uFFFD', at + 1);
    }
    return s;
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

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
}
