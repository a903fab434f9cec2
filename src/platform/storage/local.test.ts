import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DomainError, InputError, NotFound } from '../errors.js';
import { LocalFileStore } from './local.js';
import { FileTooLarge, isFileKey } from './storage.js';

let root: string;
let store: LocalFileStore;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'jt-files-'));
  store = new LocalFileStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const tmpFiles = () => (existsSync(join(root, 'tmp')) ? readdirSync(join(root, 'tmp')) : []);
const storedFiles = () =>
  readdirSync(root)
    .filter((d) => d !== 'tmp')
    .flatMap((d) => readdirSync(join(root, d)));

describe('LocalFileStore', () => {
  it('round-trips bytes under a server-made key, with checksums that match sha256sum and the SM3 vector', async () => {
    const parts = [Buffer.from('政务数据 '), new Uint8Array([0, 1, 2, 255]), Buffer.from('abc')];
    const put = await store.put(Readable.from(parts));
    const all = Buffer.concat(parts);
    expect(isFileKey(put.key)).toBe(true);
    expect(put.size).toBe(all.length);
    expect(put.sha256).toBe(createHash('sha256').update(all).digest('hex'));
    const path = join(root, put.key.slice(0, 2), put.key);
    expect(execFileSync('sha256sum', [path]).toString().split(' ')[0]).toBe(put.sha256);
    expect(put.sm3).toBe(createHash('sm3').update(all).digest('hex'));
    expect(tmpFiles()).toEqual([]);

    expect(await store.exists(put.key)).toBe(true);
    expect(Buffer.compare(await readAll(await store.open(put.key)), all)).toBe(0);

    const abc = await store.put(
      (async function* () {
        yield Buffer.from('abc');
      })(),
    );
    expect(abc.sm3).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'); // GB/T 32905 example 1
    expect(abc.key).not.toBe(put.key);

    await store.remove(put.key);
    expect(await store.exists(put.key)).toBe(false);
    await expect(store.open(put.key)).rejects.toBeInstanceOf(NotFound);
    await store.remove(put.key); // idempotent
    expect(await store.exists(abc.key)).toBe(true);
  });

  it('stores an empty file', async () => {
    const put = await store.put(Readable.from([]));
    expect(put.size).toBe(0);
    expect(put.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect((await readAll(await store.open(put.key))).length).toBe(0);
  });

  it('aborts past maxBytes, stops reading the source, and leaves no temporary or stored file', async () => {
    let pulled = 0;
    let closed = false;
    const source = (async function* () {
      try {
        for (;;) {
          pulled++;
          yield Buffer.alloc(1000, 1);
        }
      } finally {
        closed = true;
      }
    })();
    const err = await store.put(source, { maxBytes: 5000 }).catch((e) => e);
    expect(err).toBeInstanceOf(FileTooLarge);
    expect((err as DomainError).status).toBe(413);
    expect(pulled).toBe(6);
    expect(closed).toBe(true);
    expect(tmpFiles()).toEqual([]);
    expect(storedFiles()).toEqual([]);
    // exactly maxBytes is fine
    expect((await store.put(Readable.from([Buffer.alloc(5000)]), { maxBytes: 5000 })).size).toBe(5000);
  });

  it('removes the temporary file when the source fails', async () => {
    const source = (async function* () {
      yield Buffer.alloc(10_000);
      throw new Error('upstream broke');
    })();
    await expect(store.put(source)).rejects.toThrow('upstream broke');
    expect(tmpFiles()).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses any key it did not make before touching the file system', async () => {
    const put = await store.put(Readable.from([Buffer.from('x')]));
    const bad = [
      '../x',
      '../../etc/passwd',
      '/etc/passwd',
      '',
      'tmp',
      put.key.slice(0, 2),
      `${put.key}/..`,
      `../${put.key}`,
      `${put.key.slice(0, 2)}/${put.key}`,
      `${put.key}\n`,
      `${put.key}\0`,
      put.key.toUpperCase(),
      `${put.key}.part`,
      put.key.replace(/-/g, ''),
      '00000000-0000-0000-0000-000000000000',
      'ab..cdef-0000-4000-8000-000000000000',
    ];
    for (const key of bad) {
      await expect(store.open(key)).rejects.toBeInstanceOf(InputError);
      await expect(store.exists(key)).rejects.toBeInstanceOf(InputError);
      await expect(store.remove(key)).rejects.toBeInstanceOf(InputError);
    }
    for (const key of [undefined, null, 42, { toString: () => put.key }]) {
      await expect(store.open(key as unknown as string)).rejects.toBeInstanceOf(InputError);
    }
    expect(await store.exists(put.key)).toBe(true);
  });

  it('sweeps temporary files left by a crash', async () => {
    const { mkdirSync, writeFileSync, utimesSync } = await import('node:fs');
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', 'old.part'), 'x');
    writeFileSync(join(root, 'tmp', 'new.part'), 'x');
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(join(root, 'tmp', 'old.part'), old, old);
    expect(await store.sweepTemp()).toBe(1);
    expect(tmpFiles()).toEqual(['new.part']);
  });

  it('stores a 200 MB stream with flat memory', async () => {
    const total = 200 * 1024 * 1024;
    const chunkSize = 64 * 1024;
    const expected = createHash('sha256');
    const before = process.memoryUsage().rss;
    let peak = before;
    const source = (async function* () {
      for (let i = 0; i < total / chunkSize; i++) {
        const chunk = Buffer.allocUnsafe(chunkSize).fill(i & 0xff); // fresh each time: a store that kept chunks would grow
        chunk.writeUInt32BE(i, 0);
        expected.update(chunk);
        if (i % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss);
        yield chunk;
      }
    })();
    const put = await store.put(source);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(put.size).toBe(total);
    expect(put.sha256).toBe(expected.digest('hex'));
    expect(statSync(join(root, put.key.slice(0, 2), put.key)).size).toBe(total);
    expect(peak - before).toBeLessThan(96 * 1024 * 1024);
    let read = 0;
    const back = createHash('sha256');
    for await (const c of (await store.open(put.key)) as AsyncIterable<Buffer>) {
      read += c.length;
      back.update(c);
    }
    expect(read).toBe(total);
    expect(back.digest('hex')).toBe(put.sha256);
  });
});
