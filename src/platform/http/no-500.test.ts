import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testConfig } from '../../../test/config.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { makeCreditCode } from '../../demo/credit-code-gen.js';
import { verifyAuditChain } from '../audit/verify.js';
import { sessions } from '../auth/store.js';
import { newToken, SESSION_PREFIX, tokenHash } from '../auth/tokens.js';

// "A bad input never becomes a 500, and never half-writes anything" (DESIGN.md, Conventions), checked against
// every operation the OpenAPI document lists, as every kind of caller, with fast-check generated garbage: wrong
// types, nasty text, huge and deeply nested bodies, wrong content types, garbage path parameters and query strings.
// Half of each body is shaped by the operation's own schema (its field names, enums, patterns, real ids), so the
// garbage gets past validation into the services and the database, where 500s live.

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const WHO = ['anonymous', 'bad-token', 'gaj_user', 'admin', 'auditor'] as const;
type Who = (typeof WHO)[number];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** POSTs that add a row to a table whose count we check at the end. */
const CREATES: Record<string, 'catalog_resources' | 'users' | 'departments'> = {
  '/api/v1/catalog/resources': 'catalog_resources',
  '/api/v1/users': 'users',
  '/api/v1/departments': 'departments',
};
const COUNTED = ['catalog_resources', 'users', 'departments'] as const;
/** Actions that run after another one succeeded (a job, an event subscriber), never on their own from a request. */
const FOLLOW_UPS = new Set(['catalog.resource.import', 'catalog.classification.department.ensure', 'bases.feed.merge']);
/** The messages of src/platform/http/errors.ts for a write the database refused: a check the action is missing. */
const DB_REFUSALS = ['引用的记录不存在', '记录已存在', '数据不符合约束', '文本含有无法保存的字符', '日期时间超出范围'];

const ErrorBody = z.strictObject({ error: z.strictObject({ code: z.string().min(1), message: z.string().min(1), details: z.unknown().optional() }) });

type Schema = Record<string, any>;
type Operation = { method: string; path: string; op: Schema };
type Payload = { contentType?: string; payload?: string | Buffer; note: string };
type Req = { url: string; payload: Payload; headers: Record<string, string>; remoteAddress: string };

// --- garbage -----------------------------------------------------------------------------------------------

const HUGE = 'A'.repeat(100_000);
const HUGE_CN = '政务数据'.repeat(8_000);
const NASTY = [
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '1); SELECT pg_sleep(10); --',
  '$$; DROP TABLE audit_log; $$',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udc00y',
  '😀👨‍👩‍👧‍👦🇨🇳',
  '公安局户籍人口信息',
  '',
  ' ',
  '\t\r\n',
  '../../etc/passwd',
  '%00',
  '%ZZ',
  '<script>alert(1)</script>',
  '$' + '{jndi:ldap://x/a}', // log4shell-style lookup
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '\u202e\u200b\ufeff',
  'ｆｕｌｌ　ｗｉｄｔｈ',
  '101/370300002-00001',
  'x'.repeat(5000),
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)); // lone surrogates included
const garbageString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: 'grapheme' }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: codeUnit }) },
  { weight: 1, arbitrary: fc.constantFrom(HUGE, HUGE_CN) },
);
const garbageNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(-1, 0, -0, 0.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const garbageKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'a\u0000b', '\ud800', '$where', 'toString'),
);
const garbageLeaf = fc.oneof(garbageString, garbageNumber, fc.boolean(), fc.constant(null));
const garbageValue = (depth: number): fc.Arbitrary<unknown> =>
  depth > 2
    ? garbageLeaf
    : fc.oneof(
        { weight: 5, arbitrary: garbageLeaf },
        {
          weight: 1,
          arbitrary: fc.array(
            fc.constant(null).chain(() => garbageValue(depth + 1)),
            { maxLength: 4 },
          ),
        },
        {
          weight: 1,
          arbitrary: fc.dictionary(
            garbageKey,
            fc.constant(null).chain(() => garbageValue(depth + 1)),
            { maxKeys: 4 },
          ),
        },
      );

