import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { type FetchPolicy, FetchRefused, isPublicAddress, safeFetch } from './safe-fetch.js';

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type TestServer = { port: number; connections: number; requests: Seen[]; closed: number; close(): Promise<void> };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A real HTTP server on 127.0.0.1 that records every connection and request it sees. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, s: TestServer) => void): Promise<TestServer> {
  const server = http.createServer();
  const s: TestServer = {
    port: 0,
    connections: 0,
    closed: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (sock) => {
    s.connections++;
    sock.on('close', () => s.closed++);
  });
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      s.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      handler(req, res, s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  s.port = (server.address() as AddressInfo).port;
  servers.push(s);
  return s;
}

const policy = (p: Partial<FetchPolicy> = {}): FetchPolicy => ({
  allowHosts: ['127.0.0.1'],
  allowPrivate: false,
  maxBytes: 1 << 20,
  timeoutMs: 5_000,
  maxRedirects: 5,
  ...p,
});

async function refusal(p: Promise<unknown>): Promise<FetchRefused> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchRefused);
    return err as FetchRefused;
  }
  throw new Error('expected the fetch to be refused');
}

const hello = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('你好');
};

describe('safeFetch: addresses', () => {
  it('refuses loopback by default, before connecting', async () => {
    const s = await serve(hello);
    const err = await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy()));
    expect(err.reason).toBe('address');
    expect(err.message).toContain('127.0.0.1');
    expect(err.message).toContain('allowPrivate');
    expect(err.status).toBe(422);
    expect(s.connections).toBe(0);
  });

  it('fetches a private host that is on the list when allowPrivate is set', async () => {
    const s = await serve(hello);
    const r = await safeFetch(`http://127.0.0.1:${s.port}/data?x=1`, { headers: { Accept: 'text/plain' } }, policy({ allowPrivate: true }));
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('你好');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.url).toBe(`http://127.0.0.1:${s.port}/data?x=1`);
    expect(s.requests[0]).toMatchObject({ method: 'GET', url: '/data?x=1' });
    expect(s.requests[0].headers.host).toBe(`127.0.0.1:${s.port}`);
    expect(s.requests[0].headers.accept).toBe('text/plain');
  });

  it('refuses a host not on the list before any connection, naming what to configure', async () => {
    const s = await serve(hello);
    const err = await refusal(safeFetch(`http://localhost:${s.port}/`, {}, policy({ allowPrivate: true })));
    expect(err.reason).toBe('host');
    expect(err.message).toContain('localhost');
    expect(err.message).toContain('allowHosts');
    expect(s.connections).toBe(0);
  });

  it('refuses a name that resolves to 127.0.0.1 (localhost) unless allowPrivate; then connects to the vetted address', async () => {
    const s = await serve(hello);
    const err = await refusal(safeFetch(`http://localhost:${s.port}/`, {}, policy({ allowHosts: ['localhost'] })));
    expect(err.reason).toBe('address');
    expect(err.message).toMatch(/localhost.*(127\.0\.0\.1|::1)/);
    expect(s.connections).toBe(0);
    // localhost may resolve to ::1 first; nothing listens there, so the next vetted address is tried.
    const r = await safeFetch(`http://localhost:${s.port}/`, {}, policy({ allowHosts: ['localhost'], allowPrivate: true }));
    expect(r.body.toString()).toBe('你好');
    expect(s.requests[0].headers.host).toBe(`localhost:${s.port}`);
  });

  // What the WHATWG parser makes of each odd form, and that each is refused like the plain address.
  const oddForms: [string, string][] = [
    ['http://2130706433:PORT/', '127.0.0.1'],
    ['http://0x7f.1:PORT/', '127.0.0.1'],
    ['http://017700000001:PORT/', '127.0.0.1'],
    ['http://127.1:PORT/', '127.0.0.1'],
    ['http://0x7f000001:PORT/', '127.0.0.1'],
    ['http://127.000.000.001:PORT/', '127.0.0.1'],
    ['http://%31%32%37.0.0.1:PORT/', '127.0.0.1'],
    ['http://１２７.０.０.１:PORT/', '127.0.0.1'],
    ['http://[::1]:PORT/', '[::1]'],
    ['http://[::ffff:127.0.0.1]:PORT/', '[::ffff:7f00:1]'],
    ['http://[::ffff:7f00:1]:PORT/', '[::ffff:7f00:1]'],
    ['http://[::127.0.0.1]:PORT/', '[::7f00:1]'],
    ['http://[64:ff9b::127.0.0.1]:PORT/', '[64:ff9b::7f00:1]'],
    ['http://[2002:7f00:1::]:PORT/', '[2002:7f00:1::]'],
    ['http://0:PORT/', '0.0.0.0'],
    ['http://[::]:PORT/', '[::]'],
    ['http://169.254.169.254:PORT/', '169.254.169.254'],
    ['http://10.0.0.1:PORT/', '10.0.0.1'],
    ['http://100.64.0.1:PORT/', '100.64.0.1'],
  ];
  it.each(oddForms)('refuses %s (normalized to %s) even with every host allowed', async (form, normalized) => {
    const s = await serve(hello);
    const url = form.replace('PORT', String(s.port));
    expect(new URL(url).hostname).toBe(normalized);
    const err = await refusal(safeFetch(url, {}, policy({ allowHosts: ['*'] })));
    expect(err.reason).toBe('address');
    expect(s.connections).toBe(0);
  });

  it('refuses odd forms of a listed private address through the allow-list check too', async () => {
    const s = await serve(hello);
    for (const form of ['http://0x7f.1:PORT/', 'http://2130706433:PORT/', 'http://127.1:PORT/']) {
      const err = await refusal(safeFetch(form.replace('PORT', String(s.port)), {}, policy({ allowHosts: ['127.0.0.1'] })));
      expect(err.reason).toBe('address');
    }
    expect(s.connections).toBe(0);
  });

  it('refuses other schemes and credentials in the URL', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'gopher://127.0.0.1/', 'javascript:alert(1)', 'not a url', 'http://user:pw@127.0.0.1/']) {
      const err = await refusal(safeFetch(url, {}, policy({ allowHosts: ['*'], allowPrivate: true })));
      expect(err.reason).toBe('scheme');
    }
  });

  it('matches allow-list entries exactly or by subdomain suffix', async () => {
    const s = await serve(hello);
    const p = (allowHosts: string[]) => policy({ allowHosts, allowPrivate: true });
    const url = `http://localhost:${s.port}/`;
    for (const hosts of [['localhost'], ['LOCALHOST.'], ['*']]) expect((await safeFetch(url, {}, p(hosts))).status).toBe(200);
    for (const hosts of [['*.localhost'], ['localhost:1'], ['localhost/x'], ['evil@localhost'], ['calhost'], ['*.1'], []]) {
      expect((await refusal(safeFetch(url, {}, p(hosts)))).reason).toBe('host');
    }
    expect((await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, p(['*.0.0.1'])))).reason).toBe('host');
  });
});

