import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { loadKeys, type SignAlg, type SigningKey, signatureProblem, signLine } from './signing-keys.js';

// Checkpoints: the heads of the platform's hash-chained logs, appended to a file outside the
// database. A chain verified against itself only proves it is consistent: someone with rights on
// the database can cut its newest rows and rewind its head, and it still holds. Against a
// checkpoint it must be at least as long, and hold the recorded hash at the recorded position.
// One JSON line per head; some are signed (Ed25519, or SM2 under SM3), so a copy shipped off the
// machine cannot be forged by whoever lacks the key. The key never enters the database.

export type Checkpoint = {
  /** Which log: `audit` (its seq) or `share_calls` (its seal's batch number). */
  log: string;
  seq: number;
  hash: string;
  at: string;
  /** The process that wrote it (host:pid), so files from several instances can be told apart. */
  by: string;
  /** The database whose log it is (database_identity): a line of another database is never matched against this one. */
  db?: string;
  /** On the line that records an archive's boundary (always signed): the archive file's name. */
  archive?: string;
  alg?: SignAlg;
  /** The signing key's id (see signing-keys.ts). */
  key?: string;
  /** Over every other field of the line (canonical JSON), the algorithm and key id included. */
  sig?: string;
};

export const processName = () => `${hostname()}:${process.pid}`;

export const signCheckpoint = (c: Checkpoint, keys: SigningKey): Checkpoint => signLine(c, keys);

/** Appends the lines with one write and one fsync: every head read since the last flush shares them. */
export async function appendCheckpoints(file: string, lines: Checkpoint[]): Promise<void> {
  if (!lines.length) return;
  mkdirSync(dirname(file), { recursive: true });
  const fh = await open(file, 'a', 0o644);
  try {
    await fh.write(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** `bad` are lines that cannot be trusted, with the log they name (null when unreadable). */
export type CheckpointFile = { lines: Checkpoint[]; bad: { line: number; log: string | null; seq: number; reason: string }[] };

/** The checkpoint file this installation writes, checked with its key. */
export function loadCheckpoints(cfg: { file: string; keyFile: string }): Promise<CheckpointFile> {
  return readCheckpoints(cfg.file, loadKeys(cfg.keyFile, false));
}

/**
 * Reads the file, checking each signed line. A torn last line (a crash in the middle of a write)
 * is not a checkpoint and is skipped; any other line that does not parse or whose signature fails
 * is reported.
 */
export async function readCheckpoints(file: string, keys: SigningKey | null): Promise<CheckpointFile> {
  const out: CheckpointFile = { lines: [], bad: [] };
  for await (const { n, text } of checkpointLines(file)) {
    const c = parseLine(text);
    if (typeof c === 'string') {
      out.bad.push({ line: n, log: null, seq: 0, reason: `checkpoint line ${n} ${c}` });
      continue;
    }
    if (c.sig !== undefined) {
      const reason = signatureProblem({ ...c, sig: c.sig }, keys);
      if (reason) {
        out.bad.push({ line: n, log: c.log, seq: c.seq, reason: `checkpoint line ${n}: ${reason}` });
        continue;
      }
    }
    out.lines.push(c);
  }
  return out;
}

/** Lines `from` to `from + count - 1` as written (the auditor's copy checks them itself), and whether more follow. */
export async function checkpointPage(file: string, from: number, count: number): Promise<{ items: (Checkpoint & { line: number })[]; more: boolean }> {
  const items: (Checkpoint & { line: number })[] = [];
  for await (const { n, text } of checkpointLines(file)) {
    if (n < from) continue;
    if (n >= from + count) return { items, more: true };
    const c = parseLine(text);
    if (typeof c !== 'string') items.push({ line: n, ...c });
  }
  return { items, more: false };
}

function parseLine(text: string): Checkpoint | string {
  let c: Checkpoint;
  try {
    c = JSON.parse(text);
  } catch {
    return 'is not JSON';
  }
  if (typeof c?.log !== 'string' || !Number.isSafeInteger(c.seq) || typeof c.hash !== 'string' || typeof c.at !== 'string')
    return 'lacks its log, seq, hash or time';
  return c;
}

// Rotation: the file is renamed aside (kept) once it is large or old enough, so no file grows for
// years; `<name>.<n>.jsonl` beside it, numbered on (not by the clock, which can go back), and readers
// take the rotated files first, by number, then the file in use, numbering the lines on across them
// (a page of the auditor route, once full, still always holds the same lines).
const ROTATED = /^\d{6,}$/;

function rotatedParts(file: string): { dir: string; stem: string; ext: string } {
  const name = basename(file);
  const ext = name.endsWith('.jsonl') ? '.jsonl' : '';
  return { dir: dirname(file), stem: name.slice(0, name.length - ext.length), ext };
}

/** The rotated files of `file`, oldest first, then `file` itself. */
export function checkpointFiles(file: string): string[] {
  const { dir, stem, ext } = rotatedParts(file);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(`${stem}.`) && n.endsWith(ext) && ROTATED.test(n.slice(stem.length + 1, n.length - ext.length)));
  } catch {}
  const num = (n: string) => Number(n.slice(stem.length + 1, n.length - ext.length));
  return [...names.sort((a, b) => num(a) - num(b)).map((n) => join(dir, n)), file];
}

/** Every checkpoint line of the file and its rotated predecessors, in the order written, numbered on across them. */
async function* checkpointLines(file: string): AsyncGenerator<{ n: number; text: string }> {
  let offset = 0;
  for (const f of checkpointFiles(file)) {
    let last = 0;
    for await (const { n, text } of fileLines(f)) {
      last = n;
      yield { n: offset + n, text };
    }
    offset += last;
  }
}

/**
 * Renames the file aside once it holds `maxBytes` or its first line is older than `maxMs`, before
 * the next lines are appended; returns the new name, or null when it is not due.
 */
export async function rotateCheckpoints(file: string, maxBytes: number, maxMs: number, now = new Date()): Promise<string | null> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return null;
  }
  if (!size) return null;
  if (size < maxBytes) {
    const first = await firstLine(file);
    if (!first || now.getTime() - Date.parse(first.at) < maxMs) return null;
  }
  const { stem, ext } = rotatedParts(file);
  const last = checkpointFiles(file).at(-2);
  const next = last ? Number(basename(last).slice(stem.length + 1, basename(last).length - ext.length)) + 1 : 1;
  const to = join(dirname(file), `${stem}.${String(next).padStart(6, '0')}${ext}`);
  renameSync(file, to);
  return to;
}

