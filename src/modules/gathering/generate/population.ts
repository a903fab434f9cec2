/**
 * 淄博市户籍人口基本信息: one row per registered resident.
 *
 * Key derivation (index → 公民身份号码), all from kindKey = mix32(FNV-1a(seed) ^ salt):
 *   1. p = π(index), π a keyed Feistel permutation of [0, S) (permutation.ts), keyed by kindKey.
 *   2. [0, S) is cut into cells, one per (district, birth year), in the order of DISTRICTS
 *      (370302 … 370323) × years 1925 … 2025. Cell (d, y) holds daysInYear(y) × cap(d, y)
 *      values, where cap(d, y) = max(1, round(1000 × districtWeight(d) × yearWeight(y))) ≤ 1000
 *      (the weights shape the population pyramid and district sizes). S = Σ cells ≈ 96 M.
 *   3. In p's cell at offset o: birth day = 1 Jan y + (o mod daysInYear(y)),
 *      k = floor(o / daysInYear(y)), 3-digit sequence = (389 k + 17) mod 1000 (odd = male).
 *   4. ID = district code + YYYYMMDD + sequence + GB 11643 check character.
 * Distinct indexes land on distinct (district, day, sequence), so keys never repeat, and the
 * key of index i depends on nothing but (seed, i).
 */
import { CITIZEN_ID_CHECK_CHARS, citizenIdCheckDigit, citizenIdWeightedSum } from '../../../platform/validators/index.js';
import { AS_OF_DAY, compactDay, daysInYear, firstDayOfYear, yearOfDay } from './calendar.js';
import { ITEM_LENGTHS, POPULATION_COLUMNS } from './columns.js';
import {
  type Anomaly,
  AnomalyRoll,
  type FaultChoice,
  fullWidth,
  type GeneratorSettings,
  Groups,
  impossibleCompactDate,
  impossibleDate,
  kindKey,
  modInverse,
  overLong,
  type RowGenerator,
  type VariantChoice,
} from './common.js';
import { type RowRng, Weighted } from './hash.js';
import { type NameMode, personName, writeName } from './names.js';
import { keyedPermutation, type Permutation } from './permutation.js';
import { DISTRICTS, type District, pickDistrict, writeResidence } from './places.js';
import { ETHNICITY_CODES } from './vocab.js';
import { ByteRowWriter, type Piece, piece, type RowWriter, StringRowWriter } from './writer.js';

const FIRST_BIRTH_YEAR = 1925;
const LAST_BIRTH_YEAR = 2025;
const YEARS = LAST_BIRTH_YEAR - FIRST_BIRTH_YEAR + 1;
const SEQ_MUL = 389;
const SEQ_ADD = 17;
const SEQ_INV = modInverse(SEQ_MUL, 1000);

/** Relative number of living registered residents born in a year (max 1): an aging pyramid. */
function birthYearWeight(y: number): number {
  if (y < 1930) return 0.02 + 0.012 * (y - 1925);
  if (y < 1940) return 0.1 + 0.025 * (y - 1930);
  if (y < 1950) return 0.35 + 0.02 * (y - 1940);
  if (y < 1959) return 0.6 + 0.015 * (y - 1950);
  if (y < 1962) return 0.5;
  if (y < 1976) return y <= 1970 ? 1 : 0.95;
  if (y < 1985) return 0.72;
  if (y < 1992) return 0.88;
  if (y < 2000) return 0.62;
  if (y < 2010) return 0.5;
  if (y < 2016) return 0.55;
  if (y < 2018) return 0.66;
  if (y < 2022) return 0.45 - 0.03 * (y - 2018);
  return 0.3 - 0.015 * (y - 2022);
}

const SEQ3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const SEQ_SUM = SEQ3.map((s) => citizenIdWeightedSum(s, 14));

/** The part of the key space layout that does not depend on the seed: built once. */
class Layout {
  readonly starts: Float64Array;
  readonly caps: Int32Array;
  readonly size: number;
  readonly yearStart = new Int32Array(YEARS);
  readonly yearDays = new Int32Array(YEARS);
  readonly regionSum: number[];
  /** Σ weighted digits of YYYYMMDD for each birth day, indexed by day - first birth day. */
  readonly dateSum: Int32Array;
  readonly firstDay: number;

