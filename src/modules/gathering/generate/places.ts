/**
 * Zibo's districts and counties, their 88 街道/镇 (NBS 统计用区划代码 2023, from
 * /work/shared/reference/admin-divisions), and the parts a plausible address is made of:
 * roads, residential compounds (小区) for 街道, villages (村) for 镇.
 */
import type { RowRng } from './hash.js';
import { type Piece, piece, type RowWriter } from './writer.js';

type Town = {
  name: string;
  short: string;
  urban: boolean;
  /** '山东省淄博市张店区公园街道' and '淄博市公安局张店分局公园派出所', precomputed. */
  prefix: string;
  police: string;
  prefixPiece: Piece;
  policePiece: Piece;
};

export type District = {
  code: string;
  name: string;
  short: string;
  /** Relative share of the city's registered population (张店 = 1). */
  weight: number;
  /** 公安 branch that owns its 派出所. */
  police: string;
  towns: Town[];
  roads: string[];
  /** '山东省淄博市张店区', precomputed. */
  prefix: string;
};

const TOWNS: Record<string, string> = {
  '370302': '般阳路街道 松龄路街道 钟楼街道 将军路街道 昆仑镇 岭子镇 西河镇 龙泉镇 寨里镇 罗村镇 洪山镇 双杨镇 太河镇',
  '370303': '车站街道 公园街道 湖田街道 和平街道 科苑街道 体育场街道 四宝山街道 马尚街道 南定镇 沣水镇 傅家镇 中埠镇 房镇镇',
  '370304': '城东街道 城西街道 山头街道 域城镇 白塔镇 八陡镇 石马镇 源泉镇 池上镇 博山镇',
  '370305': '闻韶街道 雪宫街道 辛店街道 稷下街道 齐陵街道 齐都镇 皇城镇 敬仲镇 朱台镇 金岭镇 凤凰镇 金山镇',
  '370306': '丝绸路街道 大街街道 青年路街道 永安街道 城北路街道 北郊镇 南郊镇 王村镇 萌水镇 商家镇',
  '370321': '索镇街道 少海街道 起凤镇 田庄镇 荆家镇 马桥镇 新城镇 唐山镇 果里镇',
  '370322': '田镇街道 芦湖街道 青城镇 高城镇 黑里寨镇 唐坊镇 常家镇 花沟镇 木李镇',
  '370323': '历山街道 南麻街道 鲁村镇 东里镇 悦庄镇 西里镇 大张庄镇 中庄镇 张家坡镇 燕崖镇 石桥镇 南鲁山镇',
};

const ROADS: Record<string, string> = {
  '370302': '般阳路 松龄路 将军路 鲁泰文化路 淄城路 商场街 北外环路 张博路 洪山路',
  '370303': '柳泉路 华光路 共青团路 人民路 金晶大道 西五路 西六路 新村路 联通路 北京路 上海路 南京路 中心路 张周路 潘南路 世纪路',
  '370304': '中心路 沿河路 新建路 白虎山路 峨嵋山路 西冶街 博山大道 福山路',
  '370305': '桓公路 临淄大道 齐兴路 闻韶路 晏婴路 稷下路 太公路 乙烯路 牛山路',
  '370306': '丝绸路 正阳路 新建路 青年路 东门路 淄博大道 站北路 周隆路',
  '370321': '建设街 张北路 中心大街 少海路 东岳路 红莲湖路',
  '370322': '青城路 高苑路 黄河路 芦湖路 千乘路 大寨路',
  '370323': '鲁山路 胜利路 瑞阳路 振兴路 螳螂河路 历山路 荆山路',
};

const DISTRICT_ROWS: [string, string, string, number, string][] = [
  ['370302', '淄川区', '淄川', 0.74, '淄博市公安局淄川分局'],
  ['370303', '张店区', '张店', 1.0, '淄博市公安局张店分局'],
  ['370304', '博山区', '博山', 0.47, '淄博市公安局博山分局'],
  ['370305', '临淄区', '临淄', 0.63, '淄博市公安局临淄分局'],
  ['370306', '周村区', '周村', 0.37, '淄博市公安局周村分局'],
  ['370321', '桓台县', '桓台', 0.49, '桓台县公安局'],
  ['370322', '高青县', '高青', 0.36, '高青县公安局'],
  ['370323', '沂源县', '沂源', 0.55, '沂源县公安局'],
];

export const DISTRICTS: readonly District[] = DISTRICT_ROWS.map(([code, name, short, weight, police]) => ({
  code,
  name,
  short,
  weight,
  police,
  towns: TOWNS[code].split(' ').map((t) => {
    const townShort = t.endsWith('街道') ? t.slice(0, -2) : t.endsWith('镇') && t.length > 2 ? t.slice(0, -1) : t;
    const prefix = `山东省淄博市${name}${t}`;
    const station = `${police}${townShort}派出所`;
    return { name: t, short: townShort, urban: t.endsWith('街道'), prefix, police: station, prefixPiece: piece(prefix), policePiece: piece(station) };
  }),
  roads: ROADS[code].split(' '),
  prefix: `山东省淄博市${name}`,
}));

export const DISTRICT_BY_CODE: ReadonlyMap<string, District> = new Map(DISTRICTS.map((d) => [d.code, d]));

/** Registration authorities' region codes: the city (市级) and its 8 districts and counties. */
export const REGION_CODES: readonly string[] = ['370300', ...DISTRICTS.map((d) => d.code)];

