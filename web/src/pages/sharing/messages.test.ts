import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FILTER_OPS } from './forms';
import { messages } from './messages';
import { OBJECTION_STATUSES, REQUEST_STATUSES } from './shared';

// Every message key the sharing pages name exists: the static ones found in the source, and
// the ones the pages build from a value (a status, an operator, a tab).

const dir = new URL('.', import.meta.url);
const source = readdirSync(dir)
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && f !== 'messages.ts')
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');

describe('the sharing messages', () => {
  it('hold every key written out in the pages', () => {
    const keys = [...new Set([...source.matchAll(/['`]((?:sharing|menu)\.[\w.]+)['`]/g)].map((m) => m[1]))];
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !(k in messages.zh))).toEqual([]);
  });

  it('hold every key built from a value', () => {
    const built = [
      ...REQUEST_STATUSES.map((s) => `sharing.status.${s}`),
      ...OBJECTION_STATUSES.map((s) => `sharing.objection.status.${s}`),
      ...FILTER_OPS.flatMap((op) => [`sharing.filter.op.${op}`, `sharing.filter.says.${op}`]),
      ...['active', 'expiring', 'expired', 'revoked'].map((s) => `sharing.grant.state.${s}`),
      ...['request', 'unconditional'].map((o) => `sharing.grant.origin.${o}`),
      ...['consumer', 'provider', 'all'].flatMap((s) => [`sharing.grants.side.${s}`, `sharing.grants.empty.${s}`]),
      ...['check', 'review', 'all'].flatMap((b) => [`sharing.queue.${b}`, `sharing.queue.${b}.help`, `sharing.queue.${b}.empty`]),
      ...['mine', 'provider', 'all'].flatMap((b) => [`sharing.objections.box.${b}`, `sharing.objections.empty.${b}`]),
      ...['left', 'late'].flatMap((w) => ['day', 'hour'].map((u) => `sharing.deadline.${w}.${u}`)),
      ...['check', 'review'].flatMap((s) => [`sharing.step.${s}`, `sharing.field.due.${s}`]),
      ...['api', 'file', 'table'].map((d) => `sharing.delivery.${d}`),
      ...['succeeded', 'retry', 'gave_up'].map((o) => `sharing.deliveries.outcome.${o}`),
    ];
    expect(built.filter((k) => !(k in messages.zh))).toEqual([]);
  });
});
