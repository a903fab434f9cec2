/**
 * Code lists the generators draw from. Values are the codes of the demo data-element
 * registry (性别 GB/T 2261.1, 民族 GB 3304, 婚姻状况 GB/T 2261.2, 文化程度 GB/T 4658), since
 * an ingest validates enumerated items against those codes.
 */
import { demoDataElements } from '../../../demo/data-elements.js';

/**
 * GB 3304's 56 民族 with rough shares for Zibo (汉族 ≈ 99.3%; 回族 is the largest minority:
 * 临淄 金岭 is a Hui town). Only the codes that the data-element registry's 民族 element
 * enumerates are drawn (the demo registry lists 01-15, 97 and 98): a code it lacks would be
 * rejected by an enum check on a row that is meant to be valid.
 */
// biome-ignore format: a table reads better in rows
const GB3304: [string, string, number][] = [
  ['01', '汉族', 992500], ['02', '蒙古族', 600], ['03', '回族', 4200], ['04', '藏族', 40], ['05', '维吾尔族', 60],
  ['06', '苗族', 200], ['07', '彝族', 80], ['08', '壮族', 300], ['09', '布依族', 60], ['10', '朝鲜族', 200],
  ['11', '满族', 1200], ['12', '侗族', 60], ['13', '瑶族', 40], ['14', '白族', 40], ['15', '土家族', 200],
  ['16', '哈尼族', 20], ['17', '哈萨克族', 10], ['18', '傣族', 10], ['19', '黎族', 10], ['20', '傈僳族', 5],
  ['21', '佤族', 5], ['22', '畲族', 10], ['23', '高山族', 2], ['24', '拉祜族', 5], ['25', '水族', 5],
  ['26', '东乡族', 5], ['27', '纳西族', 5], ['28', '景颇族', 2], ['29', '柯尔克孜族', 2], ['30', '土族', 5],
  ['31', '达斡尔族', 5], ['32', '仫佬族', 5], ['33', '羌族', 5], ['34', '布朗族', 2], ['35', '撒拉族', 2],
  ['36', '毛南族', 2], ['37', '仡佬族', 5], ['38', '锡伯族', 5], ['39', '阿昌族', 1], ['40', '普米族', 1],
  ['41', '塔吉克族', 1], ['42', '怒族', 1], ['43', '乌孜别克族', 1], ['44', '俄罗斯族', 1], ['45', '鄂温克族', 1],
  ['46', '德昂族', 1], ['47', '保安族', 1], ['48', '裕固族', 1], ['49', '京族', 1], ['50', '塔塔尔族', 1],
  ['51', '独龙族', 1], ['52', '鄂伦春族', 1], ['53', '赫哲族', 1], ['54', '门巴族', 1], ['55', '珞巴族', 1],
  ['56', '基诺族', 1],
];

function enumCodes(elementName: string): Set<string> {
  const e = demoDataElements.find((x) => x.name === elementName);
  if (e?.valueDomain.kind !== 'enum') throw new Error(`data element ${elementName} is not an enumeration`);
  return new Set(e.valueDomain.values.map((v) => v.code));
}

const registryEthnicities = enumCodes('民族');

/** [code, weight] for the 民族 codes drawn. */
export const ETHNICITY_CODES: readonly (readonly [string, number])[] = GB3304.filter(([code]) => registryEthnicities.has(code)).map(
  ([code, , w]) => [code, w] as const,
);
