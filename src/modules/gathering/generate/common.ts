/**
 * What every kind's generator shares: the per-row random groups (with per-source drift),
 * the anomaly roll (faults and variants), and the helpers that make a value bad.
 */
import { isoDay, yearOfDay } from './calendar.js';
import type { GenerateKind } from './columns.js';
import { fnv1a, hashIndex, mix32, RowRng, Weighted } from './hash.js';

/**
 * Faults: the row must be rejected by an ingest that validates it against the catalog entry's
 * items and data elements (src/modules/gathering/check.ts).
 */
export const faultCodes = [
  /** 公民身份号码 with a wrong check character. */
  'id-check-digit',
  /** 公民身份号码 whose birth date does not exist (2003-02-30, month 13…); check character correct. */
  'id-birth-date',
  /** 统一社会信用代码 with a wrong check character. */
  'credit-check-char',
  /** A date column holds a date that does not exist (2019-02-30, 2019-13-05, 2019-04-31…). */
  'bad-date',
  /** A column is longer, in characters (code points), than its item allows. */
  'over-long',
] as const;
export type FaultCode = (typeof faultCodes)[number];

/**
 * Variants: unusual but acceptable rows, which an ingest must take (standardized), not reject.
 */
export const variantCodes = [
  /** A 15-digit first-generation ID (born 1900-1999); converts to exactly the row's 18-digit key. */
  'id-15-digit',
  /** Full-width digits/letters (０-９, Ａ-Ｚ) in the column; standardization gives back the standard value. */
  'full-width-digits',
  /**
   * The name column is empty. An empty non-key cell is stored as NULL by the gathering ingest
   * (a completeness problem for the quality report, not a rejection), so it is a variant.
   */
  'empty-name',
] as const;
export type VariantCode = (typeof variantCodes)[number];

export type Anomaly = { code: FaultCode; bad: true; column: string } | { code: VariantCode; bad: false; column: string };

export type Encoding = 'utf-8' | 'gbk' | 'gb18030';

/** What a kind's generator needs to know (everything except the row range). */
export type GeneratorSettings = {
  kind: GenerateKind;
  seed: string;
  /** '' = the canonical source; any other name draws some non-key fields differently. */
  source: string;
  badFraction: number;
  variantFraction: number;
  /** Share of people/entities whose drifting field groups a named source draws differently. */
  drift: number;
  encoding: Encoding;
};

export interface RowGenerator {
  readonly settings: GeneratorSettings;
  readonly columns: readonly string[];
  /** Number of indexes with a distinct key: valid indexes are [0, keySpace). */
  readonly keySpace: number;
  /** The canonical (standard, valid) key of index i: independent of source, faults and encoding. */
  key(index: number): string;
  /** The index whose canonical key this is, or null if no index has it. */
  indexOfKey(key: string): number | null;
  /** The anomaly applied to index i's row, if any. */
  anomaly(index: number): Anomaly | null;
  /** Writes index i's row values (anomaly applied) into `out` (length = columns.length). */
  fill(index: number, out: string[]): void;
  /**
   * Optional fast path: writes index i's CSV line (with '\n') as UTF-8 into `buf` at `off` and
   * returns the new offset, or -1 if this row must go through fill() (an anomalous row).
   * `buf` has at least ROW_BYTES_MAX bytes free.
   */
  encodeRow?(index: number, buf: Uint8Array, off: number): number;
}

/** Room an encodeRow() line may need (anomaly-free rows are far shorter). */
export const ROW_BYTES_MAX = 4096;

const KIND_SALT: Record<GenerateKind, number> = { population: 0x1a2b3c4d, 'legal-entity': 0x5e6f7081, license: 0x92a3b4c5 };

/** The 32-bit key everything about (seed, kind) derives from. */
export function kindKey(seed: string, kind: GenerateKind): number {
  return mix32(fnv1a(seed) ^ KIND_SALT[kind]);
}

/**
 * Random field groups. A group's values come from hash(kindKey, group, index); for a named
 * source, a `drift` share of indexes (chosen per source and group) use hash(kindKey, group,
 * source, index) instead, so two sources agree on most people but not all.
 */
export class Groups {
  private readonly base: Uint32Array;
  private readonly alt: Uint32Array;
  private readonly pick: Uint32Array;
  private readonly named: boolean;
  private readonly threshold: number;
  readonly rng = new RowRng();

  constructor(kindKey: number, settings: GeneratorSettings, groupCount: number) {
    const src = fnv1a(`source:${settings.source}`);
    this.named = settings.source !== '';
    this.threshold = settings.drift * 4294967296;
    this.base = new Uint32Array(groupCount);
    this.alt = new Uint32Array(groupCount);
    this.pick = new Uint32Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      this.base[g] = mix32(kindKey ^ mix32(0x3c6ef372 + g));
      this.alt[g] = mix32(this.base[g] ^ src ^ 0x1f83d9ab);
      this.pick[g] = mix32(this.base[g] ^ src ^ 0x5be0cd19);
    }
  }

  /** Does this source draw group g of index i differently from the canonical source? */
  drifts(g: number, index: number): boolean {
    return this.named && hashIndex(this.pick[g], index) < this.threshold;
  }

  /** Resets the shared rng to group g of index i (canonical unless drifted) and returns it. */
  at(g: number, index: number): RowRng {
    return this.rng.reset(this.drifts(g, index) ? hashIndex(this.alt[g], index) : hashIndex(this.base[g], index));
  }

  /** Always the canonical values of group g (for facts every source agrees on). */
  canonical(g: number, index: number): RowRng {
    return this.rng.reset(hashIndex(this.base[g], index));
  }
}

