/**
 * 企业登记注册信息: one row per enterprise or farmers' cooperative.
 *
 * Key derivation (index → 统一社会信用代码), from kindKey(seed, 'legal-entity'):
 *   1. p = π(index), π a keyed Feistel permutation of [0, S).
 *   2. [0, S) is cut into cells, one per (registration region r, era e), in the order
 *      REGION_CODES (370300, 370302 … 370323) × [pre-2015 numeric, 'MA' codes]; cell size =
 *      round(60 M × regionShare(r) × eraShare(e)). S ≈ 60 M.
 *   3. At offset o in the cell, the 8-character organization-code body is
 *      era 0: String(10000000 + (48271·o + 12345) mod 9·10^7)          (8 digits)
 *      era 1: 'MA' + 6 base-31 characters of (40503·o + 777) mod 31^6  (GB 32100 charset)
 *   4. Code = '9' + type ('1' company, or '3' farmers' cooperative for ~5% of indexes, from
 *      hash(kindKey, index)) + region + body + GB 11714 check + GB 32100 check.
 * (region, body) differs for every index, so codes never repeat.
 */
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, orgCodeCheckChar } from '../../../platform/validators/index.js';
import { AS_OF_DAY, dayOf, isoDay } from './calendar.js';
import { ITEM_LENGTHS, LEGAL_ENTITY_COLUMNS } from './columns.js';
import {
  type Anomaly,
  AnomalyRoll,
  type FaultChoice,
  fullWidth,
  type GeneratorSettings,
  Groups,
  impossibleDate,
  kindKey,
  modInverse,
  mulMod,
  overLong,
  type RowGenerator,
  type VariantChoice,
} from './common.js';
import { hashIndex, mix32, type RowRng, Weighted } from './hash.js';
import { anyName } from './names.js';
import { keyedPermutation, type Permutation } from './permutation.js';
import { authority, businessAddress, DISTRICT_BY_CODE, type District, pickDistrict, REGION_CODES } from './places.js';

const TARGET = 60_000_000;
const REGION_SHARE: Record<string, number> = {
  '370300': 0.1,
  '370302': 0.12,
  '370303': 0.25,
  '370304': 0.07,
  '370305': 0.14,
  '370306': 0.08,
  '370321': 0.09,
  '370322': 0.06,
  '370323': 0.09,
};
const ERA_SHARE = [0.3, 0.7];
const OLD_MOD = 90_000_000;
const OLD_MUL = 48271;
const OLD_ADD = 12345;
const MA_MOD = 31 ** 6;
const MA_MUL = 40503;
const MA_ADD = 777;
const OLD_INV = modInverse(OLD_MUL, OLD_MOD);
const MA_INV = modInverse(MA_MUL, MA_MOD);

class Layout {
  readonly caps: number[] = [];
  readonly starts: number[] = [];
  readonly size: number;
  constructor() {
    let total = 0;
    for (const r of REGION_CODES) {
      for (const e of ERA_SHARE) {
        const cap = Math.round(TARGET * REGION_SHARE[r] * e);
        this.starts.push(total);
        this.caps.push(cap);
        total += cap;
      }
    }
    this.starts.push(total);
    this.size = total;
  }
}
const layout = new Layout();

function base31(n: number, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) {
    s = CREDIT_CODE_CHARSET[n % 31] + s;
    n = Math.floor(n / 31);
  }
  return s;
}

type Industry = { word: string; scope: string[]; weight: number };

