import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { registerGenerate } from '../../../cli/generate.js';
import { csvText, encodeText } from './index.js';

const tmp = mkdtempSync(join(tmpdir(), 'jutong-generate-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function program(): Command {
  const p = new Command('jutong').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerGenerate(p);
  // exitOverride is inherited only by commands added after it: set it on every subcommand.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap((x) => all(x as Command))];
  for (const c of all(p)) c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return p;
}

const run = (args: string[]) => program().parseAsync(['node', 'jutong', ...args]);

describe('jutong generate', () => {
  it('writes the same bytes to --out as the library', async () => {
    const file = join(tmp, 'pop.csv');
    await run([
      'generate',
      'population',
      '--rows',
      '2k',
      '--seed',
      's1',
      '--bad-fraction',
      '0.05',
      '--start-index',
      '1000',
      '--source',
      'A',
      '--out',
      file,
      '--quiet',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(csvText({ kind: 'population', rows: 2000, seed: 's1', badFraction: 0.05, startIndex: 1000, source: 'A' }));
  });

  it('writes GBK, without a header, for the other kinds', async () => {
    for (const kind of ['legal-entity', 'license'] as const) {
      const file = join(tmp, `${kind}.csv`);
      await run(['generate', kind, '--rows', '500', '--encoding', 'gbk', '--no-header', '--threads', '0', '--out', file, '-q']);
      const bytes = readFileSync(file);
      const expected = csvText({ kind, rows: 500, encoding: 'gbk', header: false });
      expect(bytes.equals(encodeText(expected, 'gbk'))).toBe(true);
      expect(iconv.decode(bytes, 'gbk')).toBe(expected);
    }
  });

  it('refuses bad arguments', async () => {
    await expect(run(['generate', 'population', '--rows', 'lots'])).rejects.toThrow(/whole number/);
    await expect(run(['generate', 'population', '--rows', '10', '--bad-fraction', '2'])).rejects.toThrow(/0 to 1/);
    await expect(run(['generate', 'population', '--rows', '10', '--encoding', 'big5'])).rejects.toThrow(/utf-8/);
    await expect(run(['generate', 'population', '--rows', '10', '--start-index', '999999999'])).rejects.toThrow(/key space/);
    await expect(run(['generate', 'population'])).rejects.toThrow(/--rows/);
  });
});