const nest = (open: string, inner: string, close: string, n: number) => open.repeat(n) + inner + close.repeat(n);
const RAW: Payload[] = [
  { contentType: 'application/json', payload: '{"a":', note: 'malformed JSON' },
  { contentType: 'application/json', payload: '', note: 'empty JSON' },
  { contentType: 'application/json', payload: 'nul', note: 'truncated literal' },
  { contentType: 'application/json', payload: nest('[', '', ']', 10_000), note: 'arrays 10000 deep' },
  { contentType: 'application/json', payload: nest('{"a":', '1', '}', 10_000), note: 'objects 10000 deep' },
  { contentType: 'application/json', payload: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}', note: 'prototype poisoning' },
  { contentType: 'application/json', payload: `{"name":"${'\\u0000'.repeat(3)}","id":"\\ud800"}`, note: 'escaped NUL and lone surrogate' },
  {
    contentType: 'application/json',
    payload: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xb9, 0xab, 0xb0, 0xb2, 0xff, 0xfe, 0x22, 0x7d]),
    note: 'GBK bytes as JSON',
  },
  { contentType: 'application/json; charset=utf-16', payload: Buffer.from('{"a":1}', 'utf16le'), note: 'UTF-16 JSON' },
  { contentType: 'text/plain', payload: 'hello 你好', note: 'text/plain' },
  {
    contentType: 'application/xml',
    payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    note: 'XML with an entity',
  },
  { contentType: 'application/x-www-form-urlencoded', payload: 'username=admin&password=x&__proto__[a]=1', note: 'form' },
  { contentType: 'multipart/form-data; boundary=zz', payload: '--zz\r\nContent-Disposition: form-data; name="file"\r\n\r\nxx\r\n--zz--', note: 'multipart' },
  { contentType: XLSX, payload: Buffer.from('PK\u0003\u0004 not really a zip'), note: 'broken xlsx' },
  { contentType: XLSX, payload: Buffer.alloc(0), note: 'empty xlsx' },
  { contentType: 'application/octet-stream', payload: Buffer.from([0, 1, 2, 255, 254]), note: 'octet-stream' },
  { contentType: 'application/json', payload: JSON.stringify({ name: HUGE, items: Array.from({ length: 2000 }, () => ({ name: 'x' })) }), note: 'big JSON' },
  { contentType: 'text/html', payload: '<b>x</b>', note: 'text/html' },
  { contentType: 'garbage', payload: 'x', note: 'nonsense content type' },
];

// --- generators shaped by the operation's own schema -----------------------------------------------------

type Reals = Record<string, unknown[]>;
type Valid = Record<string, fc.Arbitrary<Record<string, unknown>>>;

/** Every path from the root to a leaf (a non-container value). */
function leafPaths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.length ? v.flatMap((x, i) => leafPaths(x, [...at, i])) : [at];
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length ? entries.flatMap(([k, x]) => leafPaths(x, [...at, k])) : [at];
  }
  return [at];
}
function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as typeof cur;
  cur[path[path.length - 1]] = value;
  return copy;
}

/** A valid body, then one thing wrong with it: a leaf replaced by garbage, a field dropped, an unknown field added. */
const mutant = (valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> =>
  valid.chain((b) => {
    const paths = leafPaths(b);
    const keys = Object.keys(b);
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant(b) },
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...paths), garbageValue(1)).map(([path, v]) => setAt(b, path, v)) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...NASTY)).map(([path, v]) => setAt(b, path, v)) },
      { weight: 1, arbitrary: fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(b).filter(([key]) => key !== k))) },
      { weight: 1, arbitrary: fc.tuple(garbageKey, garbageValue(1)).map(([k, v]) => ({ ...b, [k]: v })) },
    );
  });

