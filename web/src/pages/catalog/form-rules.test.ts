import { describe, expect, it } from 'vitest';
import type { ClassificationNode } from '../../../../src/modules/catalog/schema';
import {
  applicable,
  changedPaths,
  checkForm,
  classificationOptions,
  FORM_FIELDS,
  type FormValues,
  fieldName,
  fieldsToClear,
  fillFromElement,
  remapServerFields,
  toPayload,
} from './form-rules';

const good: FormValues = {
  classification: '101',
  name: '流动人口居住登记信息',
  abstract: '全市流动人口居住登记与居住证办理信息，按日更新。',
  format: 'database',
  formatType: 'KingbaseES',
  keywords: ['流动人口'],
  items: [{ name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 }],
  shareType: 'unconditional',
  shareChannel: 'mail',
  openType: 'closed',
  updateCycle: 'daily',
  relatedCodes: [],
};

const names = (issues: { name: (string | number)[] }[]) => issues.map((i) => i.name);

describe('conditional fields', () => {
  it.each([
    ['unconditional', { shareCondition: false, shareBasis: false }],
    ['conditional', { shareCondition: true, shareBasis: false }],
    ['none', { shareCondition: false, shareBasis: true }],
  ])('share type %s', (shareType, expected) => {
    expect(applicable({ shareType })).toMatchObject(expected);
  });

  it.each([
    ['platform', true],
    ['mail', false],
    ['media', false],
  ])('share channel %s → 共享方式类型 %s', (shareChannel, shareVia) => {
    expect(applicable({ shareChannel }).shareVia).toBe(shareVia);
  });

  it.each([
    ['open', false],
    ['conditional', true],
    ['closed', false],
  ])('open type %s → 开放条件 %s', (openType, openCondition) => {
    expect(applicable({ openType }).openCondition).toBe(openCondition);
  });

  it('nothing chosen: nothing conditional shows', () => {
    expect(applicable({})).toEqual({ shareCondition: false, shareBasis: false, shareVia: false, openCondition: false });
  });

  it('each applying field is required: leaving it empty is an error on that field', () => {
    const r = checkForm({ ...good, shareType: 'conditional', shareChannel: 'platform', openType: 'conditional' });
    expect(r.ok).toBe(false);
    expect(names(r.issues)).toEqual(expect.arrayContaining([['shareCondition'], ['shareVia'], ['openCondition']]));
    const none = checkForm({ ...good, shareType: 'none' });
    expect(names(none.issues)).toContainEqual(['shareBasis']);
  });

  it('names the fields that stopped applying and still hold a value', () => {
    expect(
      fieldsToClear({ shareType: 'unconditional', shareCondition: '仅限公安', shareBasis: '', shareChannel: 'mail', shareVia: 'api', openType: 'open' }),
    ).toEqual(['shareCondition', 'shareVia']);
    expect(fieldsToClear({ shareType: 'conditional', shareCondition: '仅限公安' })).toEqual([]);
  });

  it('a value left in a field that does not apply is not sent', () => {
    const p = toPayload({ ...good, shareCondition: '遗留的条件', shareVia: 'api', openCondition: 'x' });
    expect(p).toMatchObject({ shareCondition: null, shareVia: null, openCondition: null });
    expect(checkForm({ ...good, shareCondition: '遗留的条件' }).ok).toBe(true);
  });
});

describe('payload', () => {
  it('sends exactly the form fields', () => {
    expect(Object.keys(toPayload(good)).sort()).toEqual([...FORM_FIELDS].sort());
  });

  it('an empty optional field becomes null', () => {
    const p = toPayload({
      ...good,
      contact: '',
      owner: '   ',
      publishedAt: undefined,
      items: [{ name: '姓名', type: 'string', dataElement: '', description: '', length: undefined }],
    });
    expect(p).toMatchObject({ contact: null, owner: null, publishedAt: null });
    expect(p.items).toEqual([{ name: '姓名', type: 'string', dataElement: null, description: null, length: null }]);
    const r = checkForm({ ...good, contact: '' });
    expect(r.ok && r.payload.contact).toBe(null);
  });

  it('a valid form gives the parsed entry', () => {
    const r = checkForm({ ...good, name: '  流动人口居住登记信息  ', keywords: [' 流动人口 ', ''] });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.payload.name).toBe('流动人口居住登记信息');
      expect(r.payload.keywords).toEqual(['流动人口']);
      expect(r.payload.items[0]).toEqual({ name: '姓名', dataElement: 'DE00001', type: 'string', length: 50, description: null });
    }
  });
});

