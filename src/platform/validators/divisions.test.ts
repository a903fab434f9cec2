import { describe, expect, it } from 'vitest';
import { allDivisionCodes, divisionInfo, divisionName, divisionsUnder, isCitizenIdRegion, isCurrentDivision, isKnownDivision } from './divisions.js';

describe('division codes', () => {
  it('holds every code since 1980, current and abolished', () => {
    expect(allDivisionCodes()).toHaveLength(3213); // the MCA's 2024 list
    expect(allDivisionCodes({ historical: true })).toHaveLength(6450);
    const all = allDivisionCodes({ historical: true });
    expect([...all].sort()).toEqual(all);
  });

  it('answers for Zibo (the reference city)', () => {
    expect(divisionsUnder('3703')).toEqual([
      { code: '370302', name: '淄川区' },
      { code: '370303', name: '张店区' },
      { code: '370304', name: '博山区' },
      { code: '370305', name: '临淄区' },
      { code: '370306', name: '周村区' },
      { code: '370321', name: '桓台县' },
      { code: '370322', name: '高青县' },
      { code: '370323', name: '沂源县' },
    ]);
    expect(divisionsUnder('370300')).toEqual(divisionsUnder('3703'));
    expect(divisionsUnder('37', { level: 'prefecture' })).toHaveLength(16);
    expect(divisionsUnder('37', { level: 'prefecture' })[2]).toEqual({ code: '370300', name: '淄博市' });
    expect(divisionInfo('370303')).toMatchObject({ name: '张店区', level: 'county', current: true, from: 1983, to: null, replacedBy: [] });
    expect(divisionName('370300')).toBe('淄博市');
  });

  it('keeps abolished codes with their successors', () => {
    expect(divisionInfo('110103')).toEqual({
      code: '110103',
      name: '崇文区',
      level: 'county',
      current: false,
      from: 1981,
      to: 2010,
      replacedBy: ['110101'],
      history: [{ name: '崇文区', from: 1981, to: 2010, replacedBy: ['110101'] }],
    });
    expect(isKnownDivision('110103')).toBe(true);
    expect(isCurrentDivision('110103')).toBe(false);
    expect(divisionsUnder('1101', { historical: true }).map((d) => d.code)).toContain('110103');
    expect(divisionsUnder('1101').map((d) => d.code)).not.toContain('110103');
    // Successors outside the code's own group are written in full.
    expect(divisionInfo('110221')).toMatchObject({ name: '昌平县', current: false, to: 1999, replacedBy: ['110114'] });
  });

  it('keeps every period of a renamed or reused code, newest first', () => {
    expect(divisionInfo('120110')).toMatchObject({
      name: '东丽区',
      current: true,
      from: 1981,
      history: [
        { name: '东丽区', from: 1992, to: null, replacedBy: [] },
        { name: '东郊区', from: 1981, to: 1992, replacedBy: ['120110'] },
      ],
    });
    // 井陉矿区: 1983–1989, then again from 1992.
    expect(divisionInfo('130107')?.history.map((p) => [p.name, p.from, p.to])).toEqual([
      ['井陉矿区', 1992, null],
      ['井陉矿区', 1983, 1989],
    ]);
  });

  it('every successor is itself a known code', () => {
    for (const code of allDivisionCodes({ historical: true })) {
      for (const p of divisionInfo(code)!.history) for (const next of p.replacedBy) expect(isKnownDivision(next), `${code} → ${next}`).toBe(true);
    }
  });

  it('refuses what is not a code', () => {
    for (const s of ['', '37030', '3703031', '37030a', '３７０３０３', '990000', '000000']) {
      expect(isKnownDivision(s), s).toBe(false);
      expect(divisionInfo(s), s).toBeNull();
    }
  });

  it('accepts the 市辖区 placeholders as ID address codes only', () => {
    expect(isCitizenIdRegion('440301')).toBe(true); // 深圳市市辖区
    expect(isKnownDivision('440301')).toBe(false);
    expect(isCitizenIdRegion('542101')).toBe(false); // 昌都地区 had no districts
    expect(isCitizenIdRegion('370303')).toBe(true);
  });
});