const INDUSTRIES: Industry[] = [
  ['陶瓷', '陶瓷制品制造 日用陶瓷制品销售 建筑陶瓷制品销售 卫生陶瓷制品销售 货物进出口', 8],
  ['琉璃', '玻璃制品制造 工艺美术品及礼仪用品制造 工艺美术品及收藏品零售 技术进出口', 2],
  ['化工', '化工产品生产（不含许可类化工产品） 化工产品销售（不含许可类化工产品） 专用化学产品销售 合成材料销售', 6],
  ['石化', '石油制品销售（不含危险化学品） 润滑油销售 化工产品销售（不含许可类化工产品）', 2],
  ['机械', '通用设备制造（不含特种设备制造） 机械零件、零部件加工 机械设备销售 金属切削加工服务', 7],
  ['泵业', '泵及真空设备制造 泵及真空设备销售 通用设备修理', 2],
  ['建材', '建筑材料销售 轻质建筑材料制造 水泥制品销售 砼结构构件销售', 5],
  ['耐火材料', '耐火材料生产 耐火材料销售 非金属矿物制品制造', 3],
  ['商贸', '日用百货销售 五金产品零售 针纺织品销售 食品销售（仅销售预包装食品） 办公用品销售', 14],
  ['纺织', '面料纺织加工 服装制造 服装服饰批发 针纺织品及原料销售', 3],
  ['丝绸', '丝绸制品销售 针织或钩针编织物及其制品制造 服装服饰零售', 1],
  ['医药', '第二类医疗器械销售 保健食品（预包装）销售 卫生用品和一次性使用医疗用品销售', 3],
  ['物流', '普通货物仓储服务（不含危险化学品等需许可审批的项目） 国内货物运输代理 装卸搬运 道路货物运输（不含危险货物）', 5],
  ['食品', '食品生产 食品销售 农副产品销售 食用农产品初加工', 4],
  ['电子科技', '电子元器件制造 电子产品销售 技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广', 5],
  ['新材料', '新材料技术研发 石墨及碳素制品制造 非金属矿及制品销售', 3],
  ['环保科技', '环保咨询服务 大气污染治理 水污染治理 固体废物治理', 3],
  ['汽车配件', '汽车零部件及配件制造 汽车零配件批发 机动车修理和维护', 3],
  ['餐饮管理', '餐饮服务 餐饮管理 食品销售（仅销售预包装食品） 外卖递送服务', 5],
  ['建筑工程', '建设工程施工 住宅室内装饰装修 土石方工程施工 园林绿化工程施工', 6],
  ['信息技术', '软件开发 信息系统集成服务 信息技术咨询服务 数据处理服务', 4],
  ['农业发展', '谷物种植 蔬菜种植 水果种植 农产品的生产、销售、加工、运输、贮藏及其他相关服务', 3],
  ['文化传媒', '组织文化艺术交流活动 广告设计、代理 广告制作 会议及展览服务', 3],
].map(([word, scope, weight]) => ({ word: word as string, scope: (scope as string).split(' '), weight: weight as number }));

const COOP_PRODUCTS = ['果蔬种植', '蔬菜种植', '粮食种植', '苹果种植', '黑牛养殖', '生猪养殖', '花卉苗木', '中药材种植', '食用菌种植', '水产养殖'];
const ZIHAO = '鑫华盛泰金宏博鲁齐德恒瑞昌隆源丰达新光明通远安康永兴利和福佳嘉正信诚汇创宇海天润众联科锦辉凯盈俊豪迈航硕晟鼎'.split('');

const COMPANY_TYPES = new Weighted<string>([
  ['有限责任公司（自然人投资或控股）', 50],
  ['有限责任公司（自然人独资）', 22],
  ['有限责任公司（非自然人投资或控股的法人独资）', 5],
  ['股份有限公司（非上市、自然人投资或控股）', 3],
  ['有限责任公司（国有独资）', 1],
  ['个人独资企业', 10],
  ['有限合伙企业', 4],
  ['有限责任公司分公司（自然人投资或控股）', 5],
]);
const industries = new Weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
const CAPITALS = new Weighted<string>(
  (
    [
      ['3', 2],
      ['5', 4],
      ['10', 8],
      ['20', 6],
      ['30', 6],
      ['50', 12],
      ['100', 18],
      ['200', 10],
      ['300', 8],
      ['500', 10],
      ['800', 3],
      ['1000', 7],
      ['2000', 3],
      ['3000', 2],
      ['5000', 2],
      ['10000', 1],
      ['128.5', 0.5],
      ['1260', 0.5],
    ] as [string, number][]
  ).map(([v, w]) => [v, w] as const),
);
const COOP_CAPITALS = ['10', '20', '50', '100', '200', '300', '500'];
const STATUS_OLD = new Weighted<string>([
  ['存续（在营、开业、在册）', 60],
  ['注销', 25],
  ['吊销，未注销', 13],
  ['迁出', 2],
]);
const STATUS_NEW = new Weighted<string>([
  ['存续（在营、开业、在册）', 88],
  ['注销', 10],
  ['吊销，未注销', 1.5],
  ['迁出', 0.5],
]);

const OLD_FIRST = dayOf('1980-01-01');
const OLD_LAST = dayOf('2015-09-30');
const NEW_FIRST = dayOf('2015-10-01');

const G_CORE = 0;
const G_REP = 1;
const G_CAPITAL = 2;
const G_ADDRESS = 3;
const G_STATUS = 4;
const GROUPS = 5;

const FAULTS: FaultChoice[] = [
  { code: 'credit-check-char', column: '统一社会信用代码', weight: 4 },
  { code: 'bad-date', column: '成立日期', weight: 1 },
  { code: 'bad-date', column: '核准日期', weight: 1 },
  { code: 'over-long', column: '单位名称', weight: 1 },
  { code: 'over-long', column: '住所', weight: 1 },
  { code: 'over-long', column: '经营范围', weight: 0.5 },
];

const VARIANTS: VariantChoice[] = [
  { code: 'full-width-digits', column: '统一社会信用代码', weight: 7 },
  { code: 'empty-name', column: '法定代表人', weight: 3 },
];

