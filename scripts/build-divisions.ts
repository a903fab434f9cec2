/**
 * Builds src/platform/validators/divisions-data.ts, the compact list of every county-level-
 * and-above administrative division code (行政区划代码) in force at any time since 1980.
 *
 *   node bin/run-ts.mjs scripts/build-divisions.ts [source-dir]
 *
 * source-dir holds yescallop/areacodes' `result.csv` and `2024.txt` (default: the copy in
 * /work/shared/reference/admin-divisions/yescallop-areacodes). Only this script reads it: the
 * runtime reads the generated module, which is committed.
 *
 * Source: https://github.com/yescallop/areacodes, snapshot eed219a0678d36bacaa717f62443b10e869f0291
 * (2025-11-04), licence CC0 1.0, compiled from the MCA's 县级以上行政区划代码 lists 1980–2024.
 * result.csv columns: 代码,一级行政区,二级行政区,名称,级别,状态(在用/变更/弃用),启用时间,变更/弃用时间,新代码.
 * A code can have several rows (renamed, or abolished and later reused); 新代码 lists the codes the
 * area went to, with "[year]" marking an earlier partial transfer rather than a successor.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE_COMMIT = 'eed219a0678d36bacaa717f62443b10e869f0291';
const sourceDir = process.argv[2] ?? '/work/shared/reference/admin-divisions/yescallop-areacodes';
const outFile = new URL('../src/platform/validators/divisions-data.ts', import.meta.url);

interface Row {
  code: string;
  name: string;
  level: string;
  status: string;
  from: number;
  to: number | null;
  successors: string[];
}

function fail(message: string): never {
  throw new Error(`build-divisions: ${message}`);
}

function readRows(): Row[] {
  const text = readFileSync(path.join(sourceDir, 'result.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  if (header !== '代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码') fail(`unexpected header: ${header}`);
  return lines.map((line, i) => {
    if (line.includes('"')) fail(`line ${i + 2}: quoted fields are not expected`);
    const f = line.split(',');
    if (f.length !== 9) fail(`line ${i + 2}: ${f.length} fields`);
    const [code, , , name, level, status, from, to, next] = f;
    if (!/^\d{6}$/.test(code)) fail(`line ${i + 2}: code ${code}`);
    // The compact format relies on names holding no digits and none of its separators.
    if (!name || /[\d|>,=\s]/.test(name)) fail(`line ${i + 2}: name ${name}`);
    if (!/^(19[89]\d|20[0-7]\d)$/.test(from) || (to && !/^(19[89]\d|20[0-7]\d)$/.test(to))) fail(`line ${i + 2}: years ${from}-${to}`);
    if ((status === '在用') !== (to === '')) fail(`line ${i + 2}: status ${status} with end year '${to}'`);
    if (!['在用', '变更', '弃用'].includes(status)) fail(`line ${i + 2}: status ${status}`);
    const expectedLevel = code.endsWith('0000') ? '省级' : code.endsWith('00') ? '地级' : '县级';
    if (level !== expectedLevel) fail(`line ${i + 2}: level ${level} for ${code}`);
    // A code still in use lists only partial transfers; successors matter for codes that ended.
    const successors = status === '在用' || !next ? [] : next.split(';').filter((c) => !c.includes('['));
    for (const c of successors) if (!/^\d{6}$/.test(c)) fail(`line ${i + 2}: successor ${c}`);
    return { code, name, level, status, from: Number(from), to: to ? Number(to) : null, successors };
  });
}

function crossCheck(rows: Row[]): void {
  const current = new Map(rows.filter((r) => r.to === null).map((r) => [r.code, r.name]));
  const mca = readFileSync(path.join(sourceDir, '2024.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/));
  if (mca.length !== current.size) fail(`2024.txt has ${mca.length} codes, result.csv ${current.size} in use`);
  for (const [code, name] of mca) if (current.get(code) !== name) fail(`2024.txt ${code} ${name} ≠ result.csv ${current.get(code)}`);
}

const yy = (year: number) => String(year % 100).padStart(2, '0');

function encode(rows: Row[]): { text: string; codes: number } {
  const byCode = new Map<string, Row[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  const out: string[] = [];
  let group = '';
  for (const code of [...byCode.keys()].sort()) {
    if (code.slice(0, 4) !== group) {
      group = code.slice(0, 4);
      out.push(`=${group}`);
    }
    const periods = byCode.get(code)!.sort((a, b) => b.from - a.from); // newest first
    for (let i = 1; i < periods.length; i++) {
      if (periods[i].to === null || periods[i].to! > periods[i - 1].from) fail(`${code}: overlapping periods`);
    }
    let previousName = '';
    const parts = periods.map((p) => {
      const name = p.name === previousName ? '' : p.name;
      previousName = p.name;
      const next = p.successors.map((c) => (c.slice(0, 4) === group ? c.slice(4) : c)).join(',');
      return `${name}${yy(p.from)}${p.to === null ? '' : yy(p.to)}${next ? `>${next}` : ''}`;
    });
    out.push(code.slice(4) + parts.join('|'));
  }
  return { text: out.join('\n'), codes: byCode.size };
}

const rows = readRows();
crossCheck(rows);
const { text, codes } = encode(rows);
const module = `// Generated by scripts/build-divisions.ts: do not edit by hand, re-run the script.
//
// Every county-level-and-above administrative division code (GB/T 2260 行政区划代码) in force at
// any time from 1980 to 2024, including abolished and renamed ones: ${codes} codes, ${rows.length} periods.
// Source: yescallop/areacodes result.csv (https://github.com/yescallop/areacodes, commit
// ${SOURCE_COMMIT}), CC0 1.0, compiled from the Ministry of Civil Affairs' lists;
// the codes in use were checked against its data/2024.txt (the MCA's 2024 list).
//
// Format, one line per code, in code order:
//   =GGGG          the first four digits of the codes on the following lines
//   SS<periods>    the last two digits, then the periods the code was in force, newest first,
//                  separated by "|". A period is: name (left out when it is the same as the
//                  newer period's), first year (2 digits), last year (2 digits; absent while
//                  the code is in use), and ">" + the successor codes when it ended (2 digits
//                  for a code in the same GGGG group, else 6). Years: 80–99 → 19xx, 00–79 → 20xx.
// e.g. "=1201" "10东丽区92|东郊区8192>10": 120110 is 东丽区 since 1992, was 东郊区 1981–1992.
export const DIVISIONS_DATA = \`
${text}
\`;
`;
writeFileSync(outFile, module);
console.log(`wrote ${outFile.pathname}: ${codes} codes, ${rows.length} periods, ${Buffer.byteLength(module)} bytes`);
