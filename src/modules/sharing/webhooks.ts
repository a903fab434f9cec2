import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Config } from '../../config.js';
import { Backoff, type Log } from '../../platform/backoff.js';
import type { Db } from '../../platform/db/db.js';
import { RuleBroken } from '../../platform/errors.js';
import { type FetchPolicy, FetchRefused, isPublicAddress, safeFetch } from '../../platform/http/safe-fetch.js';
import { type Claimed, deliveries } from './subscription-store.js';

// Webhooks: a subscription's notifications POSTed as JSON to the consumer's URL, signed with the
// subscription's secret, retried with backoff, every attempt logged (webhook_attempts).
//
// Which URLs: any public http(s) host — the consumer receives its own notifications at its own
// endpoint, so there is no host allow-list as for API mounts. A private, loopback or link-local
// address is refused, unless the platform allows private addresses (JUTONG_FETCH_ALLOW_PRIVATE)
// AND names the host in JUTONG_FETCH_ALLOW_HOSTS: the same rule as for API mounts, so that a
// department cannot point the server at an arbitrary internal address. Checked when the
// subscription is made (a 422 naming the reason) and again by safeFetch at every attempt, which
// connects to the very address it checked and follows no redirect.
//
// Signature: X-Jutong-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>, with
// X-Jutong-Timestamp (Unix seconds, per attempt) and X-Jutong-Delivery (the notification's id,
// the same on every attempt: receivers de-duplicate on it).

/** Waits after attempts 1…5; a sixth failure gives up. */
export const WEBHOOK_BACKOFF_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];

export type WebhookOptions = {
  /** Wait after the n-th failed attempt; one attempt more than its length is made. Tests pass zeros. */
  backoffMs?: readonly number[];
  /** Deliveries sent at once. */
  concurrency?: number;
  /** Per attempt: DNS, connect, response. */
  timeoutMs?: number;
  /** How long a claimed delivery is left alone before another worker may take it (a worker that died). */
  leaseMs?: number;
  /** Asked between deliveries: true stops the drain (the platform is closing). */
  stopped?: () => boolean;
};

const DEFAULTS = { concurrency: 4, timeoutMs: 10_000, leaseMs: 120_000 };
const MAX_RESPONSE_BYTES = 256 * 1024;
const DNS_TIMEOUT_MS = 5_000;

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** The X-Jutong-Signature value for a body sent at `timestamp` (Unix seconds, as sent in X-Jutong-Timestamp). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the signature, compare in constant time, refuse a stale timestamp (replay). */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string, now = Date.now(), toleranceSec = 300): boolean {
  const t = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - t) > toleranceSec) return false;
  const want = Buffer.from(signWebhook(secret, timestamp, body));
  const got = Buffer.from(signature);
  return got.length === want.length && timingSafeEqual(got, want);
}

// --- Which URLs ------------------------------------------------------------------------------

type FetchConfig = Config['fetch'];

const stripDot = (h: string) => (h.endsWith('.') ? h.slice(0, -1) : h);

/** Whether the platform lists this host (JUTONG_FETCH_ALLOW_HOSTS): exact, `*.suffix` for names, `*` for any. */
function listed(hostname: string, allowHosts: readonly string[]): boolean {
  const host = stripDot(hostname.toLowerCase());
  const isIp = net.isIP(host.replace(/^\[|\]$/g, '')) !== 0;
  return allowHosts.some((raw) => {
    const e = stripDot(raw.trim().toLowerCase());
    if (e === '*') return true;
    if (e.startsWith('*.')) return !isIp && host.endsWith(e.slice(1));
    return e === host || `[${e}]` === host;
  });
}

/** A private address may be reached only when the platform allows private addresses and lists the host. */
const privateAllowed = (hostname: string, f: FetchConfig) => f.allowPrivate && listed(hostname, f.allowHosts);

type Kind = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

function kindOf(ip: string): Kind {
  if (isPublicAddress(ip)) return 'public';
  if (!ipaddr.isValid(ip)) return 'reserved';
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  if (range === 'loopback') return 'loopback';
  if (range === 'linkLocal') return 'link-local';
  if (range === 'private' || range === 'uniqueLocal' || range === 'carrierGradeNat') return 'private';
  return 'reserved';
}

const kindLabel: Record<Exclude<Kind, 'public'>, string> = {
  loopback: '回环地址（本机）',
  private: '内网地址',
  'link-local': '链路本地地址（含云主机元数据服务）',
  reserved: '保留、组播或未指定地址',
};

