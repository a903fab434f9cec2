import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';

// The OpenAPI document is the contract the console, the CLI's users and other platforms code against. It must
// describe what the server really does: every operation is one named action, errors have one shape, what is
// public is public and nothing else is.

/** Routes that are not actions: they call none (health, the import template) — listed here so a new one is a decision. */
const NON_ACTION = ['GET /api/health', 'GET /api/v1/catalog/import-template'];
/** Actions that no route calls: the CLI, jobs and event subscribers reach them through the runner. */
const INTERNAL_ACTIONS = [
  'catalog.classification.department.ensure', // a subscriber to identity.department.create
  'catalog.resource.import', // the import job (after catalog.import.start) and `jutong catalog import`
  'gathering.run.finish', // the ingest of POST /mounts/{id}/runs, once the file is loaded
  'gathering.run.end', // the same ingest, when the run does not publish
  'gathering.mount.flag-overdue', // the update-cycle timer
  'sharing.grant.first-use', // the share API, on an unconditional resource's first use
];
/** Operations anyone may call without signing in. */
const PUBLIC = ['GET /api/health', 'POST /api/v1/auth/login'];

type Op = { key: string; method: string; path: string; op: Record<string, any> };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe.each(engines())('the OpenAPI document on %s', (engine) => {
  let p: TestPlatform;
  let doc: Record<string, any>;
  let ops: Op[];
  const actionOf = (o: Op): string | undefined => o.op['x-action'] ?? o.op.operationId;

  beforeAll(async () => {
    p = await testPlatform(engine);
    const res = await p.http.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
    ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([m]) => METHODS.includes(m))
        .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => p?.close());

  it('is OpenAPI 3.1 and served without signing in', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    expect(ops.length).toBeGreaterThan(30);
  });

  it('names every operation after the action it runs, once', () => {
    const actions = new Set(p.actions.list().map((a) => a.name));
    const nonAction = ops.filter((o) => !o.op.operationId).map((o) => o.key);
    expect(nonAction.sort()).toEqual([...NON_ACTION].sort());
    for (const o of ops.filter((o) => o.op.operationId)) {
      const action = actionOf(o) as string;
      expect(actions.has(action), `${o.key}: ${action} is not a registered action`).toBe(true);
      // A second route for one action gets its own operationId, derived from the action's name.
      expect(o.op.operationId === action || o.op.operationId.startsWith(`${action}.`), `${o.key}: operationId ${o.op.operationId} ≠ ${action}`).toBe(true);
    }
    const ids = ops.map((o) => o.op.operationId).filter(Boolean);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('gives every registered action a route, or says why not', () => {
    const routed = new Set(ops.map(actionOf));
    const unrouted = p.actions
      .list()
      .map((a) => a.name)
      .filter((n) => !routed.has(n));
    expect(unrouted.sort()).toEqual([...INTERNAL_ACTIONS].sort());
  });

  it('documents the same credentials the server asks for', async () => {
    const schemes = doc.components.securitySchemes as Record<string, unknown>;
    expect(Object.keys(schemes).sort()).toEqual(['bearer', 'cookie']);
    for (const o of ops) {
      const security = (o.op.security ?? doc.security) as Record<string, unknown>[];
      if (PUBLIC.includes(o.key)) {
        expect(security, `${o.key} is public`).toEqual([]);
      } else {
        expect(security.length, `${o.key} must be under security`).toBeGreaterThan(0);
        for (const req of security) for (const name of Object.keys(req)) expect(schemes, `${o.key}: scheme ${name}`).toHaveProperty(name);
      }
      // …and the server agrees: without credentials, a secured operation is a 401 and a public one is not.
      const url = o.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await p.http.inject({ method: o.method as 'GET', url, payload: o.method === 'GET' ? undefined : {} });
      if (PUBLIC.includes(o.key)) expect(res.statusCode, `${o.key} answered anonymously with ${res.body}`).not.toBe(401);
      else expect(res.statusCode, `${o.key} answered anonymously with ${res.body}`).toBe(401);
    }
  });

  it('answers every 4xx with the one Error shape', () => {
    const error = doc.components.schemas.Error;
    expect(error.properties.error.properties).toMatchObject({ code: { type: 'string' }, message: { type: 'string' } });
    for (const o of ops) {
      const codes = Object.keys(o.op.responses ?? {});
      const fourXX = codes.filter((c) => c.startsWith('4'));
      expect(fourXX.length, `${o.key} documents no 4xx`).toBeGreaterThan(0);
      for (const c of fourXX) {
        // (@fastify/swagger files a route's responses under its `produces` types, so an xlsx route's error is listed there.)
        const content = Object.values(o.op.responses[c].content ?? {}) as { schema: unknown }[];
        expect(content.length, `${o.key} ${c} has no body`).toBeGreaterThan(0);
        for (const { schema } of content) expect(schema, `${o.key} ${c}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
      expect(
        codes.some((c) => c.startsWith('2')),
        `${o.key} documents no success`,
      ).toBe(true);
    }
  });

  it('names the shared schemas', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Error', 'Resource', 'DataElement', 'Job']));
    const create = doc.paths['/api/v1/catalog/resources'].post;
    expect(create.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Resource' });
  });

  it('serves the documentation page without signing in', async () => {
    const res = await p.http.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/swagger/i);
    const json = await p.http.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(json.statusCode).toBe(200);
  });

  it('keeps the gate on the route, not on how its URL is spelled', async () => {
    // The router decodes `%61` to `a`; the anonymous check must not be fooled by the raw URL.
    for (const url of ['/%61pi/v1/catalog/import-template', '/api/v1/catalog/%69mport-template', '/%61pi/v1/users']) {
      const res = await p.http.inject({ method: 'GET', url });
      expect([401, 404], `${url} → ${res.statusCode}`).toContain(res.statusCode);
      expect(res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });
});