const COL = Object.fromEntries(LEGAL_ENTITY_COLUMNS.map((c, i) => [c, i])) as Record<(typeof LEGAL_ENTITY_COLUMNS)[number], number>;

/** The canonical facts of one entity (what the licence generator needs of a holder). */
export type Entity = { index: number; code: string; name: string; region: string; foundedDay: number };

export class LegalEntityGenerator implements RowGenerator {
  readonly columns = LEGAL_ENTITY_COLUMNS;
  readonly keySpace = layout.size;
  private readonly perm: Permutation;
  private readonly groups: Groups;
  private readonly roll: AnomalyRoll;
  private readonly typeKey: number;
  private readonly gbkOnly: boolean;
  private lastIndex = -1;
  private cur = { region: '', era: 0, code17: '', check: '' };

  constructor(readonly settings: GeneratorSettings) {
    const key = kindKey(settings.seed, 'legal-entity');
    this.perm = keyedPermutation(layout.size, key);
    this.groups = new Groups(key, settings, GROUPS);
    this.roll = new AnomalyRoll(key, settings, FAULTS, VARIANTS);
    this.typeKey = mix32(key ^ 0x7137449);
    this.gbkOnly = settings.encoding === 'gbk';
  }

  private decompose(index: number) {
    if (index === this.lastIndex) return this.cur;
    const p = this.perm.forward(index);
    let c = 0;
    while (layout.starts[c + 1] <= p) c++;
    const region = REGION_CODES[c >> 1];
    const era = c & 1;
    const o = p - layout.starts[c];
    const body =
      era === 0 ? String(10_000_000 + ((mulMod(OLD_MUL, o, OLD_MOD) + OLD_ADD) % OLD_MOD)) : `MA${base31((mulMod(MA_MUL, o, MA_MOD) + MA_ADD) % MA_MOD, 6)}`;
    const type = hashIndex(this.typeKey, index) % 100 < 5 ? '3' : '1';
    const code17 = `9${type}${region}${body}${orgCodeCheckChar(body)}`;
    this.cur = { region, era, code17, check: creditCodeCheckChar(code17) };
    this.lastIndex = index;
    return this.cur;
  }

  key(index: number): string {
    const c = this.decompose(index);
    return c.code17 + c.check;
  }

  indexOfKey(key: string): number | null {
    if (!/^9[13]\d{6}[0-9A-Z]{10}$/.test(key)) return null;
    const ri = REGION_CODES.indexOf(key.slice(2, 8));
    if (ri < 0) return null;
    const body = key.slice(8, 16);
    let era: number;
    let o: number;
    if (/^\d{8}$/.test(body)) {
      era = 0;
      o = mulMod(OLD_INV, (Number(body) - 10_000_000 - OLD_ADD + OLD_MOD) % OLD_MOD, OLD_MOD);
    } else if (body.startsWith('MA')) {
      era = 1;
      let n = 0;
      for (const ch of body.slice(2)) {
        const v = CREDIT_CODE_CHARSET.indexOf(ch);
        if (v < 0) return null;
        n = n * 31 + v;
      }
      o = mulMod(MA_INV, (n - MA_ADD + MA_MOD) % MA_MOD, MA_MOD);
    } else return null;
    const c = ri * 2 + era;
    if (!(o >= 0 && o < layout.caps[c])) return null;
    const index = this.perm.inverse(layout.starts[c] + o);
    return this.key(index) === key ? index : null;
  }

  private foundedDay(index: number, era: number): number {
    const rng = this.groups.canonical(G_CORE, index);
    return era === 0 ? OLD_FIRST + Math.floor((OLD_LAST - OLD_FIRST + 1) * Math.sqrt(rng.unit())) : NEW_FIRST + rng.below(AS_OF_DAY - NEW_FIRST + 1);
  }

  /** Draws the canonical name, type and industry (after foundedDay's draw on the same rng). */
  private identity(rng: RowRng, coop: boolean, home: District): { name: string; type: string; industry: Industry; product: string } {
    const industry = industries.draw(rng);
    const zihao = ZIHAO[rng.below(ZIHAO.length)] + ZIHAO[rng.below(ZIHAO.length)] + (rng.chance(0.1) ? ZIHAO[rng.below(ZIHAO.length)] : '');
    const product = COOP_PRODUCTS[rng.below(COOP_PRODUCTS.length)];
    const type = COMPANY_TYPES.draw(rng);
    const u = rng.unit();
    if (coop) return { name: `${home.name}${zihao}${product}专业合作社`, type: '农民专业合作社', industry, product };
    const prefix = u < 0.6 ? '淄博' : u < 0.75 ? '山东' : u < 0.9 ? `淄博市${home.name}` : '淄博市';
    let name: string;
    if (type === '个人独资企业') name = `${prefix}${zihao}${industry.word}${u < 0.3 ? '经营部' : u < 0.6 ? '商行' : '厂'}`;
    else if (type === '有限合伙企业') name = `${prefix}${zihao}${industry.word}合伙企业（有限合伙）`;
    else if (type.startsWith('股份')) name = `${prefix}${zihao}${industry.word}股份有限公司`;
    else if (type.includes('分公司')) name = `${u < 0.6 ? '淄博' : '山东'}${zihao}${industry.word}有限公司${home.short}分公司`;
    else name = `${prefix}${zihao}${industry.word}有限公司`;
    return { name, type, industry, product };
  }