function lookup(name: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('DNS 查询超时'), { code: 'ETIMEOUT' })), DNS_TIMEOUT_MS);
    dns.promises.lookup(name, { all: true }).then(
      (a) => {
        clearTimeout(timer);
        resolve(a.map((x) => x.address));
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/**
 * Refuses (422) a webhook URL the server must not call: not http(s), credentials in it, a host
 * that does not resolve, or one that resolves to a private, loopback or link-local address the
 * platform does not allow — every address, not only the first, since any may be used.
 */
export async function checkWebhookUrl(raw: string, f: FetchConfig): Promise<URL> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new RuleBroken('Webhook 地址不是有效的网址', { reason: 'scheme' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new RuleBroken(`Webhook 地址只能使用 http 或 https，不能使用 ${u.protocol.slice(0, -1)}`, { reason: 'scheme' });
  if (u.username || u.password) throw new RuleBroken('Webhook 地址中不得包含用户名或密码；请用签名密钥验证来源', { reason: 'scheme' });
  const name = stripDot(u.hostname.replace(/^\[|\]$/g, ''));
  let addresses: string[];
  if (net.isIP(name)) addresses = [name];
  else {
    try {
      addresses = await lookup(name);
    } catch (e) {
      throw new RuleBroken(`无法解析 Webhook 主机 ${u.hostname}（${(e as { code?: string }).code ?? (e as Error).message}），请检查地址`, {
        reason: 'dns',
        host: u.hostname,
      });
    }
  }
  for (const address of addresses) {
    const kind = kindOf(address);
    if (kind === 'public') continue;
    const what = net.isIP(name) ? `地址 ${address}` : `主机 ${u.hostname} 解析到的地址 ${address}`;
    if (kind === 'reserved') throw new RuleBroken(`Webhook ${what} 是${kindLabel[kind]}，不允许`, { reason: 'address', host: u.hostname, address });
    if (privateAllowed(u.hostname, f)) continue;
    throw new RuleBroken(
      `Webhook ${what} 是${kindLabel[kind]}，已拒绝：平台不向内网、本机或链路本地地址推送。` +
        '如确需推送到政务内网的服务，请由管理员开启 JUTONG_FETCH_ALLOW_PRIVATE，并将该主机列入 JUTONG_FETCH_ALLOW_HOSTS',
      { reason: 'address', host: u.hostname, address, kind },
    );
  }
  return u;
}

// --- Sending ---------------------------------------------------------------------------------

type Outcome = { httpStatus: number | null; error: string | null; verdict: 'succeeded' | 'retry' | 'gave_up' };

const excerpt = (b: Buffer) =>
  b
    .toString('utf8', 0, 300)
    .replace(/\p{Cc}+/gu, ' ')
    .trim()
    .slice(0, 200);

/** One attempt: POST the stored body, freshly signed. */
async function send(d: Claimed, f: FetchConfig, timeoutMs: number): Promise<Outcome> {
  if (d.cancelled) return { httpStatus: null, error: '订阅已取消，不再推送', verdict: 'gave_up' };
  if (d.grantState !== 'active')
    return { httpStatus: null, error: `共享授权${d.grantState === 'revoked' ? '已撤销' : '已过期'}，不再推送`, verdict: 'gave_up' };
  if (!d.webhookUrl || !d.webhookSecret) return { httpStatus: null, error: '订阅没有 Webhook 地址', verdict: 'gave_up' };
  let host: string;
  try {
    host = new URL(d.webhookUrl).hostname;
  } catch {
    return { httpStatus: null, error: 'Webhook 地址无效', verdict: 'gave_up' };
  }
  const policy: FetchPolicy = { allowHosts: ['*'], allowPrivate: privateAllowed(host, f), maxBytes: MAX_RESPONSE_BYTES, timeoutMs, maxRedirects: 0 };
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const res = await safeFetch(
      d.webhookUrl,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Jutong-Webhook/1',
          'x-jutong-event': d.event,
          'x-jutong-delivery': d.id,
          'x-jutong-attempt': String(d.attempts),
          'x-jutong-timestamp': timestamp,
          'x-jutong-signature': signWebhook(d.webhookSecret, timestamp, d.body),
        },
        body: d.body,
      },
      policy,
    );
    const s = res.status;
    if (s >= 200 && s < 300) return { httpStatus: s, error: null, verdict: 'succeeded' };
    const said = excerpt(res.body);
    const tail = said ? `：${said}` : '';
    if (s >= 500 || s === 408 || s === 429) return { httpStatus: s, error: `接收方返回 HTTP ${s}${tail}`, verdict: 'retry' };
    if (s >= 300 && s < 400) return { httpStatus: s, error: `接收方返回重定向 HTTP ${s}；Webhook 不跟随重定向，请填写最终地址`, verdict: 'gave_up' };
    return { httpStatus: s, error: `接收方拒绝了推送（HTTP ${s}${tail}），不再重试：4xx 表示请求本身不被接受（408、429 除外）`, verdict: 'gave_up' };
  } catch (e) {
    if (!(e instanceof FetchRefused)) return { httpStatus: null, error: (e as Error).message, verdict: 'retry' };
    // A refusal by policy will not change by waiting; a network failure or a timeout may.
    if (e.reason === 'redirect') return { httpStatus: null, error: '接收方返回重定向；Webhook 不跟随重定向，请填写最终地址', verdict: 'gave_up' };
    if (e.reason === 'scheme' || e.reason === 'host' || e.reason === 'address')
      return { httpStatus: null, error: `地址被拒绝：${e.message}`, verdict: 'gave_up' };
    return { httpStatus: null, error: e.message, verdict: 'retry' };
  }
}

