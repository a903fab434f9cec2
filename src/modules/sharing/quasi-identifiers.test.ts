import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv, mountTable, publishEntry, tableEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { DEMO_GRANTED } from '../../demo/sharing.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';

// The ID mask (first 6 + last 4) hides exactly the 8 digits of the birth date: a birth date
// delivered beside it rebuilds the ID, check digit and all. Every channel that hands a record
// to someone who may not see the ID is read here, and every masked ID is tried against the
// record's birth date.

type Rec = Record<string, string | null | undefined>;

/** Invisible watermark characters and padding a file export may add to a cell. */
const clean = (v: string | null | undefined) => (v ?? '').replace(/\u200b|\u200c|\u200d|\u2060/g, '').trim();

/** The ID the record gives away: masked 6 + 8 stars + 4, birth date digits in the gap, check digit valid. */
function rebuilt(r: Rec, idItem = '公民身份号码', birthItem = '出生日期'): string | null {
  const m = /^(\d{6})\*{8}(\d{3})([\dX])$/.exec(clean(r[idItem]));
  const digits = clean(r[birthItem]).replace(/\D/g, '');
  if (!m || digits.length !== 8) return null;
  const first17 = m[1] + digits + m[2];
  return citizenIdCheckDigit(first17) === m[3] ? first17 + m[3] : null;
}

/** Records that carry a masked ID, and the IDs rebuilt from them (none, if masking is decided over the record). */
function probe(records: Rec[], idItem?: string, birthItem?: string): { masked: number; rebuilt: string[] } {
  const masked = records.filter((r) => clean(r[idItem ?? '公民身份号码']).includes('*'));
  return { masked: masked.length, rebuilt: masked.map((r) => rebuilt(r, idItem, birthItem)).filter((x): x is string => !!x) };
}

const people = Array.from({ length: 12 }, (_, i) => {
  const birth = `19${70 + i}-0${1 + (i % 9)}-1${i % 10}`;
  const first17 = `37030${2 + (i % 3)}${birth.replace(/-/g, '')}${String(101 + i * 2)}`;
  return { name: `张${'明华强伟芳'[i % 5]}生`, id: first17 + citizenIdCheckDigit(first17), sex: String(1 + (i % 2)), birth };
});
const csv = ['姓名,公民身份号码,性别,出生日期', ...people.map((x) => [x.name, x.id, x.sex, x.birth].join(','))].join('\n');

const entry = (name: string, shareVia: string) =>
  tableEntry({
    name,
    abstract: '按记录决定脱敏的测试用人口信息，包括姓名、公民身份号码、性别和出生日期。',
    items: [
      { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
      { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
      { name: '性别', dataElement: 'DE00002', type: 'string', length: 1 },
      { name: '出生日期', dataElement: 'DE00005', type: 'date' },
    ],
    shareType: 'unconditional',
    shareVia,
  });

function parseCsv(body: Buffer): Rec[] {
  const [header, ...lines] = body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const names = header.split(',').map(clean);
  // No cell here holds a comma; a cell the watermark padded with a space comes quoted.
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v.replace(/^"|"$/g, '')])));
}