  private homeDistrict(region: string, rng: RowRng): District {
    return DISTRICT_BY_CODE.get(region) ?? pickDistrict(rng);
  }

  /** Founding day and registration region of index i, without the rest of the row (cheap). */
  foundingAndRegion(index: number): { foundedDay: number; region: string } {
    this.decompose(index);
    return { foundedDay: this.foundedDay(index, this.cur.era), region: this.cur.region };
  }

  /** The canonical entity at an index (for licence holders). */
  entity(index: number): Entity {
    const c = this.decompose(index);
    const founded = this.foundedDay(index, c.era);
    const rng = this.groups.rng;
    const home = this.homeDistrict(c.region, rng);
    const { name } = this.identity(rng, c.code17[1] === '3', home);
    return { index, code: c.code17 + c.check, name, region: c.region, foundedDay: founded };
  }

  anomaly(index: number): Anomaly | null {
    return this.roll.at(index);
  }

  fill(index: number, out: string[]): void {
    const c = this.decompose(index);
    const g = this.groups;
    const coop = c.code17[1] === '3';
    const founded = this.foundedDay(index, c.era);
    let rng = g.rng;
    const home = this.homeDistrict(c.region, rng);
    const id = this.identity(rng, coop, home);
    const mode = { gbkOnly: this.gbkOnly, substituteRare: false };
    const scopeCount = 2 + rng.below(3);
    const start = rng.below(id.industry.scope.length);
    const phrases: string[] = [];
    for (let i = 0; i < Math.min(scopeCount, id.industry.scope.length); i++) phrases.push(id.industry.scope[(start + i) % id.industry.scope.length]);
    const scope = coop
      ? `组织收购、销售成员${id.product}产品；引进新技术、新品种，开展与${id.product}有关的技术培训、技术交流和咨询服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）`
      : `一般项目：${phrases.join('；')}。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`;

    out[COL.单位名称] = id.name;
    out[COL.统一社会信用代码] = c.code17 + c.check;
    out[COL.法定代表人] = anyName(g.at(G_REP, index), mode);
    out[COL.企业类型] = id.type;
    out[COL.成立日期] = isoDay(founded);
    rng = g.at(G_CAPITAL, index);
    out[COL.注册资本] = coop ? COOP_CAPITALS[rng.below(COOP_CAPITALS.length)] : CAPITALS.draw(rng);
    rng = g.at(G_ADDRESS, index);
    out[COL.住所] = businessAddress(rng, rng.chance(0.9) ? home : pickDistrict(rng));
    out[COL.经营范围] = scope;
    out[COL.登记机关] = authority('market', c.region);
    rng = g.at(G_STATUS, index);
    const status = (c.era === 0 ? STATUS_OLD : STATUS_NEW).draw(rng);
    out[COL.登记状态] = status;
    const approved = status.startsWith('存续') && rng.chance(0.6) ? founded : founded + rng.below(AS_OF_DAY - founded + 1);
    out[COL.核准日期] = isoDay(approved);

    const a = this.anomaly(index);
    if (a) this.applyAnomaly(index, a, out, founded);
  }

  private applyAnomaly(index: number, a: Anomaly, out: string[], founded: number): void {
    const rng = this.roll.shape(index);
    const col = COL[a.column as (typeof LEGAL_ENTITY_COLUMNS)[number]];
    switch (a.code) {
      case 'credit-check-char': {
        const c = this.decompose(index);
        const right = CREDIT_CODE_CHARSET.indexOf(c.check);
        out[col] = c.code17 + CREDIT_CODE_CHARSET[(right + 1 + rng.below(30)) % 31];
        break;
      }
      case 'empty-name':
        out[col] = '';
        break;
      case 'bad-date':
        out[col] = impossibleDate(founded, rng);
        break;
      case 'over-long':
        out[col] = overLong(out[col], ITEM_LENGTHS[a.column], rng);
        break;
      case 'full-width-digits':
        out[col] = fullWidth(out[col]);
        break;
      default:
        throw new Error(`legal-entity rows have no ${a.code} anomaly`);
    }
  }
}