  constructor() {
    const cells = DISTRICTS.length * YEARS;
    this.starts = new Float64Array(cells + 1);
    this.caps = new Int32Array(cells);
    for (let y = 0; y < YEARS; y++) {
      this.yearStart[y] = firstDayOfYear(FIRST_BIRTH_YEAR + y);
      this.yearDays[y] = daysInYear(FIRST_BIRTH_YEAR + y);
    }
    let total = 0;
    DISTRICTS.forEach((d, di) => {
      for (let y = 0; y < YEARS; y++) {
        const c = di * YEARS + y;
        this.caps[c] = Math.max(1, Math.min(1000, Math.round(1000 * d.weight * birthYearWeight(FIRST_BIRTH_YEAR + y))));
        this.starts[c] = total;
        total += this.caps[c] * this.yearDays[y];
      }
    });
    this.starts[cells] = total;
    this.size = total;
    this.regionSum = DISTRICTS.map((d) => citizenIdWeightedSum(d.code, 0));
    this.firstDay = this.yearStart[0];
    const lastDay = this.yearStart[YEARS - 1] + this.yearDays[YEARS - 1];
    this.dateSum = new Int32Array(lastDay - this.firstDay);
    for (let day = this.firstDay; day < lastDay; day++) this.dateSum[day - this.firstDay] = citizenIdWeightedSum(compactDay(day), 6);
  }

