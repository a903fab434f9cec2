import { describe, expect, it } from 'vitest';
import { ApiError, errorAction, toApiError } from './errors';

describe('error mapper', () => {
  it('sends an expired session to login, but not a failed login attempt', () => {
    expect(errorAction(new ApiError(401, 'not_authenticated', '请先登录'), 'net')).toEqual({ kind: 'login' });
    expect(errorAction(new ApiError(401, 'bad_credentials', '用户名或密码错误'), 'net')).toEqual({ kind: 'message', message: '用户名或密码错误' });
    expect(errorAction(new ApiError(401, 'account_locked', '已锁定'), 'net')).toEqual({ kind: 'message', message: '已锁定' });
  });

  it('puts rule and validation details on form fields, dropping the request part and numbering item rows', () => {
    const e = toApiError(422, {
      error: {
        code: 'rule_broken',
        message: '有条件共享必须填写共享条件',
        details: [
          { path: ['shareCondition'], message: '有条件共享必须填写共享条件' },
          { path: ['items', '1', 'dataElement'], message: '数据元 DE99999 不存在' },
          { path: ['body', 'name'], message: '资源名称至少2个字' },
          { path: ['body', 'name'], message: '资源名称最多200个字' },
        ],
      },
    });
    expect(errorAction(e, 'net')).toEqual({
      kind: 'fields',
      message: '有条件共享必须填写共享条件',
      fields: [
        { name: ['shareCondition'], errors: ['有条件共享必须填写共享条件'] },
        { name: ['items', 1, 'dataElement'], errors: ['数据元 DE99999 不存在'] },
        { name: ['name'], errors: ['资源名称至少2个字', '资源名称最多200个字'] },
      ],
    });
  });

  it('shows anything else as a message, and a network failure as the given text', () => {
    expect(errorAction(toApiError(409, { error: { code: 'conflict', message: '目录正在审核中' } }), 'net')).toEqual({
      kind: 'message',
      message: '目录正在审核中',
    });
    expect(errorAction(toApiError(502, '<html>bad gateway</html>'), 'net')).toEqual({ kind: 'message', message: 'server' });
    expect(errorAction(new TypeError('Failed to fetch'), '无法连接服务器')).toEqual({ kind: 'message', message: '无法连接服务器' });
  });
});