function makeArbs(doc: Schema, reals: Reals, valid: Valid) {
  const resolve = (s: Schema): Schema => {
    let cur = s;
    for (let i = 0; cur?.$ref && i < 10; i++) cur = doc.components?.schemas?.[String(cur.$ref).split('/').pop() as string] ?? {};
    return cur ?? {};
  };

  const stringArb = (s: Schema): fc.Arbitrary<unknown> => {
    if (s.format === 'uuid') return fc.uuid();
    const max = Math.min(s.maxLength ?? 40, 60);
    const min = Math.min(s.minLength ?? 0, max);
    if (typeof s.pattern === 'string') {
      try {
        return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY));
      } catch {}
    }
    return fc.oneof(fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }), fc.string({ minLength: min, maxLength: max }));
  };

  const typedArb = (s: Schema, name: string | undefined, depth: number): fc.Arbitrary<unknown> | null => {
    s = resolve(s);
    if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
    if (s.const !== undefined) return fc.constant(s.const);
    const alts = s.anyOf ?? s.oneOf;
    if (Array.isArray(alts)) return fc.oneof(...alts.map((a: Schema) => valueArb(a, name, depth)));
    switch (s.type) {
      case 'string':
        return stringArb(s);
      case 'integer':
        return fc.integer({ min: Math.max(s.minimum ?? -5, -1_000_000), max: Math.min(s.maximum ?? 1000, 1_000_000) });
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        if (depth > 3) return fc.constant([]);
        const minLength = Math.min(s.minItems ?? 0, 2);
        return fc.array(valueArb(s.items ?? {}, name, depth + 1), { minLength, maxLength: Math.max(minLength, 3) });
      }
      case 'object': {
        if (depth > 3 || !s.properties) return fc.constant({});
        const props = Object.entries(s.properties as Record<string, Schema>);
        return fc.record(Object.fromEntries(props.map(([k, v]) => [k, valueArb(v, k, depth + 1)])), {
          requiredKeys: (s.required ?? []).filter((k: string) => k in s.properties),
        });
      }
    }
    return null;
  };

  /** Mostly a value of the declared shape (or a real one by that field's name), sometimes garbage. */
  const valueArb = (s: Schema | undefined, name: string | undefined, depth: number): fc.Arbitrary<unknown> => {
    const options: fc.WeightedArbitrary<unknown>[] = [{ weight: 1, arbitrary: garbageValue(depth) }];
    const real = name ? reals[name] : undefined;
    if (real?.length) options.push({ weight: 3, arbitrary: fc.constantFrom(...real) });
    const typed = s ? typedArb(s, name, depth) : null;
    if (typed) options.push({ weight: 4, arbitrary: typed });
    return fc.oneof(...options);
  };

  const json = (v: unknown, note: string): Payload => ({ contentType: 'application/json', payload: JSON.stringify(v) ?? 'null', note });

  const bodyArb = (op: Schema): fc.Arbitrary<Payload> => {
    const schema = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
    const options: fc.WeightedArbitrary<Payload>[] = [
      { weight: 2, arbitrary: garbageValue(0).map((v) => json(v, 'garbage JSON')) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW) },
      { weight: 1, arbitrary: fc.constant({ note: 'no body' }) },
      { weight: 1, arbitrary: fc.constantFrom(null, [], 0, 'x', true, HUGE).map((v) => json(v, 'wrong type')) },
    ];
    if (schema) options.push({ weight: 4, arbitrary: valueArb(schema, undefined, 0).map((v) => json(v, 'schema-shaped')) });
    const good = valid[op.operationId];
    if (good) options.push({ weight: 6, arbitrary: mutant(good).map((v) => json(v, 'valid body, mutated')) });
    if (op.operationId === 'catalog.import.start')
      options.push({
        weight: 5,
        arbitrary: fc.constantFrom(...(reals.__workbooks as Buffer[])).map((b) => ({ contentType: XLSX, payload: b, note: 'workbook' })),
      });
    return fc.oneof(...options);
  };

  const enc = (v: string, raw: boolean) => (raw ? v : percentEncode(v));
  const queryValue = (s: Schema | undefined, name: string) =>
    fc.oneof(
      valueArb(s, name, 2).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
      fc.constantFrom('-1', '0', '100000', '1.5', '', 'true', '%ZZ', '%00', 'x'.repeat(5000), '公安', "' OR 1=1 --"),
    );

  const queryArb = (op: Schema): fc.Arbitrary<string> => {
    const declared = ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'query');
    const pair = (name: string, s?: Schema) => fc.tuple(fc.constant(name), queryValue(s, name), fc.boolean());
    const declaredPairs = declared.map((p) => fc.option(pair(p.name, p.schema), { nil: undefined }));
    const extras = fc.array(
      fc.oneof(
        pair('page'),
        pair('pageSize'),
        pair('q'),
        fc.tuple(fc.constantFrom('__proto__[x]', 'constructor[prototype][y]', 'a[]', 'q', '%ZZ', '', '测'), garbageString, fc.boolean()),
      ),
      { maxLength: 3 },
    );
    return fc.tuple(fc.tuple(...declaredPairs), extras).map(([d, e]) => {
      const pairs = [...d.filter((x) => x !== undefined), ...e] as [string, string, boolean][];
      // raw: sent as is, so `%ZZ` stays a broken escape; otherwise percent-encoded
      return pairs.map(([k, v, raw]) => `${enc(k, raw)}=${enc(v, raw && v.length < 100)}`).join('&');
    });
  };

  const pathArb = (path: string): fc.Arbitrary<string> => {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const value = (name: string) =>
      fc.oneof(
        fc.uuid(),
        fc.constantFrom(
          'not-a-uuid',
          '../../etc',
          '..%2F..%2Fetc%2Fpasswd',
          '%00',
          '%ZZ',
          'x'.repeat(150),
          'x'.repeat(5000),
          encodeURIComponent('公安局户籍人口'),
          encodeURIComponent('😀'),
          encodeURIComponent("'; DROP TABLE users; --"),
          '0',
          '-1',
          '',
        ),
        fc.constantFrom(...((reals[`path:${name}`] ?? ['x']) as string[])),
      );
    return fc.tuple(...names.map(value)).map((vals) => {
      let i = 0;
      return path.replace(/\{([^}]+)\}/g, () => vals[i++]);
    });
  };

  return { bodyArb, queryArb, pathArb };
}

