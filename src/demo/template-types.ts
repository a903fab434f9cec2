/**
 * The shape in which the demo catalog is written down: one compact template per
 * resource, grouped by department. catalog-entries.ts expands templates into full
 * DemoResource records (share fields, channel, dates, contact…).
 */

export type UpdateCycle = 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'halfyearly' | 'yearly' | 'irregular';

/** 'share/open': u 无条件 c 有条件 n 不予共享 / o 无条件开放 c 有条件开放 x 不予开放. */
type Policy = `${'u' | 'c' | 'n'}/${'o' | 'c' | 'x'}`;

export type ResourceTemplate = {
  name: string;
  /** A base ('101', '101002'…) or theme ('2xx') code, or 'dept' for the provider's own 3xx node. */
  cls: string;
  /**
   * 'db' (the department's usual database), 'db:<product>', or a file type:
   * xlsx/xls/csv, pdf/ofd/docx, shp/tif/jpg, mp4, json/xml, WMTS.
   */
  fmt: string;
  cycle: UpdateCycle;
  policy: Policy;
  /** Keywords separated by spaces. */
  kw: string;
  /**
   * Information items separated by spaces. Each is one of:
   *   `姓名`                a data element, by its name;
   *   `户主姓名=姓名`        an item with its own name, bound to a data element;
   *   `户号:s20`             an item with no data element: type letter + length,
   *   `水温:f5:摄氏度`        optionally followed by a description.
   * Type letters: s string, i integer, f decimal, d date, t datetime, b boolean.
   */
  items: string;
  abstract: string;
  /** 共享条件, when the generic one for the data's kind would not fit. */
  cond?: string;
  /** 开放条件, likewise. */
  openCond?: string;
  /** 不予共享依据; required when the policy starts with 'n'. */
  basis?: string;
  channel?: 'mail' | 'media';
  via?: 'table' | 'api' | 'file';
  /** 数据资产归属 when it is not the provider (e.g. data returned from the province). */
  owner?: string;
};

export type DepartmentTemplates = Record<string, ResourceTemplate[]>;

/**
 * Legal bases for 不予共享, quoted closely enough that a reviewer can find them.
 * Article numbers are those of the versions in force in 2024.
 */
export const LAW = {
  dsl38:
    '《中华人民共和国数据安全法》第三十八条：国家机关对在履行职责中知悉的个人隐私、个人信息、商业秘密、保密商务信息等数据应当依法予以保密，不得泄露或者非法向他人提供',
  pipl28:
    '《中华人民共和国个人信息保护法》第二十八条：医疗健康、特定身份、行踪轨迹等敏感个人信息，只有在具有特定的目的和充分的必要性，并采取严格保护措施的情形下，方可处理',
  tax8: '《中华人民共和国税收征收管理法》第八条：税务机关应当依法为纳税人、扣缴义务人的情况保守秘密',
  stat25:
    '《中华人民共和国统计法》第二十五条：统计调查中获得的能够识别或者推断单个统计调查对象身份的资料，任何单位和个人不得对外提供、泄露，不得用于统计以外的目的',
  audit16: '《中华人民共和国审计法》第十六条：审计机关和审计人员对在执行职务中知悉的国家秘密、工作秘密、商业秘密、个人隐私和个人信息，应当予以保密',
  archives27:
    '《中华人民共和国档案法》第二十七条：县级以上各级档案馆的档案，应当自形成之日起满二十五年向社会开放；涉及国家安全或者重大利益以及其他到期不宜开放的档案，可以多于二十五年向社会开放',
  health92: '《中华人民共和国基本医疗卫生与健康促进法》第九十二条：国家保护公民个人健康信息，确保公民个人健康信息安全',
  mental4: '《中华人民共和国精神卫生法》第四条：有关单位和个人应当对精神障碍患者的姓名、肖像、住址、工作单位、病历资料以及其他可能推断出其身份的信息予以保密',
  infect12: '《中华人民共和国传染病防治法》第十二条：疾病预防控制机构、医疗机构不得泄露涉及个人隐私的有关信息、资料',
  minors4: '《中华人民共和国未成年人保护法》第四条：处理涉及未成年人事项，应当保护未成年人隐私权和个人信息',
  tender37: '《中华人民共和国招标投标法》第三十七条：评标委员会成员的名单在中标结果确定前应当保密；评标专家个人信息依法予以保护',
  policeSecret: '《中华人民共和国保守国家秘密法》及《公安工作中国家秘密及其密级具体范围的规定》，案件侦办信息属于公安工作秘密',
  detention: '《中华人民共和国看守所条例》及公安工作秘密有关规定，在押人员信息不对外提供',
  petition: '《信访工作条例》关于对信访人的检举、揭发材料及有关情况予以保密的规定；《中华人民共和国数据安全法》第三十八条',
  correction: '《中华人民共和国社区矫正法》关于社区矫正对象身份信息和个人隐私依法保密的规定；《中华人民共和国数据安全法》第三十八条',
  illegalFund: '《防范和处置非法集资条例》及《中华人民共和国数据安全法》第三十八条，风险监测线索未经核实不得对外提供',
  grain: '《中华人民共和国保守国家秘密法》关于国民经济和社会发展中秘密事项的规定，储备粮数量和库点布局属于涉密信息',
  reserve: '《中华人民共和国突发事件应对法》及应急物资储备管理有关保密规定，储备库点和物资数量属于工作秘密',
  workSecret: '《中华人民共和国保守国家秘密法》关于工作秘密管理的规定，督查督办事项办理过程信息属于工作秘密',
  securities52: '《中华人民共和国证券法》第五十二条：涉及发行人的经营、财务或者对该发行人证券的市场价格有重大影响的尚未公开的信息，为内幕信息',
  techContract: '《技术合同认定登记管理办法》关于技术合同登记机构对当事人技术秘密负有保密义务的规定；《中华人民共和国数据安全法》第三十八条',
} as const;
