import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentConfigError, loadConfig, parseConfig } from './config.js';
import { lockState, readState, StateError, StateFile, writeState } from './state.js';

// The agent's two files: its configuration (checked whole, with ${VAR} from the environment
// and paths relative to the file) and its state (replaced atomically, locked to one agent).

const dir = mkdtempSync(join(tmpdir(), 'jutong-agent-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `${NAME}` as written in a configuration file. */
const v = (name: string) => ['$', `{${name}}`].join('');

const push = {
  name: 'people',
  push: {
    resource: '101/370300001-00001',
    source: { kind: 'mysql', url: `mysql://u:${v('DB_PASSWORD')}@h/db`, table: 'app.people', key: ['id'], updatedAt: 'updated_at', columns: { 编号: 'id' } },
  },
};
const pull = { name: 'copy', pull: { resource: '101/370300001-00001', target: { kind: 'postgres', url: 'postgres://h/db', table: 'copy' } } };

describe('the configuration', () => {
  it('takes values from the environment, resolves paths from its own folder, and fills defaults', () => {
    const c = parseConfig(
      {
        platform: 'https://jutong.example.gov.cn/',
        apiKey: v('KEY'),
        state: 'state.json',
        jobs: [push, pull, { name: 'files', push: { resource: 'x', source: { kind: 'csv-folder', path: 'outbox' } } }],
      },
      '/etc/jutong',
      { KEY: 'jt_secret', DB_PASSWORD: 'p@ss' },
    );
    expect(c).toMatchObject({
      platform: 'https://jutong.example.gov.cn',
      apiKey: 'jt_secret',
      state: '/etc/jutong/state.json',
      intervalSeconds: 30,
      retrySeconds: 300,
    });
    expect(c.jobs[0]).toMatchObject({ push: { batchRows: 50_000, source: { url: 'mysql://u:p@ss@h/db' } } });
    expect(c.jobs[1]).toMatchObject({ pull: { pageRows: 50_000 } });
    expect(c.jobs[2]).toMatchObject({ push: { source: { path: '/etc/jutong/outbox', mode: 'upsert', encoding: 'auto' } } });
  });

  it('says what is wrong, all at once', () => {
    const bad = () =>
      parseConfig(
        {
          platform: 'not a url',
          apiKey: 'k',
          state: 's',
          jobs: [
            { ...push, name: 'has space' },
            { ...push, push: { ...push.push, source: { ...push.push.source, changeTable: { table: 'c', seq: 's', op: 'o', key: ['id'] } } } },
            pull,
            pull,
          ],
        },
        '/',
        { DB_PASSWORD: 'x' },
      );
    expect(bad).toThrow(AgentConfigError);
    try {
      bad();
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toMatch(/platform/);
      expect(m).toMatch(/任务名只能/);
      expect(m).toMatch(/updatedAt 或 changeTable 之一/);
      expect(m).toMatch(/任务名不能重复/);
    }
    expect(() => parseConfig({ platform: 'http://x', apiKey: v('NOPE'), state: 's', jobs: [pull] }, '/', {})).toThrow(/环境变量 NOPE 未设置/);
    expect(() => parseConfig({ platform: 'http://x', apiKey: 'k', state: 's', jobs: [pull], extra: 1 }, '/', {})).toThrow(AgentConfigError);
  });

  it('reads a file, and says so when it cannot', () => {
    const f = join(dir, 'agent.json');
    writeFileSync(f, JSON.stringify({ platform: 'http://127.0.0.1:8080', apiKey: 'k', state: 'st/agent.state.json', jobs: [pull] }));
    expect(loadConfig(f).state).toBe(join(dir, 'st/agent.state.json'));
    writeFileSync(f, '{ not json');
    expect(() => loadConfig(f)).toThrow(/不是有效的 JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/读不到/);
  });
});

describe('the state file', () => {
  it('starts empty with its own instance, and is replaced whole, leaving no temporary file', () => {
    const f = join(dir, 'a', 'state.json');
    const s = readState(f);
    expect(s).toMatchObject({ version: 1, jobs: {} });
    expect(s.instance).toMatch(/^[0-9a-f]{16}$/);
    expect(readState(join(dir, 'other.json')).instance).not.toBe(s.instance);
    s.jobs.copy = { kind: 'pull', token: 't', generation: 1, inSnapshot: false, columns: {}, upserts: 1, deletes: 0, pages: 1, lastPageAt: null };
    writeState(f, s);
    expect(readState(f)).toEqual(s);
    expect(readdirSync(join(dir, 'a'))).toEqual(['state.json']);
    writeFileSync(f, '{"version":1,');
    expect(() => readState(f)).toThrow(StateError);
  });

  it('is kept by one agent at a time; the lock of a killed agent is taken over', async () => {
    const f = join(dir, 'b', 'state.json');
    const st = new StateFile(f);
    expect(readFileSync(`${f}.lock`, 'utf8')).toBe(String(process.pid));
    st.close();
    expect(existsSync(`${f}.lock`)).toBe(false);
    // A process that held the lock and was killed.
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new Promise((r) => child.once('spawn', r));
    writeFileSync(`${f}.lock`, String(child.pid));
    expect(() => lockState(f)).toThrow(/另一个前置机进程（pid \d+）正在使用/);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const release = lockState(f);
    expect(readFileSync(`${f}.lock`, 'utf8')).toBe(String(process.pid));
    release();
  });
});