describe('safeFetch: redirects', () => {
  it('refuses a redirect from an allowed host to one not on the list, without contacting it', async () => {
    const other = await serve(hello);
    const s = await serve((_req, res) => res.writeHead(302, { location: `http://localhost:${other.port}/secret` }).end());
    const err = await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true })));
    expect(err.reason).toBe('host');
    expect(err.message).toContain('重定向');
    expect(err.message).toContain('localhost');
    expect(s.requests).toHaveLength(1);
    expect(other.connections).toBe(0);
  });

  it('re-checks the scheme and the addresses on every hop', async () => {
    const s = await serve((_req, res) => res.writeHead(307, { location: 'file:///etc/passwd' }).end());
    expect((await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true })))).reason).toBe('scheme');
    // 0.0.0.0 reaches this machine on Linux; it is never fetchable, so the second hop is refused even with allowPrivate
    const s2 = await serve((_req, res) => res.writeHead(302, { location: `http://0.0.0.0:${s2.port}/again` }).end());
    const err = await refusal(safeFetch(`http://127.0.0.1:${s2.port}/`, {}, policy({ allowHosts: ['*'], allowPrivate: true })));
    expect(err.reason).toBe('address');
    expect(err.message).toContain('0.0.0.0');
    expect(s2.connections).toBe(1);
  });

  it('follows redirects, turns 303 into GET and keeps the method and body on 307', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/a') return res.writeHead(303, { location: '/b' }).end();
      if (req.url === '/c') return res.writeHead(307, { location: '/d' }).end();
      res.end(`${req.method} ${req.url}`);
    });
    const p = policy({ allowPrivate: true });
    const init = { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json' } };
    const r1 = await safeFetch(`http://127.0.0.1:${s.port}/a`, init, p);
    expect(r1.body.toString()).toBe('GET /b');
    expect(r1.url).toBe(`http://127.0.0.1:${s.port}/b`);
    expect(s.requests[1]).toMatchObject({ method: 'GET', body: '' });
    expect(s.requests[1].headers['content-type']).toBeUndefined();
    const r2 = await safeFetch(`http://127.0.0.1:${s.port}/c`, init, p);
    expect(r2.body.toString()).toBe('POST /d');
    expect(s.requests[3]).toMatchObject({ method: 'POST', body: '{"x":1}' });
  });

  it('drops credentials on a redirect to another origin', async () => {
    const other = await serve(hello);
    const s = await serve((_req, res) => res.writeHead(302, { location: `http://localhost:${other.port}/` }).end());
    const p = policy({ allowPrivate: true, allowHosts: ['127.0.0.1', 'localhost'] });
    await safeFetch(`http://127.0.0.1:${s.port}/`, { headers: { Authorization: 'Bearer k', 'X-Api-Key': 'k', Cookie: 'c=1', Accept: '*/*' } }, p);
    expect(s.requests[0].headers.authorization).toBe('Bearer k');
    const h = other.requests[0].headers;
    expect(h.authorization).toBeUndefined();
    expect(h['x-api-key']).toBeUndefined();
    expect(h.cookie).toBeUndefined();
    expect(h.accept).toBe('*/*');
  });

  it('stops a redirect loop at maxRedirects', async () => {
    const s = await serve((_req, res) => res.writeHead(301, { location: '/again' }).end());
    const err = await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true, maxRedirects: 3 })));
    expect(err.reason).toBe('redirect');
    expect(err.message).toContain('maxRedirects');
    expect(s.requests).toHaveLength(4);
    const none = await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true, maxRedirects: 0 })));
    expect(none.reason).toBe('redirect');
  });
});