describe.each(engines())('masking decided over the record on %s', (engine) => {
  let p: TestPlatform;
  const code: Record<string, string> = {};

  /** Every page of a resource's change feed from its start. */
  async function feed(user: string, resource: string): Promise<Rec[]> {
    const out: Rec[] = [];
    let since = '';
    for (let i = 0; i < 50; i++) {
      const res = await p.api(user, 'GET', `/api/v1/share/${encodeURIComponent(resource)}/changes?limit=5000${since}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      out.push(...res.body.upserts.map((u: { values: Rec }) => u.values));
      if (!res.body.more) return out;
      since = `&since=${encodeURIComponent(res.body.next)}`;
    }
    throw new Error('the feed did not end');
  }

  beforeAll(async () => {
    p = await testPlatform(engine);
    for (const via of ['api', 'file', 'table']) {
      const created = await publishEntry(p, entry(`按记录脱敏测试${via}`, via));
      code[via] = created.code;
      expect(await loadCsv(p, await mountTable(p, created.id), csv, 'people.csv')).toMatchObject({ status: 'succeeded', rowsLoaded: people.length });
    }
  });
  afterAll(() => p?.close());

  it('rebuilds no ID from the demo grant’s table feed, and still delivers the birth year', async () => {
    const [row] = await p.db.query<{ code: string }>(
      `SELECT r.code FROM catalog_resources r JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.is_published WHERE v.name = $1`,
      [DEMO_GRANTED.entry],
    );
    const records = await feed(DEMO_GRANTED.requester, row.code);
    const { masked, rebuilt } = probe(records);
    expect(masked).toBeGreaterThan(100);
    expect(rebuilt).toEqual([]);
    expect(records.every((r) => /^\d{4}-\*\*-\*\*$/.test(clean(r.出生日期)) || !r.出生日期)).toBe(true);
    expect(records.every((r) => r.性别 === '***' || r.性别 === null)).toBe(true);
  });

  it('rebuilds no ID from a page, a lookup, a file export or a change feed of an unconditional resource', async () => {
    const page = await p.api('mzj_user', 'GET', `/api/v1/share/${encodeURIComponent(code.api)}/records?limit=100`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const pageRecords = page.body.records.map((r: { values: Rec }) => r.values);
    expect(page.body.fields).toContainEqual({ item: '出生日期', masked: true });

    // The key is masked for this consumer: a record is looked up by its reference, not its raw key.
    const looked = await p.api('mzj_user', 'GET', `/api/v1/share/${encodeURIComponent(code.api)}/records/${page.body.records[3].ref}?by=ref`);
    expect(looked.status, JSON.stringify(looked.body)).toBe(200);

    const file = await p.http.inject({
      method: 'GET',
      url: `/api/v1/share/${encodeURIComponent(code.file)}/export?format=csv`,
      headers: { authorization: `Bearer ${await p.token('mzj_user')}` },
    });
    expect(file.statusCode, file.body).toBe(200);

    const channels = { page: pageRecords, lookup: [looked.body.record.values], file: parseCsv(file.rawPayload), feed: await feed('mzj_user', code.table) };
    for (const [channel, records] of Object.entries(channels)) {
      const { masked, rebuilt } = probe(records);
      expect(masked, channel).toBe(channel === 'lookup' ? 1 : people.length);
      expect(rebuilt, channel).toEqual([]);
      for (const r of records) expect(clean(r.出生日期), channel).toMatch(/^(19\d\d)-\*\*-\*\*$/);
    }
    // Filtering on the generalized date would give the day back one probe at a time.
    const filter = encodeURIComponent(JSON.stringify({ field: '出生日期', op: 'eq', value: people[0].birth }));
    expect((await p.api('mzj_user', 'GET', `/api/v1/share/${encodeURIComponent(code.api)}/records?filter=${filter}`)).status).toBe(422);
  });

  it('rebuilds no ID from another department’s preview or the population base', async () => {
    const [mount] = await p.db.query<{ id: string }>(
      `SELECT m.id FROM mounts m JOIN catalog_resource_versions v ON v.resource_id = m.resource_id AND v.is_published WHERE v.name = $1 AND m.kind = 'table'`,
      [DEMO_GRANTED.entry],
    );
    const preview = await p.api('mzj_user', 'GET', `/api/v1/mounts/${mount.id}/preview?limit=100`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const items: string[] = preview.body.columns.map((c: { item: string }) => c.item);
    const previewed = preview.body.rows.map((r: string[]) => Object.fromEntries(r.map((v, i) => [items[i], v])));
    expect(probe(previewed).masked).toBeGreaterThan(10);
    expect(probe(previewed).rebuilt).toEqual([]);

    const list = await p.api('admin', 'GET', '/api/v1/bases/population/records?pageSize=100');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const listed = list.body.items.map((r: { key: string; values: Rec }) => ({ ...r.values, id_number: r.key }));
    expect(probe(listed, 'id_number', 'birth_date').masked).toBe(100);
    expect(probe(listed, 'id_number', 'birth_date').rebuilt).toEqual([]);

    const [one] = await p.db.query<{ id: string }>('SELECT id_number AS id FROM base_population ORDER BY id_number LIMIT 1');
    const shown = await p.api('admin', 'GET', `/api/v1/bases/population/records/${one.id}`);
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    const values = Object.fromEntries(shown.body.fields.map((f: { field: string; value: string | null }) => [f.field, f.value]));
    expect(probe([{ ...values, id_number: shown.body.key }], 'id_number', 'birth_date')).toEqual({ masked: 1, rebuilt: [] });
  });
});
