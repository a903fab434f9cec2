import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

// Just enough of ZIP to look inside an xlsx on disk before exceljs reads it: the central
// directory (at the end of the file, so this needs the whole file) and one entry's bytes.

export type ZipEntry = { name: string; method: number; crc: number; compressedSize: number; size: number; localOffset: number; encrypted: boolean };

export class ZipFormatError extends Error {}

export async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
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
    if (cdOffset + cdSize > size) throw new ZipFormatError('central directory outside the file');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    while (p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
      const flags = cd.readUInt16LE(p + 8);
      const nameLen = cd.readUInt16LE(p + 28);
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
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
    return entries;
  } finally {
    await fh.close();
  }
}

/** The entry's uncompressed bytes, streaming. */
export async function entryStream(path: string, entry: ZipEntry): Promise<Readable> {
  if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) throw new ZipFormatError(`unsupported entry ${entry.name}`);
  const fh = await open(path, 'r');
  const local = Buffer.alloc(30);
  try {
    await fh.read(local, 0, 30, entry.localOffset);
  } finally {
    await fh.close();
  }
  if (local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = createReadStream(path, { start, end: Math.max(start, start + entry.compressedSize - 1) });
  if (entry.compressedSize === 0) {
    raw.destroy();
    return Readable.from([]);
  }
  if (entry.method === 0) return raw;
  const inflate = createInflateRaw();
  raw.on('error', (e) => inflate.destroy(e));
  return raw.pipe(inflate);
}

export async function readEntryText(path: string, entry: ZipEntry, max = 64 << 20): Promise<string> {
  if (entry.size > max) throw new ZipFormatError(`${entry.name} too large`);
  const parts: Buffer[] = [];
  let len = 0;
  for await (const chunk of await entryStream(path, entry)) {
    parts.push(chunk as Buffer);
    len += (chunk as Buffer).length;
    if (len > max) throw new ZipFormatError(`${entry.name} too large`);
  }
  return Buffer.concat(parts, len).toString('utf8');
}
