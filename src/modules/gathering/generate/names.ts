/**
 * Chinese personal names: surnames weighted roughly as in Shandong (王 张 李 刘 孙 … with
 * 蒲 and 毕 from 淄川), a few compound surnames (~0.2%), given names of one or two
 * characters whose style follows the birth year, and now and then (RARE_NAME_RATE) a rare
 * character: some in the BMP but outside GBK's core set (䶮), most outside the BMP (𠮷), which
 * is what breaks systems that count UTF-16 units or store GBK.
 */
import iconv from 'iconv-lite';
import { type RowRng, Weighted } from './hash.js';
import { type Piece, piece, type RowWriter, StringRowWriter } from './writer.js';

// biome-ignore format: a table reads better in rows
const SURNAMES: [string, number][] = [
  ['王', 780], ['张', 700], ['李', 680], ['刘', 620], ['孙', 300], ['赵', 280], ['杨', 230], ['陈', 220], ['徐', 200],
  ['高', 190], ['马', 170], ['于', 170], ['韩', 130], ['郭', 110], ['周', 110], ['宋', 110], ['朱', 90], ['董', 90],
  ['吴', 80], ['崔', 80], ['田', 80], ['孟', 70], ['姜', 70], ['毕', 60], ['曹', 60], ['石', 60], ['魏', 60], ['吕', 60],
  ['许', 50], ['冯', 50], ['胡', 50], ['黄', 50], ['郑', 50], ['翟', 40], ['路', 40], ['袁', 40], ['范', 40], ['薛', 40],
  ['程', 40], ['卢', 40], ['齐', 40], ['贾', 40], ['任', 40], ['丁', 40], ['侯', 40], ['邵', 30], ['岳', 30], ['鲁', 30],
  ['邢', 30], ['房', 30], ['耿', 30], ['焦', 30], ['谢', 30], ['秦', 30], ['苏', 30], ['唐', 30], ['何', 30], ['蒲', 20],
  ['荣', 20], ['司', 20], ['蒋', 20], ['彭', 20], ['潘', 20], ['沈', 20], ['付', 20], ['尹', 20], ['牛', 20], ['白', 20],
  ['常', 20], ['段', 20], ['聂', 15], ['边', 10], ['桑', 10], ['巩', 10], ['伊', 10], ['毛', 10], ['蔺', 10], ['展', 8],
  ['欧阳', 3], ['司马', 2], ['诸葛', 2], ['上官', 2], ['皇甫', 2], ['司徒', 2], ['东方', 1], ['公孙', 1], ['令狐', 1],
  ['慕容', 1], ['夏侯', 1], ['尉迟', 1], ['端木', 1],
];

const MALE_CLASSIC = '建国军民华明强伟志刚勇平忠德福海林峰文学庆祥胜利春生宝山成新永东玉金贵荣兴光红卫洪昌树堂田顺友清同宏俊斌波涛磊亮传家连长';
const FEMALE_CLASSIC = '秀英兰芳桂玉珍凤霞梅红丽华敏燕萍琴云芬娟翠香莲淑静艳玲春美彩菊荣爱月素娥花慧洁';
const MALE_MODERN = '浩宇轩子涵博文泽睿俊杰晨阳铭豪鑫磊鹏昊然一航辰逸嘉凯瑞宸诚健毅川奕沐霖恒锦楷澄梓熙皓煜明朗天佑安';
const FEMALE_MODERN = '欣怡梓涵雨萱诗琪佳悦可馨思彤语嫣若曦婷雅静晗妍菲瑶婧蕾颖璐琳雪瑾晴欢心子一依梦淼歆瑞安';

/** Rare name characters, each with the common character a system that cannot store it writes instead. */
// biome-ignore format: a table reads better in rows
export const RARE_NAME_CHARS: readonly (readonly [string, string])[] = [
  ['䶮', '岩'], ['㛃', '洁'], ['㬚', '昱'], ['㵘', '淼'], ['𠮷', '吉'], ['𡒄', '台'], ['𣲗', '水'], ['𨱏', '锡'], ['𪚥', '龙'],
  ['𫖯', '颙'], ['𫟦', '镕'], ['𬀩', '晖'], ['𬇙', '泓'], ['𬌗', '磊'], ['𬍤', '璋'], ['𬘬', '涛'], ['𬞟', '华'], ['𬳶', '鹏'],
];

/** About one name in 1,000 carries a rare character. */
export const RARE_NAME_RATE = 0.001;

const surnames = new Weighted(SURNAMES.map(([s, w]) => [piece(s), w] as const));
const pieces = (chars: string) => [...chars].map(piece);
const POOLS = {
  maleClassic: pieces(MALE_CLASSIC),
  femaleClassic: pieces(FEMALE_CLASSIC),
  maleModern: pieces(MALE_MODERN),
  femaleModern: pieces(FEMALE_MODERN),
};
const RARE = RARE_NAME_CHARS.map(([rare, sub]) => [piece(rare), piece(sub)] as const);

/** Which of the rare characters GBK (as iconv-lite implements it) can hold: decided once, by round trip. */
const GBK_SAFE_RARE: readonly boolean[] = RARE_NAME_CHARS.map(([c]) => iconv.decode(iconv.encode(c, 'gbk'), 'gbk') === c);

export type NameMode = {
  /** true in --encoding gbk: rare characters GBK cannot hold are written as their common substitute. */
  gbkOnly: boolean;
  /** true for a source that "cannot store" rare characters for this person (a drift). */
  substituteRare: boolean;
};

/** A given-name character pool for a sex ('1' 男 / '2' 女) and birth year. */
function pool(sex: string, birthYear: number): Piece[] {
  const modern = birthYear >= 1985;
  if (sex === '1') return modern ? POOLS.maleModern : POOLS.maleClassic;
  return modern ? POOLS.femaleModern : POOLS.femaleClassic;
}

/**
 * Writes a full name. Consumes a fixed number of random draws whatever the outcome, so the
 * draws that follow it do not depend on whether the name was rare.
 */
export function writeName(rng: RowRng, sex: string, birthYear: number, mode: NameMode, w: RowWriter): void {
  const surname = surnames.draw(rng);
  const chars = pool(sex, birthYear);
  const oneChar = rng.chance(birthYear < 1970 ? 0.3 : 0.15);
  const a = chars[rng.below(chars.length)];
  const b = chars[rng.below(chars.length)];
  const rareRoll = rng.unit();
  const rareIdx = rng.below(RARE.length);
  let last = oneChar ? a : b;
  if (rareRoll < RARE_NAME_RATE) {
    const [rare, substitute] = RARE[rareIdx];
    last = mode.substituteRare || (mode.gbkOnly && !GBK_SAFE_RARE[rareIdx]) ? substitute : rare;
  }
  w.p(surname);
  if (!oneChar) w.p(a);
  w.p(last);
}

const collector = new StringRowWriter();
const scratch: string[] = [''];

/** A full name as a string (see writeName). */
export function personName(rng: RowRng, sex: string, birthYear: number, mode: NameMode): string {
  collector.start(scratch);
  writeName(rng, sex, birthYear, mode, collector);
  collector.finish();
  return scratch[0];
}

/** A name where sex and age do not matter (legal representatives): drawn the same way. */
export function anyName(rng: RowRng, mode: NameMode): string {
  const sex = rng.chance(0.7) ? '1' : '2';
  const year = rng.between(1950, 2000);
  return personName(rng, sex, year, mode);
}
