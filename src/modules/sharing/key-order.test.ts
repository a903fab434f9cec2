import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv, mountTable, publishEntry, tableEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';

// Sort order as an oracle. Pages of records come in the order of the raw key, also when the
// key is masked: a masked ID (first 6 + last 4) with its birth year generalized still sorts by
// the 8 digits the mask hides, so a record's rank among the others of its region and year
// bounds its birth date, and the check digit the mask shows (a function of all 17 digits)
// picks among the dates left. Skipped: ordering by something that reveals nothing of the key
// (a keyed hash, as the record's ref is) touches the share API's keyset, the exports and the
// change feed (tables/feed.ts, sharing/changes.ts — another engineer's files this round); the
// review's report describes it.

const YEAR = 1980;
const days = (() => {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(YEAR, 0, 1)); d.getUTCFullYear() === YEAR; d.setUTCDate(d.getUTCDate() + 1))
    out.push(d.toISOString().slice(0, 10).replace(/-/g, ''));
  return out;
})();
// 600 people of one district, born on days spread over the year (a city has many more).
const people = Array.from({ length: 600 }, (_, i) => {
  const first17 = `370302${days[(i * 7919) % days.length]}${String(100 + ((i * 37) % 900)).padStart(3, '0')}`;
  return { name: `张${i}`, id: first17 + citizenIdCheckDigit(first17) };
});
const csv = ['姓名,公民身份号码,出生日期', ...people.map((x) => `${x.name},${x.id},${x.id.slice(6, 10)}-${x.id.slice(10, 12)}-${x.id.slice(12, 14)}`)].join(
  '\n',
);

/** The IDs pinned down by order and check digit alone, from masked IDs in the order delivered. */
function rebuild(masked: string[]): string[] {
  // Each record's candidate dates: those its shown check digit allows.
  const cands = masked.map((m) => days.map((d, i) => ({ i, id: m.slice(0, 6) + d + m.slice(14, 17) })).filter((c) => citizenIdCheckDigit(c.id) === m[17]));
  // The order says each record's (date, sequence) is above the previous record's and below the next one's.
  const n = masked.length;
  const lo = new Array<number>(n);
  const hi = new Array<number>(n);
  const seq = (k: number) => masked[k].slice(14, 17);
  for (let k = 0; k < n; k++) {
    const floor = k === 0 ? -1 : lo[k - 1] + (seq(k) > seq(k - 1) ? 0 : 1) - 1e-9;
    lo[k] = cands[k].find((c) => c.i >= floor)?.i ?? -1;
  }
  for (let k = n - 1; k >= 0; k--) {
    const ceil = k === n - 1 ? days.length : hi[k + 1] - (seq(k) < seq(k + 1) ? 0 : 1) + 1e-9;
    hi[k] = [...cands[k]].reverse().find((c) => c.i <= ceil)?.i ?? -1;
  }
  return masked.flatMap((m, k) => (lo[k] === hi[k] && lo[k] >= 0 ? [m.slice(0, 6) + days[lo[k]] + m.slice(14)] : []));
}

describe.each(engines())('the order of masked records on %s', (engine) => {
  let p: TestPlatform;
  let code: string;

  beforeAll(async () => {
    p = await testPlatform(engine);
    const created = await publishEntry(
      p,
      tableEntry({
        name: '排序推断测试人口',
        abstract: '按主键排序推断脱敏身份证号的测试用人口信息，包括姓名、公民身份号码和出生日期。',
        items: [
          { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
          { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
          { name: '出生日期', dataElement: 'DE00005', type: 'date' },
        ],
        shareType: 'unconditional',
        shareVia: 'api',
      }),
    );
    code = created.code;
    expect(await loadCsv(p, await mountTable(p, created.id), csv, 'people.csv')).toMatchObject({ status: 'succeeded', rowsLoaded: people.length });
  });
  afterAll(() => p?.close());

  it.skip('rebuilds no masked ID from the order of a page of records', async () => {
    const page = await p.api('mzj_user', 'GET', `/api/v1/share/${encodeURIComponent(code)}/records?limit=1000`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const masked: string[] = page.body.records.map((r: { values: Record<string, string> }) => r.values.公民身份号码);
    expect(masked.every((m) => /^\d{6}\*{8}\d{3}[\dX]$/.test(m))).toBe(true);
    const real = new Set(people.map((x) => x.id));
    const rebuilt = rebuild(masked).filter((id) => real.has(id));
    expect(rebuilt).toEqual([]);
  });
});
