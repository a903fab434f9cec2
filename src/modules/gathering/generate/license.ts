/**
 * 电子证照目录及照面信息: one row per licence in the 电子证照库, from eight licence types
 * (four held by organizations, four by people).
 *
 * Key derivation (index → 证照编号), from kindKey(seed, 'license'):
 *   1. p = π(index), π a keyed Feistel permutation of [0, S).
 *   2. [0, S) is cut into cells, one per (licence type, region, year-or-variant), in the order
 *      of LICENSE_TYPES × the type's regions × its years (or 业态 variants); a type gets
 *      round(50 M × its share) values, split evenly over its cells. S ≈ 50 M.
 *   3. The offset o in the cell is the serial number (o + 1), and the type's format writes
 *      region, year/variant and serial into the number, with a distinct shape per type, so
 *      numbers never repeat. Where the year is in the number, it is the issue year.
 * Holders are people or entities of the other two kinds generated with the same seed:
 * holder index = hash(kindKey, index, try) mod 4.7 M (people) or 1 M (entities), so a
 * licence's 持证主体代码 and 持证主体名称 join to `population` / `legal-entity` rows; tries go
 * on (up to 32) until the holder exists on the issue day and is registered in the issuing
 * region.
 */
import { AS_OF_DAY, addYears, firstDayOfYear, isoDay } from './calendar.js';
import { ITEM_LENGTHS, LICENSE_COLUMNS } from './columns.js';
import {
  type Anomaly,
  AnomalyRoll,
  type FaultChoice,
  fullWidth,
  type GeneratorSettings,
  Groups,
  impossibleDate,
  kindKey,
  overLong,
  type RowGenerator,
  type VariantChoice,
} from './common.js';
import { hashIndex, mix32 } from './hash.js';
import { type Entity, LegalEntityGenerator } from './legal-entity.js';
import { keyedPermutation, type Permutation } from './permutation.js';
import { type AuthorityKind, abbreviateAuthority, authority, DISTRICT_BY_CODE, REGION_CODES } from './places.js';
import { type Person, PopulationGenerator } from './population.js';

/** Licence holders are drawn from the first 4.7 M people (Zibo's population) … */
export const PERSON_HOLDER_POOL = 4_700_000;
/** … and the first 1 M legal entities. */
export const ENTITY_HOLDER_POOL = 1_000_000;

type LicenseType = {
  name: string;
  holder: 'person' | 'entity';
  share: number;
  authority: AuthorityKind;
  regions: readonly string[];
  /** Issue years written into the number, or null (then the number has `variants` instead). */
  years: readonly [number, number] | null;
  variants: number;
  serialDigits: number;
  /** Validity in years; 0 = 长期. */
  validity: readonly number[];
  /** Earliest issue day for types whose number has no year. */
  since: string;
  format: (region: string, yearOrVariant: number, serial: number) => string;
  parse: RegExp;
};