/**
 * Sends every delivery that is due, until none is: claims one (FOR UPDATE SKIP LOCKED, so any
 * number of workers and server instances may run this), sends it, records the attempt and the
 * next try (backoff) or the end. Returns the attempts made. The timer calls it; tests call it.
 */
export async function drainWebhooks(db: Db, config: Pick<Config, 'fetch'>, opts: WebhookOptions = {}): Promise<{ attempts: number; succeeded: number }> {
  const backoff = opts.backoffMs ?? WEBHOOK_BACKOFF_MS;
  const { concurrency, timeoutMs, leaseMs } = { ...DEFAULTS, ...opts };
  const tally = { attempts: 0, succeeded: 0 };
  const worker = async () => {
    while (!opts.stopped?.()) {
      const d = await deliveries.claim(db, leaseMs);
      if (!d) return;
      const started = Date.now();
      const o = await send(d, config.fetch, timeoutMs);
      const more = o.verdict === 'retry' && d.attempts <= backoff.length;
      const outcome = o.verdict === 'retry' && !more ? 'gave_up' : o.verdict;
      const error = o.verdict === 'retry' && !more ? `${o.error}；已尝试 ${d.attempts} 次，放弃` : o.error;
      await db.transaction((tx) =>
        deliveries.record(tx, {
          id: d.id,
          attempt: d.attempts,
          durationMs: Date.now() - started,
          httpStatus: o.httpStatus,
          error,
          outcome,
          retryInMs: more ? backoff[d.attempts - 1] : null,
        }),
      );
      tally.attempts++;
      if (outcome === 'succeeded') tally.succeeded++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return tally;
}

/**
 * The background sender: a poll (unref'd, so it never keeps a process alive) plus a kick when a
 * notification is queued. Does nothing until started; stop() waits for the drain in progress.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopped = false;

  private readonly backoff: Backoff;

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'fetch'>,
    log: Log,
    private readonly opts: WebhookOptions = {},
  ) {
    this.backoff = new Backoff('sharing.webhooks', log, 15_000);
  }

  start(pollMs = 15_000): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.timer = setInterval(() => void (this.backoff.waiting || this.kick()), pollMs);
    this.timer.unref();
    void this.kick();
  }

  kick(): Promise<void> {
    if (!this.started || this.stopped) return Promise.resolve();
    if (this.busy) {
      this.again = true;
      return this.busy;
    }
    this.busy = (async () => {
      do {
        this.again = false;
        await drainWebhooks(this.db, this.config, { ...this.opts, stopped: () => this.stopped });
      } while (this.again && !this.stopped);
    })()
      // A database that is away, or a receiver's odd failure, must not become an unhandled rejection; the poll tries again.
      .then(
        () => this.backoff.succeeded(),
        (e) => {
          if (!this.stopped) this.backoff.failed(e);
        },
      )
      .finally(() => {
        this.busy = null;
      });
    return this.busy;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.busy;
  }
}
