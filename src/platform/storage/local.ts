// FileStore in a local directory (the default). See storage.ts for the contract.
import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError, NotFound } from '../errors.js';
import { type FileStore, FileTooLarge, isFileKey, type StoredFile } from './storage.js';

/**
 * Layout: `root/<first 2 hex of key>/<key>` for stored files, `root/tmp/<random>.part` while a put is running.
 * A put is written and fsynced under a temporary name, then renamed: a reader never sees half a file.
 */
export class LocalFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(data: AsyncIterable<Buffer | Uint8Array>, opts: { maxBytes?: number } = {}): Promise<StoredFile> {
    const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const fh = await open(tmp, 'wx', 0o640);
    let handleOpen = true;
    const sha256 = createHash('sha256');
    const sm3 = createHash('sm3');
    let size = 0;
    try {
      // One chunk at a time, written before the next is pulled: memory stays flat, and a source that reuses
      // its buffer is safe. Throwing out of the loop closes the source (its return() runs).
      for await (const chunk of data) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        size += buf.length;
        if (size > maxBytes) throw new FileTooLarge(maxBytes);
        sha256.update(buf);
        sm3.update(buf);
        await writeAll(fh, buf);
      }
      await fh.sync();
      handleOpen = false;
      await fh.close();
      const key = randomUUID();
      const dir = join(this.root, key.slice(0, 2));
      if (await mkdir(dir, { recursive: true })) await syncDir(this.root);
      await rename(tmp, join(dir, key));
      await syncDir(dir);
      return { key, size, sha256: sha256.digest('hex'), sm3: sm3.digest('hex') };
    } catch (err) {
      if (handleOpen) await fh.close().catch(() => {});
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async open(key: string): Promise<NodeJS.ReadableStream> {
    const path = this.pathOf(key);
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFound('文件');
      throw err;
    }
    // Opened first, streamed from the handle: a remove() in between cannot turn into a stream error.
    return fh.createReadStream();
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /** Remove temporary files of puts that crashed (older than `olderThanMs`); returns how many. */
  async sweepTemp(olderThanMs = 24 * 3600_000): Promise<number> {
    const tmpDir = join(this.root, 'tmp');
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      const path = join(tmpDir, name);
      const st = await stat(path).catch(() => null);
      if (st && Date.now() - st.mtimeMs > olderThanMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** The only way a key becomes a path: after the pattern check, and only from the key's own characters. */
  private pathOf(key: string): string {
    if (!isFileKey(key)) throw new InputError('文件标识无效');
    return join(this.root, key.slice(0, 2), key);
  }
}

async function writeAll(fh: FileHandle, buf: Buffer) {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}

/** Make a rename or a new entry durable; not every platform lets a directory be fsynced, and that is not an error. */
async function syncDir(dir: string) {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // best effort
  } finally {
    await fh?.close().catch(() => {});
  }
}
