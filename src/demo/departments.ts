import { makeCreditCode } from './credit-code-gen.js';

export type DemoDepartment = {
  /** Pinyin initials; demo usernames are built from it (e.g. `gaj_admin`). */
  key: string;
  name: string;
  shortName: string;
  /** Provider code (提供方代码) used in catalog codes: '370300' + 3 digits. */
  code: string;
  /** 统一社会信用代码 (GB 32100). */
  creditCode: string;
  parentKey?: string;
  isBureau?: boolean;
};

const ZIBO_DIVISION = '370300';

/**
 * 机关 are registered as '11'; 事业单位 (the centres, the archive, the weather office)
 * as '12'; the disabled persons' federation, a 群团 organization, as '13'. A reviewer
 * who knows credit codes would notice a 中心 with an organ's prefix.
 */
type UnitKind = 'organ' | 'institution' | 'mass';
const KIND_PREFIX: Record<UnitKind, string> = { organ: '11', institution: '12', mass: '13' };

// Order matters: a department's 1-based position is its department classification
// code ('3' + 2 digits), so append new departments at the end.
// The provider code is written out (not derived from the position) so that it never
// changes once catalog codes have been issued with it.
const rows: [key: string, name: string, code: string, kind: UnitKind, parentKey?: string][] = [
  ['dsjj', '淄博市大数据局', '001', 'organ'],
  ['gaj', '淄博市公安局', '002', 'organ'],
  ['mzj', '淄博市民政局', '003', 'organ'],
  ['rsj', '淄博市人力资源和社会保障局', '004', 'organ'],
  ['scjgj', '淄博市市场监督管理局', '005', 'organ'],
  ['zrzyj', '淄博市自然资源和规划局', '006', 'organ'],
  ['bdcdjzx', '淄博市不动产登记中心', '007', 'institution', 'zrzyj'],
  ['sthjj', '淄博市生态环境局', '008', 'organ'],
  ['wjw', '淄博市卫生健康委员会', '009', 'organ'],
  ['zjj', '淄博市住房和城乡建设局', '010', 'organ'],
  ['jyj', '淄博市教育局', '011', 'organ'],
  ['czj', '淄博市财政局', '012', 'organ'],
  ['jtysj', '淄博市交通运输局', '013', 'organ'],
  ['nyncj', '淄博市农业农村局', '014', 'organ'],
  ['slj', '淄博市水利局', '015', 'organ'],
  ['swj', '淄博市商务局', '016', 'organ'],
  ['whlyj', '淄博市文化和旅游局', '017', 'organ'],
  ['yjglj', '淄博市应急管理局', '018', 'organ'],
  ['sjj', '淄博市审计局', '019', 'organ'],
  // 'swj' is taken by 商务局, which is why the tax bureau spells out 'shui'.
  ['shuiwj', '国家税务总局淄博市税务局', '020', 'organ'],
  ['ybj', '淄博市医疗保障局', '021', 'organ'],
  ['tyjrj', '淄博市退役军人事务局', '022', 'organ'],
  ['sfj', '淄博市司法局', '023', 'organ'],
  ['fgw', '淄博市发展和改革委员会', '024', 'organ'],
  ['gxj', '淄博市工业和信息化局', '025', 'organ'],
  ['kjj', '淄博市科学技术局', '026', 'organ'],
  ['tjj', '淄博市统计局', '027', 'organ'],
  ['cgj', '淄博市城市管理局', '028', 'organ'],
  ['xzspj', '淄博市行政审批服务局', '029', 'organ'],
  ['gjjzx', '淄博市住房公积金管理中心', '030', 'institution'],
  ['qxj', '淄博市气象局', '031', 'institution'],
  ['dag', '淄博市档案馆', '032', 'institution'],
  ['zfb', '淄博市人民政府办公室', '033', 'organ'],
  ['xfj', '淄博市信访局', '034', 'organ'],
  ['cl', '淄博市残疾人联合会', '035', 'mass'],
  ['jrj', '淄博市地方金融监督管理局', '036', 'organ'],
  ['ggzyjyzx', '淄博市公共资源交易中心', '037', 'institution'],
];

function shortNameOf(name: string): string {
  if (name.startsWith('国家税务总局淄博市')) return '市税务局';
  return name.replace(/^淄博/, '');
}

// Organization codes of the demo organs: 8 digits spread so that neighbours do not
// look sequential. They are invented, not the real departments' codes.
function orgBody(index: number): string {
  return String(4_180_000 + index * 3_173 + ((index * 7919) % 997)).padStart(8, '0');
}

export const demoDepartments: DemoDepartment[] = rows.map(([key, name, code, kind, parentKey], i) => {
  const dept: DemoDepartment = {
    key,
    name,
    shortName: shortNameOf(name),
    code: ZIBO_DIVISION + code,
    creditCode: makeCreditCode(KIND_PREFIX[kind], ZIBO_DIVISION, orgBody(i + 1)),
  };
  if (parentKey) dept.parentKey = parentKey;
  if (key === 'dsjj') dept.isBureau = true;
  return dept;
});
