// Outbound HTTP for upstream APIs that departments register (and webhook delivery): only hosts on an
// allow-list, never private / loopback / link-local addresses unless the policy says so, re-checked on
// every redirect hop, with size and time caps. The connection goes to the very address that was
// checked (connect by IP, Host header and TLS servername set to the name), so a DNS answer that
// changes between check and connect (DNS rebinding) cannot steer the request elsewhere.
import dns from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError, InputError } from '../errors.js';

export type FetchPolicy = {
  /** Exact host (`api.example.gov.cn`, `10.1.2.3`, `[fd00::1]`), or `*.example.gov.cn` (subdomains only, not the apex); `*` = any host. */
  allowHosts: string[];
  /** Allow private, loopback, link-local, unique-local and carrier-grade-NAT addresses. */
  allowPrivate: boolean;
  /** Largest response body accepted, in bytes. */
  maxBytes: number;
  /** Deadline for the whole fetch: DNS, every hop, and reading the body. */
  timeoutMs: number;
  /** Redirects followed; one more is refused (0 = a redirect is refused). */
  maxRedirects: number;
};

type SafeResponse = { status: number; headers: Record<string, string>; body: Buffer; url: string /* final */ };

type FetchRefusedReason = 'scheme' | 'host' | 'address' | 'redirect' | 'size' | 'timeout' | 'network';

const STATUS: Record<FetchRefusedReason, [number, string]> = {
  scheme: [422, 'fetch_refused'],
  host: [422, 'fetch_refused'],
  address: [422, 'fetch_refused'],
  redirect: [422, 'fetch_refused'],
  size: [502, 'upstream_failed'],
  network: [502, 'upstream_failed'],
  timeout: [504, 'upstream_timeout'],
};

/** A fetch the policy refused or the upstream failed. Messages name the host (never the full URL: queries carry keys). */
export class FetchRefused extends DomainError {
  constructor(
    readonly reason: FetchRefusedReason,
    message: string,
    details: { host?: string; address?: string } = {},
  ) {
    super(STATUS[reason][0], STATUS[reason][1], message, { reason, ...details });
    this.name = 'FetchRefused';
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Set by us from the URL, or meaningless to pass through; a caller's Host would pick another virtual host on the vetted address. */
const DROPPED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-connection']);
/** What survives a redirect to another origin: nothing that could be a credential (Authorization, Cookie, X-Api-Key …). */
const CROSS_ORIGIN_HEADERS = new Set(['accept', 'accept-language', 'accept-encoding', 'user-agent', 'content-type', 'content-language']);
const BODY_HEADERS = ['content-type', 'content-language', 'content-encoding'];

export async function safeFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
  policy: FetchPolicy,
): Promise<SafeResponse> {
  checkPolicy(policy);
  let target = parseTarget(url, false);
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  let headers = cleanHeaders(init.headers ?? {});
  if (!headers['user-agent']) headers['user-agent'] = 'Jutong';

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const signal = controller.signal;
  const timeout = () =>
    new FetchRefused('timeout', `访问 ${target.host} 超时（超过 ${policy.timeoutMs} 毫秒）；如上游确实较慢，请调大 timeoutMs`, { host: target.hostname });
  try {
    for (let redirects = 0; ; redirects++) {
      checkHost(target, policy, redirects > 0);
      const addresses = await resolveChecked(target, policy, signal);
      const res = await send(target, addresses, method, headers, body, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        res.destroy();
        if (redirects >= policy.maxRedirects) {
          throw new FetchRefused('redirect', `${target.host} 的重定向超过上限 ${policy.maxRedirects} 次（可能是重定向循环）；如属正常，请调大 maxRedirects`, {
            host: target.hostname,
          });
        }
        let next: URL;
        try {
          next = new URL(location, target);
        } catch {
          throw new FetchRefused('redirect', `${target.host} 返回了无效的重定向地址`, { host: target.hostname });
        }
        next = parseTarget(next.href, true);
        if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          for (const h of BODY_HEADERS) delete headers[h];
        }
        if (next.origin !== target.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => CROSS_ORIGIN_HEADERS.has(k)));
        target = next;
        continue;
      }
      return { status, headers: flattenHeaders(res), body: await readBody(res, target, policy), url: target.href };
    }
  } catch (err) {
    if (err instanceof FetchRefused && err.reason !== 'network') throw err;
    if (signal.aborted) throw timeout();
    if (err instanceof DomainError) throw err;
    throw new FetchRefused('network', `访问 ${target.host} 失败：${describe(err)}`, { host: target.hostname });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True for an address a server may fetch without `allowPrivate`: global unicast only. Refuses private, loopback,
 * link-local, unique-local, unspecified, broadcast, carrier-grade NAT, multicast, documentation / reserved ranges,
 * IPv6 outside 2000::/3, and IPv4-mapped / 6to4 / Teredo / NAT64 addresses whose embedded IPv4 is not public.
 * Unparseable input is not public.
 */
export function isPublicAddress(ip: string): boolean {
  return classify(ip) === 'public';
}

type AddressClass = 'public' | 'private' | 'forbidden';

/** 'private' may be fetched with allowPrivate; 'forbidden' never (0.0.0.0, multicast, reserved …). */
function classify(ip: string): AddressClass {
  if (!ipaddr.isValid(ip)) return 'forbidden';
  const addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv4') return classifyV4(addr as ipaddr.IPv4);
  const v6 = addr as ipaddr.IPv6;
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const range = v6.range();
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d — the kernel connects to a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return classifyV4(v4(p[6], p[7]));
    case 'rfc6052': // NAT64 64:ff9b::a.b.c.d — the gateway connects to a.b.c.d
    case '6to4': // 2002:AABB:CCDD:: — the relay connects to AA.BB.CC.DD
      return classifyV4(range === '6to4' ? v4(p[1], p[2]) : v4(p[6], p[7])) === 'public' ? 'public' : 'forbidden';
    case 'teredo': // 2001:0:SERVER:…:~CLIENT
      return classifyV4(v4(p[2], p[3])) === 'public' && classifyV4(v4(~p[6] & 0xffff, ~p[7] & 0xffff)) === 'public' ? 'public' : 'forbidden';
    case 'loopback':
    case 'linkLocal':
    case 'uniqueLocal':
      return 'private';
    case 'unicast':
      // ipaddr.js calls everything it has no name for 'unicast'; only 2000::/3 is allocated global unicast
      // (this also refuses the deprecated IPv4-compatible ::a.b.c.d, which ipaddr.js calls unicast).
      return (p[0] & 0xe000) === 0x2000 ? 'public' : 'forbidden';
    default:
      return 'forbidden';
  }
}

