/**
 * The demo's classification trees. Codes follow 《政务信息资源目录编制指南(试行)》:
 * 类 (1 digit: 1 基础, 2 主题, 3 部门) + 项 (2 digits) + 目 (3 digits).
 * Department (3xx) nodes are not listed here: they follow the department list
 * (see departmentClassificationCode in catalog-entries.ts).
 */

export type ClassificationNode = { code: string; name: string; children?: ClassificationNode[] };

/** 主题信息资源 (类 '2'). The theme list is configurable per city; this is the demo's. */
export const demoThemes: { code: string; name: string }[] = [
  { code: '201', name: '教育文化' },
  { code: '202', name: '医疗卫生' },
  { code: '203', name: '社会保障' },
  { code: '204', name: '就业创业' },
  { code: '205', name: '城乡建设' },
  { code: '206', name: '交通出行' },
  { code: '207', name: '生态环境' },
  { code: '208', name: '市场监管' },
  { code: '209', name: '公共安全' },
  { code: '210', name: '农业农村' },
  { code: '211', name: '财税金融' },
  { code: '212', name: '信用服务' },
  { code: '213', name: '城市管理' },
  { code: '214', name: '应急管理' },
  { code: '215', name: '政务服务' },
];

/**
 * 基础信息资源 (类 '1'): the five 项 the guide fixes (named as in migration 0101), each
 * with the demo's 目. 目 codes are numbered in order, as classification.create assigns them.
 */
export const baseClassifications: ClassificationNode[] = [
  {
    code: '1',
    name: '基础信息资源',
    children: [
      {
        code: '101',
        name: '人口信息资源',
        children: [
          { code: '101001', name: '人口基本信息' },
          { code: '101002', name: '户籍信息' },
          { code: '101003', name: '婚姻信息' },
          { code: '101004', name: '出生和死亡信息' },
          { code: '101005', name: '社会保障信息' },
          { code: '101006', name: '特殊人群信息' },
        ],
      },
      {
        code: '102',
        name: '法人单位信息资源',
        children: [
          { code: '102001', name: '法人基本信息' },
          { code: '102002', name: '法人登记信息' },
          { code: '102003', name: '法人资质信息' },
          { code: '102004', name: '法人年报信息' },
        ],
      },
      {
        code: '103',
        name: '自然资源和空间地理信息资源',
        children: [
          { code: '103001', name: '基础测绘' },
          { code: '103002', name: '国土空间规划' },
          { code: '103003', name: '不动产' },
          { code: '103004', name: '自然资源调查监测' },
        ],
      },
      {
        code: '104',
        name: '社会信用信息资源',
        children: [
          { code: '104001', name: '法人信用信息' },
          { code: '104002', name: '自然人信用信息' },
          { code: '104003', name: '行政许可信息' },
          { code: '104004', name: '行政处罚信息' },
          { code: '104005', name: '守信激励和失信惩戒信息' },
        ],
      },
      {
        code: '105',
        name: '电子证照信息资源',
        children: [
          { code: '105001', name: '个人证照' },
          { code: '105002', name: '法人证照' },
          { code: '105003', name: '批文批复' },
        ],
      },
    ],
  },
];

/** Every base node code ('1', '101', '101001', …), for validating a classification. */
export function baseClassificationCodes(): string[] {
  const out: string[] = [];
  const walk = (nodes: ClassificationNode[]) => {
    for (const n of nodes) {
      out.push(n.code);
      if (n.children) walk(n.children);
    }
  };
  walk(baseClassifications);
  return out;
}
