import { createReadStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Mount, Run } from '../../modules/gathering/schema.js';
import { fault } from './faults.js';
import type { Body } from './source.js';

// The platform as the agent sees it: the ingest route for pushes, the changes feed for pulls,
// and the mounts and runs it needs to find its way. Every failure is sorted into "try again
// later" (the platform or the network is down, busy, restarting) and "stop" (refused).

export class PlatformError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Worth sending again, unchanged, later. */
    readonly transient: boolean,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** 409 for a batch's idempotency key already used with another body. */
export class KeyUsedForOtherBody extends PlatformError {}

export type ChangesPage = {
  resourceCode: string;
  grantId: string;
  fields: { item: string; masked: boolean }[];
  reset: boolean;
  upserts: { ref: string; values: Record<string, string | null> }[];
  deletes: string[];
  next: string;
  more: boolean;
};

type Batch = {
  mountId: string;
  mode: 'upsert' | 'delete' | 'replace';
  format: string;
  filename: string;
  idempotencyKey: string;
  body: Body;
  contentType: string;
  encoding?: string;
  mapping?: Record<string, string>;
  /** Batch number, for the test-only fault points. */
  batch: number;
};

type Answer = { status: number; headers: IncomingMessage['headers']; text: string };

export class Platform {
  constructor(
    readonly url: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number,
  ) {}

  private send(method: string, path: string, body?: Body, headers: Record<string, string> = {}, onHalf?: () => void): Promise<Answer> {
    const url = new URL(`${this.url}${path}`);
    const req = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Answer>((resolve, reject) => {
      const r = req(
        url,
        {
          method,
          headers: {
            authorization: `Bearer ${this.apiKey}`,
            accept: 'application/json',
            ...headers,
            ...(body ? { 'content-length': String(Buffer.isBuffer(body) ? body.length : body.size) } : {}),
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('error', (e) => reject(this.unreachable(e)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
        },
      );
      r.setTimeout(this.timeoutMs, () => r.destroy(new Error(`${Math.round(this.timeoutMs / 1000)} 秒内没有应答`)));
      r.on('error', (e) => reject(this.unreachable(e)));
      if (!body) return void r.end();
      if (!Buffer.isBuffer(body)) {
        const file = createReadStream(body.path, { highWaterMark: 1 << 20 });
        file.on('error', (e) => r.destroy(e));
        return void file.pipe(r);
      }
      // In two halves, so that a test can kill the agent with half a batch on the wire.
      const half = Math.floor(body.length / 2);
      r.write(body.subarray(0, half), () => {
        onHalf?.();
        r.end(body.subarray(half));
      });
    });
  }

  private unreachable(e: Error) {
    return new PlatformError(`无法连接平台 ${this.url}：${(e as Error & { cause?: Error }).cause?.message ?? e.message}`, 0, true);
  }

  private fail(a: Answer): PlatformError {
    let err: { code?: string; message?: string; details?: unknown } | undefined;
    try {
      err = JSON.parse(a.text)?.error;
    } catch {}
    const message = `平台拒绝（HTTP ${a.status}）：${err?.message ?? a.text.slice(0, 200)}`;
    if (a.status === 409) {
      const d = err?.details as { reason?: string } | undefined;
      if (d?.reason === 'idempotency_key_reused' || /另一批数据|another body/.test(err?.message ?? ''))
        return new KeyUsedForOtherBody(message, 409, false, err?.details);
      return new PlatformError(message, 409, true, err?.details); // busy: another run of the mount, or this key's run, is loading
    }
    return new PlatformError(message, a.status, a.status === 429 || a.status >= 500 || a.status === 0, err?.details);
  }

  async json<T>(method: string, path: string): Promise<T> {
    const a = await this.send(method, path);
    if (a.status < 200 || a.status >= 300) throw this.fail(a);
    return JSON.parse(a.text) as T;
  }

  /** The resource's table mount. */
  async mount(resource: string): Promise<Mount> {
    const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(resource);
    const q = byId ? `resourceId=${resource}` : `resourceCode=${encodeURIComponent(resource)}`;
    const list = await this.json<{ items: Mount[] }>('GET', `/api/v1/mounts?kind=table&${q}`);
    const m = list.items[0];
    if (!m) throw new PlatformError(`资源 ${resource} 没有库表挂载（或这个 API 密钥看不到它）：请先在控制台挂载库表`, 404, false);
    return m;
  }

  /** Sends one batch; answers its run, and whether the platform replayed the answer of an earlier send of the same key and body. */
  async push(b: Batch): Promise<{ run: Run; replayed: boolean }> {
    const q = new URLSearchParams({ mode: b.mode, format: b.format, filename: b.filename });
    if (b.encoding) q.set('encoding', b.encoding);
    if (b.mapping && Object.keys(b.mapping).length) q.set('mapping', JSON.stringify(b.mapping));
    const a = await this.send(
      'POST',
      `/api/v1/mounts/${b.mountId}/runs?${q}`,
      b.body,
      { 'content-type': b.contentType, 'idempotency-key': b.idempotencyKey },
      () => fault('mid-send', b.batch),
    );
    if (a.status !== 200) throw this.fail(a);
    return { run: JSON.parse(a.text) as Run, replayed: a.headers['idempotent-replay'] === 'true' };
  }

  /** The newest runs of a mount, newest first. */
  runs(mountId: string, page: number, pageSize = 100) {
    return this.json<{ items: Run[]; total: number }>('GET', `/api/v1/mounts/${mountId}/runs?page=${page}&pageSize=${pageSize}`);
  }

  changes(resource: string, since: string | null, limit: number) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (since) q.set('since', since);
    return this.json<ChangesPage>('GET', `/api/v1/share/${encodeURIComponent(resource)}/changes?${q}`);
  }
}
