/**
 * `jutong generate population|legal-entity|license`: realistic synthetic CSV for the base
 * databases, to stdout or a file. No database is opened. See
 * src/modules/gathering/generate/README.md for what the rows contain and how keys derive
 * from (seed, index).
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import {
  COLUMNS,
  type Encoding,
  encodings,
  type GenerateKind,
  type GenerateOptions,
  generateKinds,
  keySpaceSize,
  resolveOptions,
  SOURCE_ENTRIES,
  writeCsv,
} from '../modules/gathering/generate/index.js';

type Flags = {
  rows: number;
  badFraction: number;
  variantFraction?: number;
  seed: string;
  encoding: Encoding;
  out?: string;
  startIndex: number;
  source: string;
  drift: number;
  threads?: number;
  header: boolean;
  quiet?: boolean;
};

function count(v: string): number {
  const s = v.replace(/[_,]/g, '');
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s);
  const n = m ? Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative whole number (1000000, 1_000_000, 1m, 500k)');
  return n;
}

function fraction(v: string): number {
  const n = Number(v);
  if (!(v.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

function encoding(v: string): Encoding {
  const e = v.toLowerCase().replace(/^utf8$/, 'utf-8') as Encoding;
  if (!encodings.includes(e)) throw new InvalidArgumentError(`expected one of ${encodings.join(', ')}`);
  return e;
}

const KIND_HELP: Record<GenerateKind, string> = {
  population: '户籍人口 rows (人口库 source): valid 18-digit ID numbers for Zibo districts, names, addresses, 派出所 …',
  'legal-entity': '企业登记 rows (法人库 source): valid unified social credit codes, company names, capital, 住所 …',
  license: '电子证照 rows (电子证照库): licence numbers, holders (people or entities of the other kinds), issuers, dates',
};

export function registerGenerate(program: Command): void {
  const generate = program
    .command('generate')
    .description('write realistic synthetic CSV for the base databases (deterministic: the same options give the same bytes)');

  for (const kind of generateKinds) {
    const entry = SOURCE_ENTRIES[kind];
    generate
      .command(kind)
      .description(`${KIND_HELP[kind]}\ncolumns: the items of ${entry.entry} (${entry.provider}): ${COLUMNS[kind].join(' ')}`)
      .requiredOption('--rows <n>', 'number of rows (1000000, 1_000_000, 1m, 500k)', count)
      .option('--bad-fraction <f>', 'share of rows with a fault an ingest must reject (wrong check digit, impossible date, over-long …)', fraction, 0)
      .option(
        '--variant-fraction <f>',
        'share of rows that are unusual but acceptable (15-digit ID, full-width digits, empty name); default: bad-fraction / 2',
        fraction,
      )
      .option('--seed <s>', 'seed (any text): fixes who index i is and every value', '0')
      .option(
        '--encoding <e>',
        `${encodings.join(' | ')} (gbk: rare name characters GBK lacks are written as common substitutes; gb18030 keeps them)`,
        encoding,
        'utf-8',
      )
      .option('--out <file>', 'write to this file (default: stdout)')
      .option('--start-index <k>', `first row index (rows are indexes k … k+rows-1; key space: ${keySpaceSize(kind).toLocaleString('en')})`, count, 0)
      .option('--source <name>', 'source department: a named source draws some non-key fields differently (for merge conflicts)', '')
      .option('--drift <f>', 'with --source: share of rows whose drifting fields differ from the canonical source', fraction, 0.1)
      .option('--threads <n>', 'worker threads generating in parallel (0: none; default: CPU count for 1m rows or more)', count)
      .option('--no-header', 'leave out the header line')
      .option('-q, --quiet', 'no progress bar or summary on stderr')
      .action((o: Flags) => run(kind, o));
  }
}

async function run(kind: GenerateKind, o: Flags): Promise<void> {
  const options: GenerateOptions = {
    kind,
    rows: o.rows,
    seed: o.seed,
    startIndex: o.startIndex,
    badFraction: o.badFraction,
    variantFraction: o.variantFraction,
    source: o.source,
    drift: o.drift,
    encoding: o.encoding,
    header: o.header,
  };
  let resolved: ReturnType<typeof resolveOptions>;
  try {
    resolved = resolveOptions(options);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }

  const file = o.out ? createWriteStream(o.out, { highWaterMark: 16 << 20 }) : null;
  const out: Writable = file ?? process.stdout;
  const showBar = !o.quiet && file !== null && process.stderr.isTTY === true && resolved.rows >= 100_000;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { format: ' 生成 generating [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted}', hideCursor: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(resolved.rows, 0);
  try {
    const r = await writeCsv(resolved, out, { threads: o.threads, onProgress: bar ? (_bytes, rows) => bar.update(rows) : undefined });
    if (file) await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
    bar?.stop();
    if (file && !o.quiet) {
      const mb = r.bytes / 1e6;
      console.error(
        `wrote ${r.rows.toLocaleString('en')} ${kind} rows (${mb.toFixed(1)} MB, ${resolved.encoding}) to ${o.out} in ${r.seconds.toFixed(1)} s: ` +
          `${Math.round(r.rows / Math.max(r.seconds, 1e-9)).toLocaleString('en')} rows/s, ${r.threads} worker thread(s)`,
      );
    }
  } catch (e) {
    bar?.stop();
    file?.destroy();
    // Output piped into `head` and closed early: not an error.
    if (!file && (e as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw e;
  }
}
