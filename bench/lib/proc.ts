import { readdirSync, readFileSync } from 'node:fs';

// What /proc says of the processes a benchmark involves: CPU seconds and memory, Linux only.

const TICKS = 100; // USER_HZ
export type Stat = { self: number; children: number };
export function stat(pid: number | 'self'): Stat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { self: (Number(f[11]) + Number(f[12])) / TICKS, children: (Number(f[13]) + Number(f[14])) / TICKS };
  } catch {
    return null;
  }
}
/** Every process's /proc/<pid>/stat: its whole line, and the fields after the name (state, ppid, …). */
function* processes(): Generator<{ pid: number; head: string; f: string[] }> {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let head: string;
    try {
      head = readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue;
    }
    yield { pid: Number(d), head, f: head.slice(head.lastIndexOf(')') + 2).split(' ') };
  }
}
/** CPU seconds so far of every PostgreSQL and MariaDB process, by pid (a backend may end during a step: its last sample counts). */
export function serverCpu(): Map<number, { kind: 'postgres' | 'mariadb'; s: number }> {
  const out = new Map<number, { kind: 'postgres' | 'mariadb'; s: number }>();
  for (const { pid, head, f } of processes()) {
    const kind = head.includes('(postgres)') ? 'postgres' : head.includes('(mariadbd)') || head.includes('(mysqld)') ? 'mariadb' : null;
    if (kind) out.set(pid, { kind, s: (Number(f[11]) + Number(f[12])) / TICKS });
  }
  return out;
}
/** A process and every process under it, by pid (parents before their children). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const { pid: p, f } of processes()) children.set(Number(f[1]), [...(children.get(Number(f[1])) ?? []), p]);
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}
export const status = (pid: number | 'self', field: 'VmHWM' | 'VmRSS') => {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};