  cellOf(p: number): number {
    let lo = 0;
    let hi = this.caps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

let layout: Layout | undefined;
const getLayout = () => {
  layout ??= new Layout();
  return layout;
};

/** The canonical facts of one person: what every source agrees on. */
export type Person = { index: number; id: string; district: District; birthDay: number; sex: '1' | '2'; name: string };

// Field groups (see Groups): canonical facts first, then what sources may disagree on.
const G_NAME = 0;
const G_ETHNIC = 1;
const G_HOME = 2;
const G_FAMILY = 3;
const G_EDU = 4;
const G_RARE = 5;
const GROUPS = 6;

const POPULATION_FAULTS: FaultChoice[] = [
  { code: 'id-check-digit', column: '公民身份号码', weight: 3 },
  { code: 'id-birth-date', column: '公民身份号码', weight: 2 },
  { code: 'bad-date', column: '出生日期', weight: 1 },
  { code: 'bad-date', column: '户籍登记日期', weight: 1 },
  { code: 'over-long', column: '户籍地址', weight: 1 },
  { code: 'over-long', column: '户号', weight: 0.5 },
  { code: 'over-long', column: '所属派出所', weight: 0.5 },
];

/** id-15-digit falls back to full-width digits for people born outside 1900-1999. */
const POPULATION_VARIANTS: VariantChoice[] = [
  { code: 'id-15-digit', column: '公民身份号码', weight: 4 },
  { code: 'full-width-digits', column: '公民身份号码', weight: 4 },
  { code: 'empty-name', column: '姓名', weight: 2 },
];

const ethnicity = new Weighted(ETHNICITY_CODES);
const DISTRICT_PIECES = DISTRICTS.map((d) => piece(d.code));

const COL = Object.fromEntries(POPULATION_COLUMNS.map((c, i) => [c, i])) as Record<(typeof POPULATION_COLUMNS)[number], number>;

/** Date of the 1958 户口登记条例: nobody's registration is recorded before it. */
const REGISTRATION_START = firstDayOfYear(1958) + 8;

function maritalStatus(rng: RowRng, age: number): string {
  const u = rng.unit();
  if (age < 20) return '10';
  if (age < 25) return u < 0.7 ? '10' : '20';
  if (age < 30) return u < 0.35 ? '10' : u < 0.95 ? '20' : u < 0.98 ? '40' : '22';
  if (age < 60) return u < 0.05 ? '10' : u < 0.88 ? '20' : u < 0.91 ? '22' : u < 0.99 ? '40' : '30';
  if (age < 75) return u < 0.01 ? '10' : u < 0.8 ? '20' : u < 0.82 ? '22' : u < 0.87 ? '40' : '30';
  return u < 0.02 ? '10' : u < 0.5 ? '20' : u < 0.53 ? '40' : '30';
}

function education(rng: RowRng, age: number): string {
  const u = rng.unit();
  if (age < 6) return '90';
  if (age < 12) return '80';
  if (age < 15) return '70';
  if (age < 18) return u < 0.7 ? '60' : '40';
  if (age < 23) return u < 0.3 ? '60' : u < 0.5 ? '40' : u < 0.7 ? '30' : u < 0.95 ? '20' : '70';
  if (age < 41) return u < 0.06 ? '10' : u < 0.36 ? '20' : u < 0.61 ? '30' : u < 0.71 ? '40' : u < 0.85 ? '60' : u < 0.98 ? '70' : '80';
  if (age < 61) return u < 0.02 ? '10' : u < 0.14 ? '20' : u < 0.29 ? '30' : u < 0.39 ? '40' : u < 0.61 ? '60' : u < 0.91 ? '70' : '80';
  return u < 0.04 ? '20' : u < 0.09 ? '30' : u < 0.24 ? '60' : u < 0.54 ? '70' : u < 0.89 ? '80' : '90';
}

const R = Object.fromEntries('子 女 孙子 孙女 外孙子 外孙女 户主 配偶 女婿 儿媳 父亲 母亲'.split(' ').map((r) => [r, piece(r)])) as Record<string, Piece>;

function relation(rng: RowRng, age: number, male: boolean, marital: string): Piece {
  const u = rng.unit();
  if (age < 18) return u < 0.75 ? (male ? R.子 : R.女) : u < 0.95 ? (male ? R.孙子 : R.孙女) : male ? R.外孙子 : R.外孙女;
  if (marital === '10') return u < 0.85 ? (male ? R.子 : R.女) : u < 0.95 ? R.户主 : male ? R.孙子 : R.孙女;
  if (age < 65) return u < 0.47 ? R.户主 : u < 0.9 ? R.配偶 : u < 0.95 ? (male ? R.子 : R.女) : male ? R.女婿 : R.儿媳;
  return u < 0.5 ? R.户主 : u < 0.8 ? R.配偶 : male ? R.父亲 : R.母亲;
}

export class PopulationGenerator implements RowGenerator {
  readonly columns = POPULATION_COLUMNS;
  readonly keySpace: number;
  private readonly L = getLayout();
  private readonly perm: Permutation;
  private readonly groups: Groups;
  private readonly roll: AnomalyRoll;
  private readonly gbkOnly: boolean;
  private readonly nameMode: NameMode;
  private readonly strings = new StringRowWriter();
  private readonly bytes = new ByteRowWriter();
  // Decomposition of the last index asked for (fill() and anomaly() ask for the same one).
  private lastIndex = -1;
  private cDistrict = 0;
  private cDay = 0;
  private cSeq = 0;
  private cId = '';
  private cCheck = '';

  constructor(readonly settings: GeneratorSettings) {
    const key = kindKey(settings.seed, 'population');
    this.keySpace = this.L.size;
    this.perm = keyedPermutation(this.L.size, key);
    this.groups = new Groups(key, settings, GROUPS);
    this.roll = new AnomalyRoll(key, settings, POPULATION_FAULTS, POPULATION_VARIANTS);
    this.gbkOnly = settings.encoding === 'gbk';
    this.nameMode = { gbkOnly: this.gbkOnly, substituteRare: false };
  }

  private decompose(index: number): void {
    if (index === this.lastIndex) return;
    const L = this.L;
    const p = this.perm.forward(index);
    const c = L.cellOf(p);
    const di = Math.floor(c / YEARS);
    const y = c - di * YEARS;
    const o = p - L.starts[c];
    const days = L.yearDays[y];
    const dayIdx = o % days;
    const k = (o - dayIdx) / days;
    const seq = (SEQ_MUL * k + SEQ_ADD) % 1000;
    const day = L.yearStart[y] + dayIdx;
    const sum = L.regionSum[di] + L.dateSum[day - L.firstDay] + SEQ_SUM[seq];
    this.cDistrict = di;
    this.cDay = day;
    this.cSeq = seq;
    this.cCheck = CITIZEN_ID_CHECK_CHARS[sum % 11];
    this.cId = DISTRICTS[di].code + compactDay(day) + SEQ3[seq] + this.cCheck;
    this.lastIndex = index;
  }

  key(index: number): string {
    this.decompose(index);
    return this.cId;
  }

  indexOfKey(key: string): number | null {
    if (!/^\d{17}[\dX]$/.test(key)) return null;
    const di = DISTRICTS.findIndex((d) => d.code === key.slice(0, 6));
    const y = Number(key.slice(6, 10)) - FIRST_BIRTH_YEAR;
    if (di < 0 || y < 0 || y >= YEARS) return null;
    const dayIdx = Math.round(Date.UTC(Number(key.slice(6, 10)), Number(key.slice(10, 12)) - 1, Number(key.slice(12, 14))) / 86_400_000) - this.L.yearStart[y];
    if (!(dayIdx >= 0 && dayIdx < this.L.yearDays[y]) || compactDay(this.L.yearStart[y] + dayIdx) !== key.slice(6, 14)) return null;
    const k = ((Number(key.slice(14, 17)) - SEQ_ADD + 1000) * SEQ_INV) % 1000;
    const c = di * YEARS + y;
    if (k >= this.L.caps[c]) return null;
    const index = this.perm.inverse(this.L.starts[c] + k * this.L.yearDays[y] + dayIdx);
    return this.key(index) === key ? index : null;
  }

  /** Birth day and district code of index i, without the rest of the row (cheap). */
  birthAndDistrict(index: number): { birthDay: number; district: string } {
    this.decompose(index);
    return { birthDay: this.cDay, district: DISTRICTS[this.cDistrict].code };
  }

  /** The canonical person at an index (used by the licence generator to pick holders). */
  person(index: number): Person {
    this.decompose(index);
    const sex = this.cSeq % 2 === 1 ? '1' : '2';
    const rng = this.groups.canonical(G_NAME, index);
    const name = personName(rng, sex, yearOfDay(this.cDay), { gbkOnly: this.gbkOnly, substituteRare: false });
    return { index, id: this.cId, district: DISTRICTS[this.cDistrict], birthDay: this.cDay, sex, name };
  }

  anomaly(index: number): Anomaly | null {
    const a = this.roll.at(index);
    if (a?.code !== 'id-15-digit') return a;
    this.decompose(index);
    const year = yearOfDay(this.cDay);
    return year >= 1900 && year <= 1999 ? a : { code: 'full-width-digits', bad: false, column: a.column };
  }

  /** Writes index i's canonical-or-drifted row (no anomaly), value by value, in column order. */
  private emit(index: number, w: RowWriter): void {
    this.decompose(index);
    const day = this.cDay;
    const g = this.groups;
    const male = this.cSeq % 2 === 1;
    const sex = male ? '1' : '2';
    const birthYear = yearOfDay(day);
    const age = 2025 - birthYear;

    this.nameMode.substituteRare = g.drifts(G_RARE, index);
    writeName(g.canonical(G_NAME, index), sex, birthYear, this.nameMode, w);
    w.sep();
    w.p(DISTRICT_PIECES[this.cDistrict]);
    w.day(day, false);
    w.digits(this.cSeq, 3);
    w.a(this.cCheck);
    w.sep();
    w.a(sex);
    w.sep();
    w.a(ethnicity.draw(g.canonical(G_ETHNIC, index)));
    w.sep();
    w.day(day, true);
    w.sep();

    let rng = g.at(G_HOME, index);
    const home = rng.chance(0.88) ? DISTRICTS[this.cDistrict] : pickDistrict(rng);
    const town = writeResidence(rng, home, w);
    w.sep();
    // 户号: 9 digits, not starting with 0.
    w.digits(100 + rng.below(900), 3);
    w.digits(rng.below(1000), 3);
    w.digits(rng.below(1000), 3);
    w.sep();
    let reg: number;
    if (day < REGISTRATION_START) reg = REGISTRATION_START + rng.below(365 * 3);
    else if (rng.chance(0.75)) reg = day + rng.below(120);
    else reg = day + rng.below(AS_OF_DAY - day + 1);

    rng = g.at(G_FAMILY, index);
    const marital = maritalStatus(rng, age);
    w.p(relation(rng, age, male, marital));
    w.sep();
    w.a(marital);
    w.sep();
    w.a(education(g.at(G_EDU, index), age));
    w.sep();
    w.day(Math.min(reg, AS_OF_DAY), true);
    w.sep();
    w.p(town.policePiece);
  }

  fill(index: number, out: string[]): void {
    this.strings.start(out);
    this.emit(index, this.strings);
    this.strings.finish();
    const a = this.anomaly(index);
    if (a) this.applyAnomaly(index, a, out);
  }

  encodeRow(index: number, buf: Uint8Array, off: number): number {
    if (this.roll.kind(index) !== null) return -1;
    const w = this.bytes;
    w.buf = buf;
    w.off = off;
    this.emit(index, w);
    buf[w.off++] = 10;
    return w.off;
  }

  private applyAnomaly(index: number, a: Anomaly, out: string[]): void {
    this.decompose(index);
    const id17 = this.cId.slice(0, 17);
    const check = this.cId[17];
    const rng = this.roll.shape(index);
    switch (a.code) {
      case 'id-check-digit': {
        const right = CITIZEN_ID_CHECK_CHARS.indexOf(check);
        out[COL.公民身份号码] = id17 + CITIZEN_ID_CHECK_CHARS[(right + 1 + rng.below(10)) % 11];
        break;
      }
      case 'id-birth-date': {
        const body = id17.slice(0, 6) + impossibleCompactDate(this.cDay, rng) + id17.slice(14);
        out[COL.公民身份号码] = body + citizenIdCheckDigit(body);
        break;
      }
      case 'empty-name':
        out[COL.姓名] = '';
        break;
      case 'bad-date':
        out[COL[a.column as '出生日期' | '户籍登记日期']] = impossibleDate(this.cDay, rng);
        break;
      case 'over-long': {
        const col = COL[a.column as '户籍地址' | '户号' | '所属派出所'];
        out[col] = overLong(out[col], ITEM_LENGTHS[a.column], rng);
        break;
      }
      case 'id-15-digit':
        out[COL.公民身份号码] = id17.slice(0, 6) + id17.slice(8, 17);
        break;
      case 'full-width-digits':
        out[COL.公民身份号码] = fullWidth(out[COL.公民身份号码]);
        break;
    }
  }
}
