import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

// The CLI as a client of a running platform (import, login; the exchange agent later):
// the same commands work against the embedded demo and a PostgreSQL deployment.

export type Remote = { url: string; token: string | null };
type RemoteOptions = { url?: string; token?: string };

export const DEFAULT_URL = 'http://127.0.0.1:8080';

const configDir = () => process.env.JUTONG_CONFIG_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'jutong');
const credentialsFile = () => join(configDir(), 'credentials.json');

function readCredentials(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(credentialsFile(), 'utf8'));
  } catch {
    return {};
  }
}

/** `jutong login` keeps one token per platform URL, readable by the user only. */
export function saveToken(url: string, token: string) {
  mkdirSync(configDir(), { recursive: true, mode: 0o700 });
  const all = { ...readCredentials(), [normalize(url)]: token };
  writeFileSync(credentialsFile(), JSON.stringify(all, null, 2), { mode: 0o600 });
  chmodSync(credentialsFile(), 0o600);
}

const normalize = (url: string) => url.replace(/\/+$/, '');

export function remote(o: RemoteOptions): Remote {
  const url = normalize(o.url ?? process.env.JUTONG_URL ?? DEFAULT_URL);
  return { url, token: o.token ?? process.env.JUTONG_TOKEN ?? readCredentials()[url] ?? null };
}

export class RemoteError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** One API call; the platform's error shape becomes a RemoteError with its message. */
export async function call<T>(r: Remote, method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { ...init.headers, ...auth(r) };
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let res: Response;
  try {
    res = await fetch(`${r.url}${path}`, { method, headers, body });
  } catch (e) {
    throw unreachable(r, e);
  }
  return answer<T>(res.status, await res.text());
}

/**
 * Streams a body (a file being imported) to the platform. Plain node:http rather than fetch:
 * fetch's streamed body cost the CLI ~0.5 s of CPU per 100 MB, on the cores the server
 * ingesting that file needs.
 */
export function upload<T>(r: Remote, path: string, body: Readable, headers: Record<string, string>): Promise<T> {
  const url = new URL(`${r.url}${path}`);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<T>((resolve, reject) => {
    const req = send(url, { method: 'POST', headers: { ...headers, ...auth(r) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('error', (e) => reject(unreachable(r, e)));
      res.on('end', () => {
        try {
          resolve(answer<T>(res.statusCode ?? 0, Buffer.concat(parts).toString('utf8')));
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', (e) => reject(unreachable(r, e)));
    body.on('error', (e) => req.destroy(e));
    body.pipe(req);
  });
}

const auth = (r: Remote): Record<string, string> => (r.token ? { authorization: `Bearer ${r.token}` } : {});

const unreachable = (r: Remote, e: unknown) =>
  new RemoteError(`无法连接平台 ${r.url}：${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}（用 --url 或 JUTONG_URL 指定地址）`, 0);

function answer<T>(status: number, text: string): T {
  const json = text ? safeJson(text) : null;
  if (status < 200 || status >= 300) {
    const err = (json as { error?: { message?: string; details?: unknown } } | null)?.error;
    if (status === 401) throw new RemoteError(`${err?.message ?? '未登录'}：先运行 jutong login，或用 --token / JUTONG_TOKEN 提供令牌`, 401);
    throw new RemoteError(err?.message ?? `HTTP ${status}`, status, err?.details);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
