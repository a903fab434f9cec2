import { describe, expect, it } from 'vitest';
import { importedListLink, issuesCsv, jobView, sheetIssues } from './job-view';

describe('jobView', () => {
  it('a queued job waits at zero', () => {
    expect(jobView({ status: 'queued', phase: null, done: 0, total: 0 })).toMatchObject({
      phaseKey: 'import.phase.queued',
      percent: 0,
      outcome: 'working',
      finished: false,
      barStatus: 'normal',
      counts: null,
    });
  });

  it('names each phase in Chinese via its key and moves forward through the phases', () => {
    const reading = jobView({ status: 'running', phase: 'reading', done: 0, total: 0 });
    const validating = jobView({ status: 'running', phase: 'validating', done: 500, total: 1000 });
    const writing = jobView({ status: 'running', phase: 'writing', done: 250, total: 1000 });
    expect([reading.phaseKey, validating.phaseKey, writing.phaseKey]).toEqual(['import.phase.reading', 'import.phase.validating', 'import.phase.writing']);
    expect(reading.percent).toBe(0);
    expect(validating.percent).toBe(30);
    expect(writing.percent).toBe(62);
    expect(validating.counts).toEqual({ done: 500, total: 1000 });
    expect(writing.barStatus).toBe('active');
  });

  it('never shows 100% before the job has succeeded', () => {
    expect(jobView({ status: 'running', phase: 'writing', done: 1000, total: 1000 }).percent).toBe(99);
    expect(jobView({ status: 'running', phase: 'done', done: 1, total: 1 }).percent).toBe(99);
  });

  it('an unknown phase still reads as working', () => {
    expect(jobView({ status: 'running', phase: 'thinking', done: 0, total: 0 })).toMatchObject({ phaseKey: 'import.phase.running', percent: 0 });
  });

  it('success: 100%, the count and the codes', () => {
    const v = jobView({ status: 'succeeded', phase: 'done', done: 12, total: 12, result: { count: 12, codes: ['101/A-00001', 7] } });
    expect(v).toMatchObject({ outcome: 'succeeded', finished: true, percent: 100, barStatus: 'success', phaseKey: 'import.phase.done', issues: [] });
    expect(v.imported).toEqual({ count: 12, codes: ['101/A-00001'] });
  });

  it('failure: the row-level errors and the message, nothing imported', () => {
    const v = jobView({
      status: 'failed',
      phase: 'validating',
      done: 1,
      total: 1,
      result: null,
      error: {
        code: 'rule_broken',
        message: '导入文件有 2 处错误，未导入任何数据',
        details: [
          { sheet: '目录', row: 2, column: '提供方代码', message: '只能导入本部门的目录' },
          { sheet: '信息项', row: 5, column: '数据类型', message: '请选择数据类型' },
          { nonsense: true },
        ],
      },
    });
    expect(v).toMatchObject({ outcome: 'failed', finished: true, barStatus: 'exception', imported: null, message: '导入文件有 2 处错误，未导入任何数据' });
    expect(v.issues).toEqual([
      { sheet: '目录', row: 2, column: '提供方代码', message: '只能导入本部门的目录' },
      { sheet: '信息项', row: 5, column: '数据类型', message: '请选择数据类型' },
    ]);
    expect(v.percent).toBeLessThan(100);
  });

  it('a failure without details (an internal error) has no rows but keeps the message', () => {
    const v = jobView({ status: 'failed', phase: 'reading', done: 0, total: 0, error: { code: 'internal', message: 'boom' } });
    expect(v.issues).toEqual([]);
    expect(v.message).toBe('boom');
  });
});

describe('helpers', () => {
  it('links to the imported entries in their state', () => {
    expect(importedListLink('draft')).toBe('/catalog?scope=mine&status=draft');
    expect(importedListLink('submit')).toBe('/catalog?scope=mine&status=submitted');
  });

  it('sheetIssues ignores what is not an issue', () => {
    expect(sheetIssues(null)).toEqual([]);
    expect(sheetIssues([{ sheet: '目录', row: 3, message: 'x' }])).toEqual([{ sheet: '目录', row: 3, column: '', message: 'x' }]);
  });

  it('writes the error list as CSV Excel opens', () => {
    const csv = issuesCsv([{ sheet: '目录', row: 2, column: '摘要', message: '摘要至少10个字, "太短"' }], ['工作表', '行号', '列', '问题']);
    expect(csv.startsWith('\uFEFF工作表,行号,列,问题\r\n')).toBe(true);
    expect(csv).toContain('目录,2,摘要,"摘要至少10个字, ""太短"""');
  });
});
