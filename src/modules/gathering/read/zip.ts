import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

// Just enough of ZIP to look inside an xlsx (a file on disk, or a buffer) before exceljs reads
// it: the central directory (at the end, so this needs the whole file) and one entry's bytes.
//
// A zip bomb is a few MB that inflate to GBs. What an entry inflates to is bounded by its
// declared size (the central directory's), so callers refuse files whose declared sizes add up
// to too much, and an entry's stream fails as soon as it gives more than its declared size (or
// a different CRC): declared sizes can lie. Two other lies are refused when the directory is
// read, so that exceljs — which reads either the directory (JSZip) or the local headers in file
// order (unzipper) — sees exactly the entries checked here: the local entries must follow one
// another from the first byte to the directory with no gap or overlap and carry the directory's
// names, and a name may appear once. An inflated entry must use all of its compressed bytes, so
// nothing hides behind the end of a deflate stream.

export type ZipEntry = { name: string; method: number; crc: number; compressedSize: number; size: number; localOffset: number; encrypted: boolean };

/** A path to a zip on disk, or the zip itself. */
export type ZipSource = string | Buffer;

export class ZipFormatError extends Error {}

type Reader = { size: number; read(len: number, at: number): Promise<Buffer>; close(): Promise<void> };

async function reader(src: ZipSource): Promise<Reader> {
  if (Buffer.isBuffer(src)) return { size: src.length, read: async (len, at) => src.subarray(at, Math.min(src.length, at + len)), close: async () => {} };
  const fh: FileHandle = await open(src, 'r');
  const { size } = await fh.stat();
  return {
    size,
    read: async (len, at) => {
      const b = Buffer.alloc(len);
      const { bytesRead } = await fh.read(b, 0, len, at);
      return b.subarray(0, bytesRead);
    },
    close: () => fh.close(),
  };
}

export async function readZipDirectory(src: ZipSource): Promise<Map<string, ZipEntry>> {
  const r = await reader(src);
  try {
    const tailLen = Math.min(r.size, 22 + 0xffff);
    const tail = await r.read(tailLen, r.size - tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError('no end of central directory');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipFormatError('zip64');
    if (cdOffset + cdSize > r.size) throw new ZipFormatError('central directory outside the file');
    const cd = await r.read(cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    while (p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
      const flags = cd.readUInt16LE(p + 8);
      const nameLen = cd.readUInt16LE(p + 28);
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
      if (entries.has(name)) throw new ZipFormatError(`${name} twice`);
      entries.set(name, {
        name,
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
        encrypted: (flags & 1) === 1,
      });
      p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    await checkLayout(r, [...entries.values()], cdOffset);
    return entries;
  } finally {
    await r.close();
  }
}

/** The local entries tile the file up to the directory, each under the directory's name. */
async function checkLayout(r: Reader, entries: ZipEntry[], cdOffset: number): Promise<void> {
  let at = 0;
  for (const e of entries.sort((a, b) => a.localOffset - b.localOffset)) {
    if (e.localOffset !== at) throw new ZipFormatError(`bytes outside the directory before ${e.name}`);
    const local = await r.read(30, at);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`bad local header for ${e.name}`);
    const nameLen = local.readUInt16LE(26);
    const name = await r.read(nameLen, at + 30);
    if (name.toString(local.readUInt16LE(6) & 0x800 ? 'utf8' : 'latin1') !== e.name) throw new ZipFormatError(`local name differs for ${e.name}`);
    at += 30 + nameLen + local.readUInt16LE(28) + e.compressedSize;
    // A data descriptor (crc, sizes) follows the data, with or without its signature.
    if (local.readUInt16LE(6) & 0x8) at += (await r.read(4, at)).readUInt32LE(0) === 0x08074b50 ? 16 : 12;
  }
  if (at !== cdOffset) throw new ZipFormatError('bytes outside the directory before it');
}

/** Fails as soon as an entry gives more than its declared size, or at its end a different size or CRC. */
class Declared extends Transform {
  private bytes = 0;
  private crc = 0;
  constructor(
    private readonly entry: ZipEntry,
    private readonly consumed: () => number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.entry.size) {
      done(new ZipFormatError(`${this.entry.name} inflates past its declared ${this.entry.size} bytes`));
      return;
    }
    this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    const e = this.entry;
    if (this.bytes !== e.size) done(new ZipFormatError(`${e.name}: ${this.bytes} bytes, declared ${e.size}`));
    else if (this.crc >>> 0 !== e.crc >>> 0) done(new ZipFormatError(`${e.name}: CRC mismatch`));
    else if (this.consumed() !== e.compressedSize) done(new ZipFormatError(`${e.name}: data after the end of its deflate stream`));
    else done();
  }
}

/** The entry's uncompressed bytes, streaming, checked against the declared size and CRC. */
export async function entryStream(src: ZipSource, entry: ZipEntry): Promise<Readable> {
  if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) throw new ZipFormatError(`unsupported entry ${entry.name}`);
  const r = await reader(src);
  let local: Buffer;
  try {
    local = await r.read(30, entry.localOffset);
  } finally {
    await r.close();
  }
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw: Readable =
    entry.compressedSize === 0
      ? Readable.from([])
      : Buffer.isBuffer(src)
        ? Readable.from([src.subarray(start, start + entry.compressedSize)])
        : createReadStream(src, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === 0) {
    const check = new Declared(entry, () => entry.compressedSize);
    raw.on('error', (e) => check.destroy(e));
    return raw.pipe(check);
  }
  const inflate = createInflateRaw();
  const check = new Declared(entry, () => inflate.bytesWritten);
  raw.on('error', (e) => inflate.destroy(e));
  inflate.on('error', (e) => check.destroy(e));
  return raw.pipe(inflate).pipe(check);
}

export async function readEntryText(src: ZipSource, entry: ZipEntry, max = 64 << 20): Promise<string> {
  if (entry.size > max) throw new ZipFormatError(`${entry.name} too large`);
  const parts: Buffer[] = [];
  let len = 0;
  for await (const chunk of await entryStream(src, entry)) {
    parts.push(chunk as Buffer);
    len += (chunk as Buffer).length;
  }
  return Buffer.concat(parts, len).toString('utf8');
}

/** What the entries declare they inflate to, in all. */
export const declaredBytes = (entries: Map<string, ZipEntry>) => [...entries.values()].reduce((n, e) => n + e.size, 0);
