import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// The agent's state: a small JSON file, replaced atomically (write a temporary file beside it,
// fsync it, rename it over the old one, fsync the directory), so a crash at any moment leaves
// either the old state or the new one, never half of one. A lock file beside it keeps two
// agents off one state.

/** Where a push job's source stands. Tuples are the source's text values, as the database prints them. */
export type PushPosition =
  /** By (updatedAt, key): rows after this tuple (null: from the beginning). */
  | { kind: 'updatedAt'; after: string[] | null }
  /** Change table, first the whole table by key (rows after `after`), then the changes after `startSeq`. */
  | { kind: 'scan'; after: string[] | null; startSeq: string | null }
  /** Change table: changes after this seq (null: all). */
  | { kind: 'changes'; after: string | null }
  /** A folder of files: the ones sent, by name, with the SHA-256, size and time of the content sent. */
  | { kind: 'files'; sent: Record<string, SentFile> };

type SentFile = { sha256: string; size: number; mtimeMs: number };

/** A batch decided and written down before it is sent: after a crash it is sent again, read from the same range, with the same key. */
export type Pending = {
  batch: number;
  /** Raised by `--retry` after a rejected run: a new idempotency key for the same range. */
  attempt: number;
  mode: 'upsert' | 'delete' | 'replace';
  /** The position the batch starts from and the one it ends at (inclusive). */
  from: PushPosition;
  to: PushPosition;
  /** A file batch: the file and the SHA-256 of what was sent. */
  file?: { name: string; sha256: string };
  rows: number;
};

export type Stopped = { at: string; batch: number; runId: string | null; status: string; error: string };

export type PushState = {
  kind: 'push';
  mountId: string | null;
  /** The last batch number used. */
  batch: number;
  position: PushPosition;
  pending: Pending | null;
  /** A batch the platform refused to publish: the job waits for the operator (`--retry <job>`). */
  stopped: Stopped | null;
  rowsSent: number;
  batchesSent: number;
  lastBatchAt: string | null;
};

export type PullState = {
  kind: 'pull';
  /** The `next` of the last page applied; null: start with a snapshot. */
  token: string | null;
  /** Snapshot generation: rows carry the generation that last wrote them; a finished snapshot deletes older ones. */
  generation: number;
  /** A snapshot is under way (its first page was applied, its last not yet). */
  inSnapshot: boolean;
  /** Catalog item → destination column. */
  columns: Record<string, string>;
  upserts: number;
  deletes: number;
  pages: number;
  lastPageAt: string | null;
};

export type JobState = PushState | PullState;

export type AgentState = {
  version: 1;
  /** Made once per state file: part of every idempotency key, so a new state never reuses an old state's keys. */
  instance: string;
  jobs: Record<string, JobState>;
};

export class StateError extends Error {}

function newState(): AgentState {
  return { version: 1, instance: randomBytes(8).toString('hex'), jobs: {} };
}

export function readState(file: string): AgentState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return newState();
    throw new StateError(`读不到状态文件 ${file}：${(e as Error).message}`);
  }
  let s: AgentState;
  try {
    s = JSON.parse(text);
  } catch (e) {
    throw new StateError(`状态文件 ${file} 已损坏（${(e as Error).message}）：它只会被整体替换，不应出现这种情况；请检查磁盘或从备份恢复`);
  }
  if (s?.version !== 1 || typeof s.instance !== 'string' || typeof s.jobs !== 'object') throw new StateError(`状态文件 ${file} 的格式不认识`);
  return s;
}

/** Replaces the state file atomically and durably. */
export function writeState(file: string, state: AgentState) {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const d = openSync(dir, 'r');
  try {
    fsyncSync(d);
  } finally {
    closeSync(d);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the state's lock (a file holding the agent's pid); a lock whose process is gone is taken over. Returns the release. */
export function lockState(file: string): () => void {
  const lock = `${file}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lock, 'utf8') === String(process.pid)) unlinkSync(lock);
        } catch {}
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new StateError(`另一个前置机进程（pid ${pid}）正在使用状态文件 ${file}`);
      try {
        unlinkSync(lock); // its process is gone (killed): take the lock over
      } catch {}
    }
  }
  throw new StateError(`无法锁定状态文件 ${file}`);
}

/** The state file and its lock, as the runner uses them. */
export class StateFile {
  readonly state: AgentState;
  private release: () => void;

  constructor(readonly file: string) {
    this.release = lockState(file);
    try {
      this.state = readState(file);
    } catch (e) {
      this.release();
      throw e;
    }
  }

  save() {
    writeState(this.file, this.state);
  }

  close() {
    this.release();
  }
}