export type FaultChoice = { code: FaultCode; column: string; weight: number };
export type VariantChoice = { code: VariantCode; column: string; weight: number };

/**
 * Which rows are anomalous: u = hash(kindKey, source, index) / 2^32; u < badFraction → a
 * fault, badFraction ≤ u < badFraction + variantFraction → a variant. Raising a fraction keeps
 * every row that was already anomalous (and its anomaly).
 */
export class AnomalyRoll {
  private readonly rollKey: number;
  private readonly choiceKey: number;
  private readonly shapeKey: number;
  private readonly bad: number;
  private readonly variant: number;
  private readonly faults: Weighted<FaultChoice>;
  private readonly variants: Weighted<VariantChoice>;
  private readonly rng = new RowRng();

  constructor(kindKey: number, settings: GeneratorSettings, faults: FaultChoice[], variants: VariantChoice[]) {
    const src = fnv1a(`source:${settings.source}`);
    this.rollKey = mix32(kindKey ^ src ^ 0x6a09e667);
    this.choiceKey = mix32(kindKey ^ src ^ 0xbb67ae85);
    this.shapeKey = mix32(kindKey ^ src ^ 0x3c6ef372);
    this.bad = settings.badFraction * 4294967296;
    this.variant = (settings.badFraction + settings.variantFraction) * 4294967296;
    this.faults = new Weighted(faults.map((f) => [f, f.weight] as const));
    this.variants = new Weighted(variants.map((v) => [v, v.weight] as const));
  }

  /** 'fault' | 'variant' | null for index i. */
  kind(index: number): 'fault' | 'variant' | null {
    if (this.variant === 0) return null;
    const u = hashIndex(this.rollKey, index);
    if (u < this.bad) return 'fault';
    if (u < this.variant) return 'variant';
    return null;
  }

  /** The rng for choosing and shaping the anomaly of index i. */
  choice(index: number): RowRng {
    return this.rng.reset(hashIndex(this.choiceKey, index));
  }

  /** The rng for shaping the bad value of index i (which wrong digit, which impossible date). */
  shape(index: number): RowRng {
    return this.rng.reset(hashIndex(this.shapeKey, index));
  }

  /** The anomaly of index i, or null: the fault or variant drawn for it. */
  at(index: number): Anomaly | null {
    const kind = this.kind(index);
    if (kind === null) return null;
    if (kind === 'fault') {
      const f = this.faults.draw(this.choice(index));
      return { code: f.code, bad: true, column: f.column };
    }
    const v = this.variants.draw(this.choice(index));
    return { code: v.code, bad: false, column: v.column };
  }
}

/** Length in Unicode code points (what "too long" means for Chinese text). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** A value longer than `max` characters, made by repeating the original (or `filler`). */
export function overLong(value: string, max: number, rng: RowRng, filler = '补充说明'): string {
  const unit = value === '' ? filler : value;
  let s = value;
  const target = max + 1 + rng.below(Math.max(2, Math.ceil(max / 10)));
  while (codePointLength(s) < target) s += unit;
  return s;
}

/** A date in the day's year that does not exist, as 'YYYY-MM-DD'. */
export function impossibleDate(day: number, rng: RowRng): string {
  const s = isoDay(day);
  const y = yearOfDay(day);
  const mm = s.slice(5, 7);
  const dd = s.slice(8, 10);
  switch (rng.below(6)) {
    case 0:
      return `${y}-02-30`;
    case 1:
      return `${y}-13-${dd}`;
    case 2:
      return `${y}-${mm}-32`;
    case 3:
      return `${y}-04-31`;
    case 4:
      return `${y}-00-${dd}`;
    default: {
      // 29 February of a common year near y.
      let cy = y;
      while ((cy % 4 === 0 && cy % 100 !== 0) || cy % 400 === 0) cy++;
      return `${cy}-02-29`;
    }
  }
}

/** 8 digits YYYYMMDD that are not a calendar date (for an ID number's birth date). */
export function impossibleCompactDate(day: number, rng: RowRng): string {
  return impossibleDate(day, rng).replace(/-/g, '');
}

/** ASCII digits and capital letters as their full-width forms (０-９, Ａ-Ｚ). */
export function fullWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? String.fromCharCode(c + 0xfee0) : s[i];
  }
  return out;
}

/** Modular inverse of a mod m (a and m coprime, both below 2^26). */
export function modInverse(a: number, m: number): number {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1) throw new Error(`${a} has no inverse mod ${m}`);
  return ((s0 % m) + m) % m;
}

/** (a * x) mod m without losing precision for a, x, m below 2^31. */
export function mulMod(a: number, x: number, m: number): number {
  const hi = Math.floor(x / 65536);
  const lo = x % 65536;
  return (((a * hi) % m) * 65536 + a * lo) % m;
}
