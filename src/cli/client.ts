import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// The CLI as a client of a running platform (import, login; the exchange agent later):
// the same commands work against the embedded demo and a PostgreSQL deployment.

export type Remote = { url: string; token: string | null };
export type RemoteOptions = { url?: string; token?: string };

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
export async function call<T>(
  r: Remote,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; raw?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...init.headers };
  if (r.token) headers.authorization = `Bearer ${r.token}`;
  let body: RequestInit['body'];
  if (init.raw) body = init.body as RequestInit['body'];
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let res: Response;
  try {
    res = await fetch(`${r.url}${path}`, { method, headers, body, ...(init.raw ? { duplex: 'half' } : {}) } as RequestInit);
  } catch (e) {
    throw new RemoteError(
      `无法连接平台 ${r.url}：${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}（用 --url 或 JUTONG_URL 指定地址）`,
      0,
    );
  }
  const text = await res.text();
  const json = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = (json as { error?: { message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401) throw new RemoteError(`${err?.message ?? '未登录'}：先运行 jutong login，或用 --token / JUTONG_TOKEN 提供令牌`, 401);
    throw new RemoteError(err?.message ?? `HTTP ${res.status}`, res.status, err?.details);
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