describe('issues land on antd fields', () => {
  it('required fields are named', () => {
    const r = checkForm({});
    expect(names(r.issues)).toEqual(
      expect.arrayContaining([
        ['name'],
        ['classification'],
        ['abstract'],
        ['format'],
        ['formatType'],
        ['items'],
        ['shareType'],
        ['shareChannel'],
        ['openType'],
        ['updateCycle'],
      ]),
    );
    expect(r.issues.find((i) => i.name[0] === 'name')?.errors).toEqual(['资源名称不能为空']);
  });

  it('checkRules paths on item rows become numeric indexes', () => {
    const r = checkForm({
      ...good,
      items: [
        { name: '姓名', type: 'string' },
        { name: '性别', type: 'string' },
        { name: '姓名', type: 'string' },
      ],
    });
    expect(r.issues).toEqual([{ name: ['items', 2, 'name'], errors: ['信息项“姓名”重复'] }]);
    expect(fieldName(['items', '0', 'dataElement'])).toEqual({ name: ['items', 0, 'dataElement'] });
  });

  it('zod paths on item rows too, with the cross-field rules in the same pass', () => {
    const r = checkForm({
      ...good,
      shareType: 'conditional',
      items: [
        { name: '姓名', type: 'string' },
        { name: '', type: undefined },
      ],
    });
    expect(names(r.issues)).toEqual(expect.arrayContaining([['items', 1, 'name'], ['items', 1, 'type'], ['shareCondition']]));
  });

  it('not shared means not opened', () => {
    const r = checkForm({ ...good, shareType: 'none', shareBasis: '《中华人民共和国保守国家秘密法》', openType: 'open' });
    expect(r.issues).toEqual([{ name: ['openType'], errors: ['不予共享的资源不能向社会开放'] }]);
  });

  it('a bad tag is reported on its list, naming the tag', () => {
    const r = checkForm({ ...good, relatedCodes: ['101/11370300MB28449441-00001', 'abc'] });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].name).toEqual(['relatedCodes']);
    expect(r.issues[0].errors[0]).toMatch(/^abc：资源代码格式应为/);
  });

  it("the server's details are remapped the same way", () => {
    const values = { ...good, relatedCodes: ['101/X-00009'], keywords: ['人口', '很长的词'] };
    expect(
      remapServerFields(
        [
          { name: ['relatedCodes', 0], errors: ['关联资源代码 101/X-00009 不存在'] },
          { name: ['keywords', 1], errors: ['最多30个字'] },
          { name: ['items', 0, 'dataElement'], errors: ['数据元 DE99999 不存在'] },
        ],
        values,
      ),
    ).toEqual([
      { name: ['relatedCodes'], errors: ['关联资源代码 101/X-00009 不存在'] },
      { name: ['keywords'], errors: ['很长的词：最多30个字'] },
      { name: ['items', 0, 'dataElement'], errors: ['数据元 DE99999 不存在'] },
    ]);
  });
});

describe('classification picker', () => {
  const node = (code: string, name: string, departmentId: string | null = null, children: ClassificationNode[] = []): ClassificationNode => ({
    code,
    name,
    kind: code.startsWith('1') ? 'base' : code.startsWith('2') ? 'theme' : 'department',
    departmentId,
    children,
  });
  const tree = [
    node('1', '基础信息资源', null, [node('101', '人口信息资源', null, [node('101001', '人口基本信息')])]),
    node('2', '主题信息资源', null, [node('201', '教育文化')]),
    node('3', '部门信息资源', null, [node('301', '淄博市大数据局', 'd-bureau'), node('302', '淄博市公安局', 'd-police', [node('302001', '治安', 'd-police')])]),
  ];

  it('only 项 or deeper is selectable', () => {
    const o = classificationOptions(tree, 'd-police');
    expect(o.map((n) => n.selectable)).toEqual([false, false, false]);
    expect(o[0].children[0]).toMatchObject({ value: '101', title: '101 人口信息资源', selectable: true });
    expect(o[0].children[0].children[0]).toMatchObject({ value: '101001', selectable: true });
  });

  it("under 部门信息资源 only the user's own department", () => {
    const o = classificationOptions(tree, 'd-police');
    expect(o[2].children.map((n) => n.value)).toEqual(['302']);
    expect(o[2].children[0].children.map((n) => n.value)).toEqual(['302001']);
    expect(classificationOptions(tree, null)[2].children).toEqual([]);
  });
});

describe('data element picker', () => {
  it('fills type and length from the element only where empty', () => {
    expect(fillFromElement({ name: '姓名' }, { dataType: 'string', length: 50 })).toEqual({ name: '姓名', type: 'string', length: 50 });
    expect(fillFromElement({ name: '年龄', type: 'integer', length: 3 }, { dataType: 'string', length: 50 })).toMatchObject({ type: 'integer', length: 3 });
  });
});

describe('editing clears the marks', () => {
  it('names the fields a change touched', () => {
    expect(changedPaths({ name: '城乡低保' })).toEqual([['name']]);
    expect(changedPaths({ keywords: ['低保', '救助'] })).toEqual([['keywords']]);
    // antd reports a row edit as a sparse array holding the changed row's changed field
    const sparse: unknown[] = [];
    sparse[2] = { length: 18 };
    expect(changedPaths({ items: sparse })).toEqual([['items'], ['items', 2, 'length']]);
  });
});