function classifyV4(addr: ipaddr.IPv4): AddressClass {
  const range = addr.range();
  if (range === 'unicast') return 'public';
  if (range === 'private' || range === 'loopback' || range === 'linkLocal' || range === 'carrierGradeNat') return 'private';
  return 'forbidden';
}

function checkPolicy(p: FetchPolicy) {
  const ok = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;
  if (!Array.isArray(p.allowHosts) || !ok(p.maxBytes, 0) || !ok(p.timeoutMs, 1) || !ok(p.maxRedirects, 0)) {
    throw new Error('safeFetch: invalid FetchPolicy (allowHosts array; maxBytes, maxRedirects ≥ 0 and timeoutMs ≥ 1 integers)');
  }
}

/** http(s) only, no credentials in the URL; the host comes back normalized by the WHATWG parser (127.1 → 127.0.0.1, 中国 → xn--). */
function parseTarget(raw: string, redirected: boolean): URL {
  const via = redirected ? '重定向目标' : '地址';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchRefused('scheme', `${via}不是有效的 URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchRefused('scheme', `${via}使用了 ${u.protocol.replace(/:$/, '')} 协议，只允许 http 或 https`, { host: u.hostname });
  }
  if (u.username || u.password) {
    throw new FetchRefused('scheme', `${via}（${u.host}）中不得包含用户名或密码；请改用请求头（如 Authorization）传递凭据`, { host: u.hostname });
  }
  if (!u.hostname) throw new FetchRefused('scheme', `${via}缺少主机名`);
  return u;
}

const bare = (hostname: string) => (hostname.startsWith('[') ? hostname.slice(1, -1) : hostname);
const stripDot = (h: string) => (h.endsWith('.') ? h.slice(0, -1) : h);

function checkHost(u: URL, policy: FetchPolicy, redirected: boolean) {
  const host = stripDot(u.hostname);
  if (hostAllowed(host, policy.allowHosts)) return;
  const via = redirected ? '重定向到的主机' : '主机';
  throw new FetchRefused(
    'host',
    `${via} ${host} 不在允许访问的主机列表中；如需访问，请在 allowHosts 中加入 "${host}"（或 "*.${host.split('.').slice(1).join('.') || host}"）`,
    {
      host,
    },
  );
}

function hostAllowed(host: string, allowHosts: string[]): boolean {
  const isIp = net.isIP(bare(host)) !== 0;
  for (const raw of allowHosts) {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    if (entry.startsWith('*.')) {
      const suffix = normalizeEntry(entry.slice(2));
      if (suffix && !isIp && host.endsWith(`.${suffix}`)) return true;
    } else if (normalizeEntry(entry) === host) {
      return true;
    }
  }
  return false;
}

/** An allow-list entry in the form the URL parser gives hostnames; anything with a port, path, user or other junk never matches. */
function normalizeEntry(entry: string): string | null {
  if (!/^(\[[0-9a-f:.]+\]|[^\s/\\?#@:[\]%*]+)$/.test(entry)) return null;
  try {
    return stripDot(new URL(`http://${entry}/`).hostname);
  } catch {
    return null;
  }
}