/** encodeURIComponent, except that a lone surrogate is sent as its WTF-8 bytes instead of throwing. */
function percentEncode(v: string): string {
  let out = '';
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff)
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

// --- the run -------------------------------------------------------------------------------------------------

const clip = (s: string, n = 240) => (s.length > n ? `${s.slice(0, n)}…(${s.length})` : s);
const preview = (p: Payload) =>
  `${p.note}${p.contentType ? ` [${p.contentType}]` : ''} ${p.payload === undefined ? '' : clip(Buffer.isBuffer(p.payload) ? `<${p.payload.length} bytes>` : p.payload, 200)}`;

describe.each(engines())('no bad input yields a 500 or a half-write, on %s', (engine) => {
  let p: TestPlatform;
  let ops: Operation[] = [];
  let doc: Schema;
  const reals: Reals = {};
  let valid: Valid = {};
  const users: Record<string, string> = {};
  let badHeaders: Record<string, string>[] = [];
  const before: Record<string, number> = {};
  const created: Record<string, number> = { catalog_resources: 0, users: 0, departments: 0 };
  const writes2xx: string[] = [];
  const refusals = new Set<string>();

  const auditHead = async () => Number((await p.db.query<{ seq: string }>('SELECT seq::int8 AS seq FROM audit_head WHERE id = 1'))[0].seq);
  const count = async (table: string) => Number((await p.db.query<{ n: string }>(`SELECT count(*)::int8 AS n FROM ${table}`))[0].n);
  const freshSession = async (username: string, hours = 1) => {
    const token = newToken(SESSION_PREFIX);
    await sessions.insert(p.db, tokenHash(token), users[username], hours, '127.0.0.1');
    return token;
  };

  beforeAll(async () => {
    p = await testPlatform(engine);
    // Log everyone in before any garbage login can count toward 127.0.0.1's failure limit.
    for (const u of ['gaj_user', 'admin', 'auditor']) await p.token(u);
    doc = (await p.http.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Schema>))
      for (const [method, op] of Object.entries(item)) if (!path.startsWith('/api/docs')) ops.push({ method: method.toUpperCase(), path, op });
    ops = ops.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));

    const all = (await p.api('admin', 'GET', '/api/v1/users?pageSize=200')).body.items as { id: string; username: string }[];
    for (const u of all) users[u.username] = u.id;
    const depts = (await p.api('admin', 'GET', '/api/v1/departments')).body as { id: string; code: string; creditCode: string; name: string }[];
    const mzj = depts.find((d) => d.code === '370300003') ?? depts[1];
    const res = (await p.api('admin', 'GET', '/api/v1/catalog/resources?scope=all&pageSize=5')).body.items as { id: string; code: string }[];
    const own = (await p.api('gaj_user', 'GET', '/api/v1/catalog/resources?scope=mine&pageSize=5')).body.items as { id: string; code: string }[];
    const elements = (await p.api('admin', 'GET', '/api/v1/catalog/data-elements?pageSize=5')).body.items as { identifier: string }[];
    const tree = (await p.api('admin', 'GET', '/api/v1/catalog/classifications')).body as { code: string; children?: unknown[] }[];
    const codes: string[] = [];
    const walk = (ns: { code: string; children?: unknown[] }[]) => {
      for (const n of ns) {
        codes.push(n.code);
        walk((n.children ?? []) as typeof ns);
      }
    };
    walk(tree);
    const key = (await p.api('gaj_user', 'POST', '/api/v1/auth/api-keys', { name: '模糊测试' })).body as { id: string };
    const template = (
      await p.http.inject({ method: 'GET', url: '/api/v1/catalog/import-template', headers: { authorization: `Bearer ${await p.token('gaj_user')}` } })
    ).rawPayload;
    const corrupt = Buffer.from(template);
    for (let i = 200; i < corrupt.length; i += 97) corrupt[i] ^= 0x5a;
    const job = (
      await p.http.inject({
        method: 'POST',
        url: '/api/v1/catalog/imports?stage=draft',
        payload: template,
        headers: { authorization: `Bearer ${await p.token('gaj_user')}`, 'content-type': XLSX },
      })
    ).json() as { jobId: string };

    // Real values, by field or path-parameter name: the fuzzer mixes them in so requests reach real rows.
    // No real username is used for logins: garbage logins may lock only accounts that do not exist.
    Object.assign(reals, {
      'path:id': [res[0].id, own[0].id, own.at(-1)?.id, users.mzj_user, mzj.id, key.id, job.jobId],
      'path:identifier': [elements[0].identifier, 'DE00001'],
      'path:*': [res[0].code, encodeURIComponent(res[0].code), `${res[0].code}/extra`],
      id: [res[0].id, users.mzj_user],
      departmentId: [mzj.id],
      parentId: [mzj.id, null],
      provider: [mzj.id],
      providerDepartmentId: [mzj.id],
      classification: codes,
      parentCode: codes,
      dataElement: [elements[0].identifier],
      relatedCodes: res.map((r) => r.code),
      code: [mzj.code, 'ABC123'],
      creditCode: [mzj.creditCode, '91370300MA3C8TQX2B'],
      name: [mzj.name, '测试部门名称'],
      username: ['nobody_here', 'ghost.user'],
      password: ['Wrong1234', testConfig.demoPassword],
      stage: ['draft', 'submit', 'publish'],
      version: [1, 2, 99],
      from: [1, 2],
      to: [1, 2],
      __workbooks: [template, corrupt, template.subarray(0, template.length >> 1)],
    });
    // Valid bodies for the writes, which the fuzzer then breaks in one place each.
    const text = (prefix: string) => fc.stringMatching(/^[a-z0-9]{6}$/).map((x) => `${prefix}${x}`);
    const entry = {
      name: '模糊测试户籍迁移登记信息',
      classification: '101',
      abstract: '记录全市户籍人口迁入迁出登记情况，包括迁移原因、迁出地和迁入地。',
      format: 'database',
      formatType: 'KingbaseES',
      items: [
        { name: '姓名', dataElement: elements[0].identifier, type: 'string', length: 50 },
        { name: '迁移原因', dataElement: null, type: 'string', length: 200, description: '务工、婚嫁、求学等' },
      ],
      shareType: 'conditional',
      shareCondition: '仅用于户籍业务办理',
      shareChannel: 'platform',
      shareVia: 'api',
      openType: 'closed',
      updateCycle: 'daily',
      publishedAt: '2024-02-29',
      relatedCodes: [res[0].code],
      keywords: ['户籍', '迁移'],
    };
    valid = {
      'catalog.resource.create': fc.constant(entry),
      'catalog.resource.update': fc.constantFrom(
        { name: '模糊测试改名' },
        { items: entry.items, keywords: [] },
        { shareType: 'none', shareBasis: '法律规定', shareCondition: null },
      ),
      'catalog.resource.review': fc.constantFrom({ decision: 'approve' }, { decision: 'return', reason: '摘要须写明数据范围' }),
      'identity.department.create': fc
        .tuple(text('FZ'), fc.integer({ min: 10_000_000, max: 99_999_999 }))
        .map(([code, n]) => ({ name: `淄博市模糊测试局${code}`, code, creditCode: makeCreditCode('11', '370300', String(n)), parentId: mzj.id })),
      'identity.department.update': fc.constantFrom({ shortName: '民政局' }, { parentId: null }, { parentId: mzj.id }),
      'identity.user.create': text('fz').map((username) => ({
        username,
        displayName: '模糊测试用户',
        departmentId: mzj.id,
        roles: ['dept_user'],
        password: 'Fuzz12345',
      })),
      'identity.user.update': fc.constantFrom({ displayName: '民政局数据专员' }, { roles: ['dept_user'] }, { departmentId: mzj.id }),
      'catalog.dataElement.create': text('模糊').map((name) => ({
        name,
        definition: '模糊测试用的数据元定义',
        dataType: 'string',
        length: 18,
        valueDomain: { kind: 'pattern', pattern: '^[0-9]{17}[0-9X]$' },
        masking: 'none',
      })),
      'catalog.dataElement.update': fc.constantFrom({ definition: '新的定义文字' }, { valueDomain: { kind: 'free' } }, { length: null }),
      'catalog.classification.create': text('模糊主题').map((name) => ({ parentCode: '2', name })),
      'auth.login': fc.constantFrom({ username: 'nobody_here', password: 'Wrong1234' }),
      'auth.apikey.create': fc.constantFrom({ name: '模糊测试密钥' }),
    };

    const revoked = await freshSession('gaj_user');
    await sessions.remove(p.db, tokenHash(revoked));
    const expired = await freshSession('gaj_user', -1);
    badHeaders = [
      { authorization: `Bearer ${newToken(SESSION_PREFIX)}` },
      { authorization: 'Bearer jtk_forged_api_key' },
      { authorization: `Bearer ${revoked}` },
      { authorization: `Bearer ${expired}` },
      { authorization: 'Bearer ' },
      { authorization: 'Basic YWRtaW46SnV0b25nQDIwMjY=' },
      { authorization: `Bearer ${'x'.repeat(8000)}` },
      { authorization: "Bearer ' OR 1=1 --" },
      { cookie: 'jutong_session=%E0%A4%A' },
      { cookie: `jutong_session=${revoked}` },
      { cookie: 'jutong_session=' },
    ];

    for (const t of COUNTED) before[t] = await count(t);
  }, 120_000);
  afterAll(() => p?.close());

  it('finds every operation in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThanOrEqual(35);
  });

  async function send(who: Who, o: Operation, r: Req): Promise<string | null> {
    const headers = { ...r.headers };
    if (who === 'gaj_user' || who === 'admin' || who === 'auditor') {
      // Logging out ends the session: give logout its own, so the rest of the run keeps its token.
      headers.authorization = `Bearer ${o.op.operationId === 'auth.logout' ? await freshSession(who) : await p.token(who)}`;
    }
    if (r.payload.contentType) headers['content-type'] = r.payload.contentType;
    const write = WRITE.has(o.method);
    const headBefore = write ? await auditHead() : 0;
    const res = await p.http.inject({ method: o.method as 'GET', url: r.url, headers, payload: r.payload.payload, remoteAddress: r.remoteAddress });
    const what = () => `${who} ${o.method} ${clip(r.url, 160)} body=${preview(r.payload)} → ${res.statusCode} ${clip(res.body, 300)}`;
    if (res.statusCode >= 500) return `5xx: ${what()}`;
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    if (!ok) {
      let body: unknown;
      try {
        body = res.json();
      } catch {
        return `error body is not JSON: ${what()}`;
      }
      if (!ErrorBody.safeParse(body).success) return `error body is not { error: { code, message, details? } }: ${what()}`;
      if (DB_REFUSALS.includes((body as z.infer<typeof ErrorBody>).error.message))
        refusals.add(`${o.method} ${o.path} → ${res.statusCode} ${clip(res.body, 120)}`);
    }
    if (write) {
      // What a write sets off (an upload's import job, subscribers to action.succeeded) runs now, so that its audit
      // rows land in this request's count and nobody else's.
      if (o.op.operationId === 'catalog.import.start') await p.jobs.work();
      await p.events.drain();
      const rows = await p.db.query<{ action: string }>('SELECT action FROM audit_log WHERE seq > $1 ORDER BY seq', [headBefore]);
      // A refusal (403, or 404 for another department's thing) is recorded as one <action>.denied row.
      const denied = rows.filter((row) => row.action.endsWith('.denied')).length;
      const own = rows.filter((row) => !FOLLOW_UPS.has(row.action) && !row.action.endsWith('.denied')).length;
      // A write that succeeded is audited once; one that failed wrote nothing, and set nothing off — except a failed
      // login, which is recorded on purpose (it counts toward the lockout).
      const expected = ok ? [1] : o.op.operationId === 'auth.login' ? [0, 1] : [0];
      const refused = res.statusCode === 403 || res.statusCode === 404;
      if (!expected.includes(own) || denied > (refused ? 1 : 0) || (!ok && rows.length !== own + denied)) {
        return `audit rows written: ${rows.map((row) => row.action).join(', ') || 'none'}; expected ${expected.join(' or ')} of its own: ${what()}`;
      }
      if (ok) writes2xx.push(`${who} ${o.method} ${o.path}`);
    }
    const table = o.method === 'POST' && ok ? CREATES[o.path] : undefined;
    if (table) created[table]++;
    return null;
  }

  it.each(WHO)(
    'as %s: every operation answers garbage with a 4xx in the error shape and writes nothing',
    async (who) => {
      const { bodyArb, queryArb, pathArb } = makeArbs(doc, reals, valid);
      const headerArb: fc.Arbitrary<Record<string, string>> = who === 'bad-token' ? fc.constantFrom(...badHeaders) : fc.constant({});
      const failures: string[] = [];
      const started = Date.now();
      for (const o of ops) {
        const runs = o.op.operationId === 'catalog.resource.export' ? Math.ceil(RUNS / 3) : RUNS;
        const req = fc.record({
          url: fc.tuple(pathArb(o.path), queryArb(o.op)).map(([path, q]) => (q ? `${path}?${q}` : path)),
          payload: bodyArb(o.op),
          headers: headerArb,
          remoteAddress: fc.oneof(fc.constant('127.0.0.1'), fc.ipV4()),
        });
        try {
          await fc.assert(
            fc.asyncProperty(req, async (r) => {
              const problem = await send(who, o, r);
              if (problem) throw new Error(problem);
            }),
            { numRuns: runs, seed: SEED, endOnFailure: true },
          );
        } catch (e) {
          const cause = (e as Error).cause as Error | undefined;
          const replay = /\{ seed: .*\}/.exec((e as Error).message)?.[0] ?? '';
          failures.push(`${o.method} ${o.path}: ${cause?.message ?? (e as Error).message.slice(0, 1500)} ${replay}`);
        }
      }
      // Methods an operation does not have are a 404 in the same shape, not a crash.
      for (const path of new Set(ops.map((o) => o.path))) {
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await p.http.inject({ method: 'PUT', url, payload: { a: 1 } });
        if (res.statusCode >= 500 || !ErrorBody.safeParse(res.json()).success) failures.push(`PUT ${url} → ${res.statusCode} ${clip(res.body)}`);
      }
      if (failures.length) console.error(`seed ${SEED} (FUZZ_SEED=${SEED} to replay), ${who}:\n${failures.join('\n\n')}`);
      expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);
      expect(Date.now() - started).toBeLessThan((90_000 * RUNS) / 25);
    },
    180_000,
  );

  it('leaves an intact audit chain and exactly the rows the 2xx requests explain', async () => {
    // Import jobs started by the fuzzer: let them finish; garbage workbooks fail as bad input, never as an internal error.
    await p.jobs.work();
    const jobs = await p.db.query<{ status: string; error: { code: string; message: string } | null; result: { count?: number } | null }>(
      `SELECT status, error, result FROM jobs`,
    );
    const imported = jobs.reduce((n, j) => n + (j.status === 'succeeded' ? Number(j.result?.count ?? 0) : 0), 0);
    for (const j of jobs.filter((j) => j.status === 'failed')) {
      expect(j.error?.code, JSON.stringify(j.error)).not.toBe('internal');
      expect(j.error?.message).toBeTruthy();
    }

    const chain = await verifyAuditChain(p.db);
    expect(chain).toMatchObject({ ok: true });
    for (const t of COUNTED) {
      const extra = t === 'catalog_resources' ? imported : 0;
      expect(await count(t), `${t}: ${before[t]} before, ${created[t]} created by 2xx POSTs, ${extra} by imports`).toBe(before[t] + created[t] + extra);
    }
    const tally = new Map<string, number>();
    for (const w of writes2xx) tally.set(w, (tally.get(w) ?? 0) + 1);
    console.info(`${engine}: fuzzed writes that were valid and succeeded: ${[...tally].map(([w, n]) => `${n}× ${w}`).join(', ')}`);
    if (refusals.size) console.info(`${engine}: refused by the database, not by a check in the action:\n  ${[...refusals].join('\n  ')}`);
    console.info(`${engine}: import jobs: ${jobs.map((j) => (j.status === 'failed' ? `failed (${j.error?.code})` : j.status)).join(', ')}`);
  });
});
