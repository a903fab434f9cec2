// Mounted file resources (PDF, images, archives): stored under server-generated keys with SHA-256 and SM3
// checksums. LocalFileStore (local.ts) keeps them in a directory; an object store can implement FileStore later.
// No name or id from a user ever becomes a path: keys are UUIDs made here, checked by a strict pattern
// before any path is built from one.
import { DomainError } from '../errors.js';

export type StoredFile = { key: string; size: number; sha256: string; sm3: string };

export interface FileStore {
  /** Stream `data` into the store; refuses with FileTooLarge past `maxBytes`, leaving nothing behind. */
  put(data: AsyncIterable<Buffer | Uint8Array>, opts?: { maxBytes?: number }): Promise<StoredFile>;
  /** The stored bytes; NotFound when there is no such file, InputError for a malformed key. */
  open(key: string): Promise<NodeJS.ReadableStream>;
  /** Idempotent: removing a missing file is not an error. */
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** 413: the upload is larger than the caller allows. */
export class FileTooLarge extends DomainError {
  constructor(readonly maxBytes: number) {
    super(413, 'too_large', `文件超过 ${maxBytes} 字节的上限`, { maxBytes });
  }
}

/** Exactly what crypto.randomUUID() makes (lower-case v4): no dots, slashes, or anything else a path could use. */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isFileKey(key: unknown): key is string {
  return typeof key === 'string' && KEY.test(key);
}