describe('safeFetch: caps', () => {
  it('aborts an endless chunked body as soon as it passes maxBytes', async () => {
    let sent = 0;
    const s = await serve((_req, res) => {
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    const err = await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true, maxBytes: 100_000 })));
    expect(err.reason).toBe('size');
    expect(err.message).toContain('100000');
    expect(err.message).toContain('maxBytes');
    await expect.poll(() => s.closed).toBe(1); // the connection was cut, not drained
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses on a declared Content-Length above maxBytes without waiting for the body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('x'); // and then nothing: a refusal that waited for the body would time out
    });
    const t0 = Date.now();
    const err = await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true, maxBytes: 1000, timeoutMs: 3_000 })));
    expect(err.reason).toBe('size');
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const s = await serve((_req, res) => res.end(Buffer.alloc(1000, 'y')));
    const r = await safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true, maxBytes: 1000 }));
    expect(r.body.length).toBe(1000);
  });

  it('times out on a server that never answers', async () => {
    const s = await serve(() => {});
    const t0 = Date.now();
    const err = await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true, timeoutMs: 300 })));
    expect(err.reason).toBe('timeout');
    expect(err.status).toBe(504);
    expect(err.message).toContain('timeoutMs');
    expect(Date.now() - t0).toBeLessThan(2_000);
    await expect.poll(() => s.closed).toBe(1);
  });

  it('times out a body that trickles in, across redirect hops (one deadline for the whole fetch)', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/') return setTimeout(() => res.writeHead(302, { location: '/slow' }).end(), 200);
      const t = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(t));
    });
    const t0 = Date.now();
    const err = await refusal(safeFetch(`http://127.0.0.1:${s.port}/`, {}, policy({ allowPrivate: true, timeoutMs: 600 })));
    expect(err.reason).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(1_500);
  });

  it('reports a refused connection as a network failure', async () => {
    const s = await serve(hello);
    const port = s.port;
    await s.close();
    const err = await refusal(safeFetch(`http://127.0.0.1:${port}/`, {}, policy({ allowPrivate: true })));
    expect(err.reason).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('does not let the caller pick another Host or smuggle header lines', async () => {
    const s = await serve(hello);
    await safeFetch(`http://127.0.0.1:${s.port}/`, { headers: { Host: 'internal.example' } }, policy({ allowPrivate: true }));
    expect(s.requests[0].headers.host).toBe(`127.0.0.1:${s.port}`);
    await expect(safeFetch(`http://127.0.0.1:${s.port}/`, { headers: { 'X-A': 'a\r\nX-B: b' } }, policy({ allowPrivate: true }))).rejects.toThrow(/请求头/);
  });
});

