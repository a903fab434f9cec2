import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery, beyond the cookie's SameSite (sibling sites under one government domain are the
 * same "site"): a write is refused when the browser says it comes from another origin. Browsers send Origin with
 * every cross-origin POST and Sec-Fetch-Site with every request; a client that is not a browser sends neither.
 * A form can only send text/plain, urlencoded or multipart without a CORS preflight (never granted here), so
 * requiring JSON for every body but an upload's also stops what a browser that hides its origin could forge;
 * uploads (any content type) rely on the origin check.
 */
export function refuseCrossSite(req: FastifyRequest): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && !sameHost(origin, req.host))) {
    throw new DomainError(
      403,
      'cross_site',
      `拒绝跨站请求：请求来自 ${origin ?? '其他站点'}，不是本平台（${req.host}）的页面。请在本平台的页面上操作；程序调用请用 API 密钥（Authorization: Bearer），不带 Origin 头`,
    );
  }
  const type = req.headers['content-type'];
  if (hasBody(req) && !req.routeOptions.config?.fileBody && !isJson(type)) {
    throw new DomainError(415, 'unsupported_media_type', `请求体应为 JSON：请设置 Content-Type: application/json（收到的是 ${type ?? '无类型'}）`);
  }
}

const hasBody = (req: FastifyRequest) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
const isJson = (type: string | undefined) => type !== undefined && /^application\/json\s*(;|$)/i.test(type);

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * Whether an Origin names this server: its host (as the request names it, or the trusted proxy's
 * X-Forwarded-Host) and port, a default port written or not. The scheme is not compared: behind a proxy that
 * ends TLS the request itself is plain http. `Origin: null` (a sandboxed frame, a redirect) is never this server.
 */
export function sameHost(origin: string, host: string): boolean {
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  const m = /^(.*?)(?::(\d+))?$/.exec(host.toLowerCase());
  if (!m || !o.host) return false;
  const port = DEFAULT_PORT[o.protocol] ?? '';
  return o.hostname === m[1] && (o.port || port) === (m[2] ?? port);
}