const COMPOUND_A =
  '华侨 金茂 锦绣 阳光 翠园 绿城 御景 盛世 齐鲁 颐和 丽景 东方 世纪 幸福 和美 嘉和 鑫都 泰和 银座 鲁泰 明珠 名流 凯瑞 柳泉 华光 新村 中润 天鸿 星河 荣盛'.split(
    ' ',
  );
const COMPOUND_B = '小区 花园 家园 苑 新村 嘉园 雅居 公寓 华府 名邸 佳苑 城'.split(' ');
const VILLAGE_SURNAME = '王张李刘孙赵杨陈徐高马于韩郭周宋朱董吴崔田孟姜毕翟蒲'.split('');
const VILLAGE_KIND = '庄 峪 河 沟 洼 楼 坡 店 营 桥'.split(' ');
const DIRECTION = '东西南北前后上下中'.split('');
const VILLAGE_WORD = '河 坡 岭 峪 泉 石 山 店 杨 柳 槐 桥 庄 辛 营 寨 坪 湖 窑 官'.split(' ');

/** Every compound (小区) and village (村) name, precomputed. */
const COMPOUNDS = COMPOUND_A.flatMap((a) => COMPOUND_B.map((b) => piece(a + b)));
const VILLAGES = [
  ...VILLAGE_SURNAME.flatMap((s) => VILLAGE_KIND.map((k) => `${s}家${k}村`)),
  ...DIRECTION.flatMap((d) => VILLAGE_WORD.map((w) => `${d}${w}村`)),
].map(piece);
const [BUILDING, UNIT, ROOM, NUMBER] = ['号楼', '单元', '室', '号'].map(piece);

const TOTAL_WEIGHT = DISTRICTS.reduce((s, d) => s + d.weight, 0);

/** A district, weighted by registered population. */
export function pickDistrict(rng: RowRng): District {
  let r = rng.unit() * TOTAL_WEIGHT;
  for (const d of DISTRICTS) {
    r -= d.weight;
    if (r < 0) return d;
  }
  return DISTRICTS[DISTRICTS.length - 1];
}

/** Writes a residence address inside a district and returns its town. */
export function writeResidence(rng: RowRng, d: District, w: RowWriter): Town {
  const town = d.towns[rng.below(d.towns.length)];
  const a = rng.u32();
  const b = rng.u32();
  w.p(town.prefixPiece);
  // Some 镇 have compounds too; some 街道 still have villages (城中村).
  if (town.urban ? a % 10 !== 0 : a % 5 === 0) {
    w.p(COMPOUNDS[b % COMPOUNDS.length]);
    w.digits(1 + ((b >>> 12) % 36), 1);
    w.p(BUILDING);
    w.digits(1 + ((b >>> 18) % 6), 1);
    w.p(UNIT);
    // Floor and room: 301, 1204 …
    w.digits((1 + ((a >>> 4) % 18)) * 100 + 1 + ((a >>> 10) % 4), 3);
    w.p(ROOM);
  } else {
    w.p(VILLAGES[b % VILLAGES.length]);
    w.digits(1 + ((a >>> 4) % 480), 1);
    w.p(NUMBER);
  }
  return town;
}

/** A business address: district + town + road + number (+ building). */
export function businessAddress(rng: RowRng, d: District): string {
  const town = d.towns[rng.below(d.towns.length)];
  const road = d.roads[rng.below(d.roads.length)];
  const n = rng.between(1, 999);
  const r = rng.u32();
  const tail =
    r % 3 === 0 ? `${1 + ((r >>> 4) % 20)}号楼${1 + ((r >>> 10) % 12)}0${1 + ((r >>> 16) % 9)}室` : r % 3 === 1 ? `${1 + ((r >>> 4) % 8)}号厂房` : '';
  return `${d.prefix}${town.name}${road}${n}号${tail}`;
}

export type AuthorityKind = 'market' | 'civil' | 'health' | 'transport' | 'education' | 'resources' | 'traffic-police';

const CITY_AUTHORITY: Record<AuthorityKind, string> = {
  market: '淄博市市场监督管理局',
  civil: '淄博市民政局',
  health: '淄博市卫生健康委员会',
  transport: '淄博市交通运输局',
  education: '淄博市教育局',
  resources: '淄博市自然资源局',
  'traffic-police': '淄博市公安局交通警察支队',
};

const DISTRICT_AUTHORITY: Record<AuthorityKind, (d: District) => string> = {
  market: (d) => `淄博市${d.name}市场监督管理局`,
  civil: (d) => `淄博市${d.name}民政局`,
  health: (d) => `淄博市${d.name}卫生健康局`,
  transport: (d) => `淄博市${d.name}交通运输局`,
  education: (d) => `淄博市${d.name}教育和体育局`,
  resources: (d) => `淄博市自然资源局${d.short}分局`,
  'traffic-police': () => CITY_AUTHORITY['traffic-police'],
};

/** The authority of a kind for a region code (370300 = the city level). */
export function authority(kind: AuthorityKind, region: string): string {
  if (region === '370300') return CITY_AUTHORITY[kind];
  const d = DISTRICT_BY_CODE.get(region);
  if (!d) throw new Error(`not a Zibo region code: ${region}`);
  return DISTRICT_AUTHORITY[kind](d);
}

/** How another department's system abbreviates an authority's name (a realistic merge conflict). */
export function abbreviateAuthority(name: string): string {
  return name
    .replace('市场监督管理局', '市场监管局')
    .replace('卫生健康委员会', '卫健委')
    .replace('卫生健康局', '卫健局')
    .replace('交通运输局', '交通局')
    .replace('教育和体育局', '教体局')
    .replace('公安局交通警察支队', '交警支队');
}
