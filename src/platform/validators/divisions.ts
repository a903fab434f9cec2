/**
 * Administrative division codes (GB/T 2260 行政区划代码), current and historical, from the
 * generated `divisions-data.ts` (see scripts/build-divisions.ts for the source and format).
 * The list is parsed once, on first use, into a flag table indexed by the 6-digit code, so the
 * per-cell checks of a streaming import are one array read.
 */
import { DIVISIONS_DATA } from './divisions-data.js';

export type DivisionLevel = 'province' | 'prefecture' | 'county';

export interface DivisionPeriod {
  readonly name: string;
  /** First year on the list (the source's 启用时间; 1981 means "on the earliest list"). */
  readonly from: number;
  /** The year it left the list (变更/弃用时间), null while in use. */
  readonly to: number | null;
  /** Where the area went when the period ended (a renamed code lists itself); empty if unknown. */
  readonly replacedBy: readonly string[];
}

export interface DivisionInfo {
  readonly code: string;
  /** The latest name. */
  readonly name: string;
  readonly level: DivisionLevel;
  /** On the current (2024) list. */
  readonly current: boolean;
  /** First year the code was in force. */
  readonly from: number;
  /** The year it went out of force, null if current. */
  readonly to: number | null;
  /** For a code no longer in use: the codes its area went to. Empty for a current code. */
  readonly replacedBy: readonly string[];
  /** Every period, newest first: more than one when the code was renamed or reused. */
  readonly history: readonly DivisionPeriod[];
}

export interface DivisionEntry {
  readonly code: string;
  readonly name: string;
}

/** Flag bits in the table returned by `divisionFlags`. */
const DIVISION_KNOWN = 1;
const DIVISION_CURRENT = 2;
/**
 * A code that may stand as the address code of a citizen ID: every known code, plus the
 * 市辖区 entries (xxxx01 under a city with districts) that GB/T 2260 editions up to 2016 listed
 * and some cities used on IDs (440301 for Shenzhen), which the yescallop list leaves out.
 */
export const DIVISION_ID_REGION = 4;

interface Tables {
  flags: Uint8Array;
  info: Map<string, DivisionInfo>;
  /** Sorted. */
  codes: string[];
}

let tables: Tables | null = null;

const year = (yy: string) => {
  const n = Number(yy);
  return n >= 80 ? 1900 + n : 2000 + n;
};

const levelOf = (code: string): DivisionLevel => (code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county');

const PERIOD = /^([^\d|>]*)(\d\d)(\d\d)?(?:>([\d,]+))?$/;

function build(): Tables {
  const flags = new Uint8Array(1_000_000);
  const info = new Map<string, DivisionInfo>();
  const codes: string[] = [];
  let group = '';
  for (const line of DIVISIONS_DATA.split('\n')) {
    if (line === '') continue;
    if (line[0] === '=') {
      group = line.slice(1);
      continue;
    }
    const code = group + line.slice(0, 2);
    let previousName = '';
    const history = line
      .slice(2)
      .split('|')
      .map((text): DivisionPeriod => {
        const m = PERIOD.exec(text);
        if (!m) throw new Error(`divisions-data: bad period '${text}' for ${code}`);
        const name = m[1] || previousName;
        previousName = name;
        const replacedBy = m[4] ? m[4].split(',').map((c) => (c.length === 2 ? group + c : c)) : [];
        return Object.freeze({ name, from: year(m[2]), to: m[3] ? year(m[3]) : null, replacedBy: Object.freeze(replacedBy) });
      });
    const latest = history[0];
    const current = latest.to === null;
    info.set(
      code,
      Object.freeze({
        code,
        name: latest.name,
        level: levelOf(code),
        current,
        from: history[history.length - 1].from,
        to: latest.to,
        replacedBy: latest.replacedBy,
        history: Object.freeze(history),
      }),
    );
    codes.push(code);
    flags[Number(code)] |= DIVISION_KNOWN | DIVISION_ID_REGION | (current ? DIVISION_CURRENT : 0);
  }
  // 市辖区 placeholders: a prefecture-level city (xxxx00 named …市) that ever had districts
  // (xxxx02–xxxx20). Under a 地区, 盟 or 自治州 those numbers were county-level cities instead.
  for (const code of codes) {
    const n = Number(code);
    const suffix = n % 100;
    if (suffix < 2 || suffix > 20) continue;
    const city = info.get(`${code.slice(0, 4)}00`);
    if (city?.level === 'prefecture' && city.history.some((p) => p.name.endsWith('市'))) flags[n - suffix + 1] |= DIVISION_ID_REGION;
  }
  return { flags, info, codes };
}

function get(): Tables {
  if (!tables) tables = build();
  return tables;
}

/**
 * The flag table: `divisionFlags()[n]` for the 6-digit code n (as a number) has DIVISION_KNOWN,
 * DIVISION_CURRENT and DIVISION_ID_REGION bits. For hot paths that already have the digits.
 */
export function divisionFlags(): Uint8Array {
  return get().flags;
}

function flagsOf(code: string): number {
  if (code.length !== 6) return 0;
  for (let i = 0; i < 6; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
  }
  return get().flags[Number(code)];
}

/** A 6-digit code that was on the list at any time since 1980 (current or abolished). */
export function isKnownDivision(code: string): boolean {
  return (flagsOf(code) & DIVISION_KNOWN) !== 0;
}

/** A code on the current (2024) list. */
export function isCurrentDivision(code: string): boolean {
  return (flagsOf(code) & DIVISION_CURRENT) !== 0;
}

/** A code that can be the first six digits of a citizen ID (see DIVISION_ID_REGION). */
export function isCitizenIdRegion(code: string): boolean {
  return (flagsOf(code) & DIVISION_ID_REGION) !== 0;
}

export function divisionInfo(code: string): DivisionInfo | null {
  return get().info.get(code) ?? null;
}

/** The latest name of a code, or null. */
export function divisionName(code: string): string | null {
  return get().info.get(code)?.name ?? null;
}

/**
 * Divisions whose code starts with `prefix` ('37', '3703' or '370300' all work: trailing "00"
 * pairs are dropped), at `level` (default county), current ones only unless `historical`.
 * E.g. `divisionsUnder('3703')` → Zibo's 8 districts and counties.
 */
export function divisionsUnder(prefix: string, options: { level?: DivisionLevel; historical?: boolean } = {}): DivisionEntry[] {
  const { level = 'county', historical = false } = options;
  let p = prefix;
  while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2);
  const { codes, info } = get();
  const out: DivisionEntry[] = [];
  for (const code of codes) {
    if (!code.startsWith(p) || code === p.padEnd(6, '0')) continue;
    const d = info.get(code)!;
    if (d.level === level && (historical || d.current)) out.push({ code, name: d.name });
  }
  return out;
}

/** Every code on the list, sorted; current ones only unless `historical`. For generators and tests. */
export function allDivisionCodes(options: { historical?: boolean } = {}): readonly string[] {
  const { codes, info } = get();
  return options.historical ? codes : codes.filter((c) => info.get(c)!.current);
}