async function firstLine(file: string): Promise<Checkpoint | null> {
  for await (const { text } of fileLines(file)) {
    const c = parseLine(text);
    return typeof c === 'string' ? null : c;
  }
  return null;
}

/** The file's complete lines, numbered from 1, streamed: it grows by a line per head that moved, every few seconds, for years. */
export async function* fileLines(file: string): AsyncGenerator<{ n: number; text: string }> {
  if (!existsSync(file)) return;
  let n = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, 'utf8')) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() as string;
    for (const text of parts) {
      n++;
      if (text.trim()) yield { n, text };
    }
  }
  // What is left after the last newline is a write cut short by a crash: not a checkpoint.
}

/**
 * One log's checkpoints, as a verifier walks the log: `at` for each position it passes, `end`
 * once it has walked all of it.
 */
export class CheckpointCheck {
  private readonly bySeq = new Map<number, Checkpoint>();
  private readonly bounds: Checkpoint[];
  private maxSeq = 0;
  readonly count: number;
  /** Why the file itself condemns the log, before any row is read. */
  readonly problem: { seq: number; reason: string } | null = null;

  /** `database`: the id of the database the log is in (or the archive came from); lines of any other are refused. */
  constructor(log: string, file: CheckpointFile, database: string) {
    // A line nobody can read could have been any log's: the audit log reports it.
    const bad = file.bad.find((b) => b.log === log || (b.log === null && log === 'audit'));
    if (bad) this.problem = bad;
    const mine = file.lines.filter((c) => c.log === log);
    const foreign = mine.find((c) => c.db !== database);
    if (foreign && !this.problem)
      this.problem = {
        seq: foreign.seq,
        reason: `the checkpoint of ${foreign.at} is of database ${foreign.db ?? '(none named)'}, not of this one (${database}): checkpoints of another database are not evidence about this one`,
      };
    this.count = mine.length;
    this.bounds = mine.filter((c) => c.archive !== undefined && c.sig !== undefined);
    for (const c of mine) {
      const seen = this.bySeq.get(c.seq);
      // The same position with two hashes: the log was rewound past it and grown again.
      if (seen && seen.hash !== c.hash && !this.problem)
        this.problem = {
          seq: c.seq,
          reason: `checkpoints of ${seen.at} and ${c.at} record different hashes for ${log} ${c.seq}: the log was rewound and rewritten`,
        };
      this.bySeq.set(c.seq, c);
      if (c.seq > this.maxSeq) this.maxSeq = c.seq;
    }
  }

  /**
   * Why the log may not start after `base` in the database: only a signed line of the archive job
   * (made with the key the database never sees) lets rows before it be gone.
   */
  base(base: { seq: number; hash: string }): string | null {
    if (base.seq === 0 || this.bounds.some((c) => c.seq === base.seq && c.hash === base.hash)) return null;
    return `the log in the database starts after ${base.seq}, but no signed checkpoint records an archive ending there: rows before it were removed`;
  }

  /** Whether the row at `seq` holds what its checkpoint recorded. */
  at(seq: number, hash: string): string | null {
    const c = this.bySeq.get(seq);
    if (!c || c.hash === hash) return null;
    return `does not match the checkpoint of ${c.at} (${c.hash.slice(0, 20)}…): the log was rewritten from here`;
  }

  /** Whether the log, ending at `lastSeq`, is as long as every checkpoint says. */
  end(lastSeq: number): { seq: number; recorded: Checkpoint; reason: string } | null {
    if (this.maxSeq <= lastSeq) return null;
    const c = this.bySeq.get(this.maxSeq) as Checkpoint;
    return { seq: lastSeq + 1, recorded: c, reason: `the log ends at ${lastSeq} but the checkpoint of ${c.at} records ${c.seq}: rows at the end were removed` };
  }
}
