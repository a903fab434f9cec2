import { describe, expect, it } from 'vitest';
import { domainOf, domainSummary, duplicateCodes, formValuesOf, maskExample, toElementPayload, validPattern } from './element-form';

const gender = {
  identifier: 'DE00002',
  name: '性别',
  definition: '人的生理性别',
  dataType: 'string',
  length: 1,
  masking: 'none',
  valueDomain: {
    kind: 'enum' as const,
    values: [
      { code: '1', label: '男' },
      { code: '2', label: '女' },
    ],
  },
};

describe('value domain', () => {
  it('sends only the chosen kind', () => {
    const v = { kind: 'pattern' as const, values: [{ code: '1', label: '男' }], pattern: '^\\d{6}$', name: 'mobile' };
    expect(domainOf(v)).toEqual({ kind: 'pattern', pattern: '^\\d{6}$' });
    expect(domainOf({ ...v, kind: 'validator' })).toEqual({ kind: 'validator', name: 'mobile' });
    expect(domainOf({ ...v, kind: 'free' })).toEqual({ kind: 'free' });
    expect(domainOf({ ...v, kind: 'enum', values: [{ code: ' 1 ', label: ' 男 ' }] })).toEqual({ kind: 'enum', values: [{ code: '1', label: '男' }] });
  });

  it('round-trips an element through the form', () => {
    const payload = toElementPayload(formValuesOf(gender), false);
    expect(payload).toEqual({
      name: '性别',
      definition: '人的生理性别',
      dataType: 'string',
      length: 1,
      masking: 'none',
      valueDomain: gender.valueDomain,
      derivation: null,
    });
    const derived = { ...gender, derivation: { from: 'citizen-id' as const, masking: 'full' as const } };
    expect(toElementPayload(formValuesOf(derived), false).derivation).toEqual(derived.derivation);
  });

  it('sends the identifier only when creating with one', () => {
    expect(toElementPayload({ identifier: ' DE00099 ', name: 'x', definition: 'yy', dataType: 'string' }, true)).toMatchObject({
      identifier: 'DE00099',
      length: null,
    });
    expect(toElementPayload({ identifier: '', name: 'x', definition: 'yy', dataType: 'string' }, true)).not.toHaveProperty('identifier');
    expect(toElementPayload({ identifier: 'DE00002', name: 'x', definition: 'yy', dataType: 'string' }, false)).not.toHaveProperty('identifier');
  });

  it('checks patterns as the server does', () => {
    expect(validPattern('^\\d{6}$')).toBe(true);
    expect(validPattern('([a-')).toBe(false);
    expect(validPattern('\\p{Script=Han}+')).toBe(true);
  });

  it('finds duplicate enum codes', () => {
    expect(duplicateCodes([{ code: '1' }, { code: '2' }, { code: ' 1' }, {}, { code: '' }])).toEqual([2]);
  });

  it('summarizes a domain for the table', () => {
    expect(domainSummary(gender.valueDomain)).toEqual({ key: 'dataElements.domain.summary.enum', vars: { n: 2, sample: '男、女' } });
    expect(domainSummary({ kind: 'validator', name: 'citizen-id' })).toEqual({ key: 'dataElements.validator.citizen-id' });
    expect(domainSummary({ kind: 'free' }).key).toBe('dataElements.domain.kind.free');
  });
});

describe('masking example', () => {
  it('uses the platform masking', () => {
    expect(maskExample('name')).toEqual({ before: '张三丰', after: '张*丰' });
    expect(maskExample('mobile')).toEqual({ before: '13812345678', after: '138****5678' });
    expect(maskExample('full')?.after).toBe('***');
    expect(maskExample('nonsense')).toBeNull();
  });
});