describe('safeFetch: https', () => {
  const hasOpenssl = (() => {
    try {
      execFileSync('openssl', ['version']);
      return true;
    } catch {
      return false;
    }
  })();

  // Connecting by IP must still present the URL's name for SNI and check the certificate against it.
  it.skipIf(!hasOpenssl)('connects to the vetted address with the name as TLS servername, and verifies the certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jt-tls-'));
    try {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')],
        {
          stdio: 'ignore',
        },
      );
      const seen: string[] = [];
      const key = readFileSync(join(dir, 'k.pem'));
      const cert = readFileSync(join(dir, 'c.pem'));
      const ctx = createSecureContext({ key, cert });
      const SNICallback = (name: string, cb: (err: Error | null, c: SecureContext) => void) => {
        seen.push(name);
        cb(null, ctx);
      };
      const server = https.createServer({ key, cert, SNICallback }, (_req, res) => res.end('ok'));
      server.on('tlsClientError', () => {});
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      try {
        const p = policy({ allowHosts: ['localhost', '127.0.0.1'], allowPrivate: true });
        const byName = await refusal(safeFetch(`https://localhost:${port}/`, {}, p));
        expect(byName.reason).toBe('network'); // self-signed: refused, never silently accepted
        expect(byName.message).toMatch(/SELF_SIGNED|self[- ]signed/i);
        const byIp = await refusal(safeFetch(`https://127.0.0.1:${port}/`, {}, p));
        expect(byIp.reason).toBe('network');
        expect(seen).toEqual(['localhost']); // SNI sent for the name, none for the IP literal
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('isPublicAddress', () => {
  const publicOnes = [
    '8.8.8.8',
    '114.114.114.114',
    '223.5.5.5',
    '2400:3200::1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ];
  const notPublic = [
    '127.0.0.1',
    '127.1',
    '0x7f.1',
    '2130706433',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '240.0.0.1',
    '192.0.2.1',
    '198.18.0.1',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'fec0::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:0:7f00:1',
    '::7f00:1',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b:1::a00:1',
    '2002:7f00:1::',
    '2002:c0a8:101::1',
    '2001:0:4136:e378:8000:63bf:f5ff:fffe', // Teredo, client ~f5ff:fffe = 10.0.0.1
    '2001:db8::1',
    '100::1',
    '4000::1',
    'not-an-ip',
    '',
    'localhost',
  ];
  it.each(publicOnes)('%s is public', (ip) => expect(isPublicAddress(ip)).toBe(true));
  it.each(notPublic)('%s is not public', (ip) => expect(isPublicAddress(ip)).toBe(false));
});