const DISTRICT_CODES = REGION_CODES.filter((r) => r !== '370300');
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** ISO 7064 MOD 11,10 check digit (as in the 15-digit 注册号 of pre-2015 business licences). */
function mod1110(digits: string): string {
  let p = 10;
  for (let i = 0; i < digits.length; i++) {
    let s = (p + digits.charCodeAt(i) - 48) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  return String((11 - p) % 10);
}

function regionName(region: string): string {
  return DISTRICT_BY_CODE.get(region)?.name ?? '淄博市';
}

export const LICENSE_TYPES: readonly LicenseType[] = [
  {
    name: '营业执照',
    holder: 'entity',
    share: 0.3,
    authority: 'market',
    regions: REGION_CODES,
    years: null,
    variants: 1,
    serialDigits: 8,
    validity: [0],
    since: '1990-01-01',
    format: (r, _v, s) => {
      const d = r + pad(s, 8);
      return d + mod1110(d);
    },
    parse: /^(3703\d{2})(\d{8})\d$/,
  },
  {
    name: '食品经营许可证',
    holder: 'entity',
    share: 0.15,
    authority: 'market',
    regions: REGION_CODES,
    years: null,
    variants: 3,
    serialDigits: 6,
    validity: [5],
    since: '2016-01-01',
    format: (r, v, s) => {
      const d = `${v + 1}${r}${pad(s, 6)}`;
      return `JY${d}${mod1110(d)}`;
    },
    parse: /^JY([1-3])(3703\d{2})(\d{6})\d$/,
  },
  {
    name: '公共场所卫生许可证',
    holder: 'entity',
    share: 0.06,
    authority: 'health',
    regions: REGION_CODES,
    years: [2016, 2025],
    variants: 1,
    serialDigits: 6,
    validity: [4],
    since: '',
    format: (r, y, s) => `鲁卫公证字〔${y}〕第${r}-${pad(s, 6)}号`,
    parse: /^鲁卫公证字〔(\d{4})〕第(3703\d{2})-(\d{6})号$/,
  },
  {
    name: '道路运输经营许可证',
    holder: 'entity',
    share: 0.05,
    authority: 'transport',
    regions: REGION_CODES,
    years: null,
    variants: 1,
    serialDigits: 6,
    validity: [4],
    since: '2012-01-01',
    format: (r, _v, s) => `鲁交运管许可淄字${r}${pad(s, 6)}号`,
    parse: /^鲁交运管许可淄字(3703\d{2})(\d{6})号$/,
  },
  {
    name: '不动产权证书',
    holder: 'person',
    share: 0.2,
    authority: 'resources',
    regions: REGION_CODES,
    years: [2016, 2025],
    variants: 1,
    serialDigits: 7,
    validity: [0],
    since: '',
    format: (r, y, s) => `鲁（${y}）${regionName(r)}不动产权第${pad(s, 7)}号`,
    parse: /^鲁（(\d{4})）(\S+?)不动产权第(\d{7})号$/,
  },
  {
    name: '结婚证',
    holder: 'person',
    share: 0.1,
    authority: 'civil',
    regions: DISTRICT_CODES,
    years: [2000, 2025],
    variants: 1,
    serialDigits: 6,
    validity: [0],
    since: '',
    format: (r, y, s) => `J${r}-${y}-${pad(s, 6)}`,
    parse: /^J(3703\d{2})-(\d{4})-(\d{6})$/,
  },
  {
    name: '机动车驾驶证',
    holder: 'person',
    share: 0.1,
    authority: 'traffic-police',
    regions: DISTRICT_CODES,
    years: null,
    variants: 1,
    serialDigits: 6,
    validity: [6, 10, 0],
    since: '2000-01-01',
    format: (r, _v, s) => `${r}${pad(s, 6)}`,
    parse: /^(3703\d{2})(\d{6})$/,
  },
  {
    name: '教师资格证',
    holder: 'person',
    share: 0.04,
    authority: 'education',
    regions: REGION_CODES,
    years: [2012, 2025],
    variants: 1,
    serialDigits: 7,
    validity: [0],
    since: '',
    format: (r, y, s) => `${y}${r}${pad(s, 7)}`,
    parse: /^(\d{4})(3703\d{2})(\d{7})$/,
  },
];

const TARGET = 50_000_000;

type Cell = { type: number; region: string; yv: number; start: number; cap: number };

class Layout {
  readonly cells: Cell[] = [];
  readonly starts: Float64Array;
  readonly size: number;
  /** type → region → yv → cell index */
  readonly lookup = new Map<string, number>();
  constructor() {
    let total = 0;
    LICENSE_TYPES.forEach((t, ti) => {
      const yvs = t.years ? Array.from({ length: t.years[1] - t.years[0] + 1 }, (_, i) => t.years![0] + i) : Array.from({ length: t.variants }, (_, i) => i);
      const cap = Math.min(10 ** t.serialDigits - 1, Math.round((TARGET * t.share) / (t.regions.length * yvs.length)));
      for (const region of t.regions) {
        for (const yv of yvs) {
          this.lookup.set(`${ti}|${region}|${yv}`, this.cells.length);
          this.cells.push({ type: ti, region, yv, start: total, cap });
          total += cap;
        }
      }
    });
    this.size = total;
    this.starts = new Float64Array(this.cells.length + 1);
    this.cells.forEach((c, i) => {
      this.starts[i] = c.start;
    });
    this.starts[this.cells.length] = total;
  }

  cellOf(p: number): number {
    let lo = 0;
    let hi = this.cells.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
const layout = new Layout();

const G_HOLDER = 0;
const G_ISSUE = 1;
const G_STATUS = 2;
const G_AUTHORITY = 3;
const GROUPS = 4;

const FAULTS: FaultChoice[] = [
  { code: 'bad-date', column: '发证日期', weight: 2 },
  { code: 'over-long', column: '证照编号', weight: 1 },
  { code: 'over-long', column: '持证主体名称', weight: 1 },
];

const VARIANTS: VariantChoice[] = [
  { code: 'full-width-digits', column: '发证日期', weight: 6 },
  { code: 'empty-name', column: '持证主体名称', weight: 4 },
];

const COL = Object.fromEntries(LICENSE_COLUMNS.map((c, i) => [c, i])) as Record<(typeof LICENSE_COLUMNS)[number], number>;

const HOLDER_TRIES = 32;
const ADULT_YEARS = 20;

export class LicenseGenerator implements RowGenerator {
  readonly columns = LICENSE_COLUMNS;
  readonly keySpace = layout.size;
  private readonly perm: Permutation;
  private readonly groups: Groups;
  private readonly roll: AnomalyRoll;
  private readonly holderKey: number;
  private readonly people: PopulationGenerator;
  private readonly entities: LegalEntityGenerator;

  constructor(readonly settings: GeneratorSettings) {
    const key = kindKey(settings.seed, 'license');
    this.perm = keyedPermutation(layout.size, key);
    this.groups = new Groups(key, settings, GROUPS);
    this.roll = new AnomalyRoll(key, settings, FAULTS, VARIANTS);
    this.holderKey = mix32(key ^ 0x510e527f);
    // Holders are the canonical people and entities: no source drift, no faults.
    const plain = { ...settings, source: '', badFraction: 0, variantFraction: 0 };
    this.people = new PopulationGenerator({ ...plain, kind: 'population' });
    this.entities = new LegalEntityGenerator({ ...plain, kind: 'legal-entity' });
  }

  private cell(index: number): { c: Cell; serial: number } {
    const p = this.perm.forward(index);
    const ci = layout.cellOf(p);
    const c = layout.cells[ci];
    return { c, serial: p - c.start + 1 };
  }

  key(index: number): string {
    const { c, serial } = this.cell(index);
    return LICENSE_TYPES[c.type].format(c.region, c.yv, serial);
  }

  indexOfKey(key: string): number | null {
    for (let ti = 0; ti < LICENSE_TYPES.length; ti++) {
      const t = LICENSE_TYPES[ti];
      const m = t.parse.exec(key);
      if (!m) continue;
      let region: string;
      let yv: number;
      let serial: number;
      switch (t.name) {
        case '食品经营许可证':
          [yv, region, serial] = [Number(m[1]) - 1, m[2], Number(m[3])];
          break;
        case '公共场所卫生许可证':
          [yv, region, serial] = [Number(m[1]), m[2], Number(m[3])];
          break;
        case '不动产权证书': {
          const name = m[2];
          region = REGION_CODES.find((r) => regionName(r) === name) ?? '';
          [yv, serial] = [Number(m[1]), Number(m[3])];
          break;
        }
        case '结婚证':
          [region, yv, serial] = [m[1], Number(m[2]), Number(m[3])];
          break;
        case '教师资格证':
          [yv, region, serial] = [Number(m[1]), m[2], Number(m[3])];
          break;
        default:
          [region, yv, serial] = [m[1], 0, Number(m[2])];
      }
      const ci = layout.lookup.get(`${ti}|${region}|${yv}`);
      if (ci === undefined) continue;
      const c = layout.cells[ci];
      if (!(serial >= 1 && serial <= c.cap)) continue;
      const index = this.perm.inverse(c.start + serial - 1);
      if (this.key(index) === key) return index;
    }
    return null;
  }

  anomaly(index: number): Anomaly | null {
    return this.roll.at(index);
  }

  /**
   * Holder and issue day. The holder must exist (be adult / founded) on the issue day, and is
   * preferably registered in the issuing region; failing that within the tries, any holder
   * that exists in time; failing that (practically never), the last one, on its first day.
   */
  private holderAndIssue(index: number, t: LicenseType, c: Cell): { holder: Person | Entity; issue: number } {
    const rng = this.groups.canonical(G_ISSUE, index);
    const unit = rng.unit();
    let fallback = -1;
    let fallbackIssue = 0;
    let last = 0;
    let lastEarliest = 0;
    for (let attempt = 0; attempt < HOLDER_TRIES; attempt++) {
      const h = hashIndex(this.holderKey ^ mix32(attempt), index);
      let earliest: number;
      let region: string;
      if (t.holder === 'person') {
        last = h % PERSON_HOLDER_POOL;
        const p = this.people.birthAndDistrict(last);
        earliest = addYears(p.birthDay, ADULT_YEARS);
        region = p.district;
      } else {
        last = h % ENTITY_HOLDER_POOL;
        const e = this.entities.foundingAndRegion(last);
        earliest = e.foundedDay;
        region = e.region;
      }
      lastEarliest = earliest;
      const lo = Math.max(t.years ? firstDayOfYear(c.yv) : firstDayOfYear(Number(t.since.slice(0, 4))), earliest);
      const hi = t.years ? Math.min(firstDayOfYear(c.yv + 1) - 1, AS_OF_DAY) : AS_OF_DAY;
      if (lo > hi) continue;
      const issue = lo + Math.floor(unit * (hi - lo + 1));
      if (c.region === '370300' || region === c.region) return { holder: this.holder(t, last), issue };
      if (fallback < 0) [fallback, fallbackIssue] = [last, issue];
    }
    if (fallback >= 0) return { holder: this.holder(t, fallback), issue: fallbackIssue };
    return { holder: this.holder(t, last), issue: Math.min(AS_OF_DAY, lastEarliest) };
  }

  private holder(t: LicenseType, index: number): Person | Entity {
    return t.holder === 'person' ? this.people.person(index) : this.entities.entity(index);
  }

  fill(index: number, out: string[]): void {
    const { c, serial } = this.cell(index);
    const t = LICENSE_TYPES[c.type];
    const { holder, issue } = this.holderAndIssue(index, t, c);
    const g = this.groups;
    let rng = g.canonical(G_HOLDER, index);
    const years = t.validity[rng.below(t.validity.length)];
    const expiry = years === 0 ? null : addYears(issue, years) - 1;

    out[COL.证照名称] = t.name;
    out[COL.证照编号] = t.format(c.region, c.yv, serial);
    out[COL.持证主体名称] = holder.name;
    out[COL.持证主体代码] = 'id' in holder ? holder.id : holder.code;
    let issuer = authority(t.authority, c.region);
    rng = g.at(G_AUTHORITY, index);
    if (g.drifts(G_AUTHORITY, index) && rng.chance(0.5)) issuer = abbreviateAuthority(issuer);
    out[COL.发证机关] = issuer;
    out[COL.发证日期] = isoDay(issue);
    out[COL.有效期限] = expiry === null ? '长期' : `${isoDay(issue)}至${isoDay(expiry)}`;
    rng = g.at(G_STATUS, index);
    const u = rng.unit();
    out[COL.证照状态] = expiry !== null && expiry < AS_OF_DAY ? '过期' : u < 0.03 ? '注销' : u < 0.035 ? '吊销' : '有效';

    const a = this.anomaly(index);
    if (a) {
      const shape = this.roll.shape(index);
      const col = COL[a.column as (typeof LICENSE_COLUMNS)[number]];
      if (a.code === 'empty-name') out[col] = '';
      else if (a.code === 'bad-date') out[col] = impossibleDate(issue, shape);
      else if (a.code === 'over-long') out[col] = overLong(out[col], ITEM_LENGTHS[a.column], shape);
      else if (a.code === 'full-width-digits') out[col] = fullWidth(out[col]);
    }
  }
}