/** Every address the name resolves to must pass, not only the first: the connection may use any of them. */
async function resolveChecked(u: URL, policy: FetchPolicy, signal: AbortSignal): Promise<string[]> {
  const name = bare(u.hostname);
  let addresses: string[];
  if (net.isIP(name)) {
    addresses = [name];
  } else {
    try {
      addresses = (await withAbort(dns.promises.lookup(name, { all: true }), signal)).map((a) => a.address);
    } catch (err) {
      if (signal.aborted) throw err;
      throw new FetchRefused('network', `无法解析主机 ${u.hostname}：${describe(err)}`, { host: u.hostname });
    }
    if (addresses.length === 0) throw new FetchRefused('network', `主机 ${u.hostname} 没有解析到任何地址`, { host: u.hostname });
  }
  for (const address of addresses) {
    const cls = classify(address);
    if (cls === 'public' || (cls === 'private' && policy.allowPrivate)) continue;
    const what = net.isIP(name) ? `地址 ${address}` : `主机 ${u.hostname} 解析到的地址 ${address}`;
    throw new FetchRefused(
      'address',
      cls === 'private'
        ? `${what} 属于内网、回环或链路本地地址，已拒绝访问；如确需访问内网服务，请将该主机列入 allowHosts 并开启 allowPrivate`
        : `${what} 属于保留、组播或未指定地址，不允许访问`,
      { host: u.hostname, address },
    );
  }
  return addresses;
}

function withAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Try the vetted addresses in order; move on only when the connection itself failed (nothing was sent). */
async function send(
  target: URL,
  addresses: string[],
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  for (let i = 0; ; i++) {
    try {
      return await attempt(target, addresses[i], method, headers, body, signal);
    } catch (err) {
      const notConnected = (err as { notConnected?: boolean }).notConnected;
      if (signal.aborted) throw err;
      if (notConnected && i < addresses.length - 1) continue;
      throw new FetchRefused('network', `连接 ${target.host}（${addresses[i]}）失败：${describe(err)}`, { host: target.hostname, address: addresses[i] });
    }
  }
}

function attempt(
  target: URL,
  address: string,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = target.protocol === 'https:';
    const name = stripDot(bare(target.hostname));
    let connected = false;
    const req = (secure ? https : http).request({
      host: address, // the vetted address itself: no second DNS lookup
      port: target.port ? Number(target.port) : secure ? 443 : 80,
      method,
      path: `${target.pathname}${target.search}`,
      headers: { ...headers, host: target.host, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) },
      agent: false, // no pooled socket: one connected under another policy must not be reused
      signal,
      // TLS: SNI and certificate check against the name in the URL; for an IP literal, against the IP.
      ...(secure ? { servername: net.isIP(name) ? '' : name } : {}),
    });
    req.once('socket', (s) => s.once('connect', () => (connected = true)));
    req.once('response', resolve);
    req.on('error', (err) => reject(Object.assign(err, { notConnected: !connected })));
    req.end(body);
  });
}

/** Refuse as soon as the cap is crossed: on the declared Content-Length, or on the bytes that have arrived. */
async function readBody(res: IncomingMessage, target: URL, policy: FetchPolicy): Promise<Buffer> {
  const tooBig = () =>
    new FetchRefused('size', `${target.host} 的响应超过 ${policy.maxBytes} 字节上限；如确需更大的响应，请调大 maxBytes`, { host: target.hostname });
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > policy.maxBytes) {
    res.destroy();
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > policy.maxBytes) {
      res.destroy();
      throw tooBig();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function cleanHeaders(input: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    const key = k.toLowerCase();
    if (DROPPED_HEADERS.has(key)) continue;
    try {
      http.validateHeaderName(key);
      http.validateHeaderValue(key, v);
    } catch {
      throw new InputError(`请求头 ${JSON.stringify(k)} 的名称或值无效`);
    }
    out[key] = String(v);
  }
  return out;
}

function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code}${e.message && !e.message.includes(e.code) ? ` ${e.message}` : ''}` : (e?.message ?? String(err));
}
