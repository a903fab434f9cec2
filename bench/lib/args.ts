import { parseArgs } from 'node:util';

// Every bench has a smoke mode (`--smoke`, or BENCH_SMOKE=1): the same code paths and the same
// reference, at the smallest sizes that still reach each of them, finishing in seconds and
// writing nothing to bench/RESULTS.md. bench/smoke.test.ts runs each so that a change that
// breaks a bench fails the suite. Sizes given on the command line win over either set.

type Options = Record<string, string | boolean>;
type Widened<T extends Options> = { [K in keyof T]: T[K] extends boolean ? boolean : string };
type Args<T extends Options> = Widened<T> & { smoke: boolean; 'no-write': boolean };

export function benchArgs<T extends Options>(full: T, smoke: Partial<Widened<T>>): Args<T> {
  const options = Object.fromEntries(
    [...Object.keys(full), 'smoke', 'no-write'].map((k) => [
      k,
      { type: typeof full[k] === 'boolean' || k === 'smoke' || k === 'no-write' ? 'boolean' : 'string' },
    ]),
  ) as Record<string, { type: 'string' | 'boolean' }>;
  const { values } = parseArgs({ options });
  const isSmoke = values.smoke === true || process.env.BENCH_SMOKE === '1';
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const out = { ...full, ...(isSmoke ? smoke : {}), ...given, smoke: isSmoke, 'no-write': values['no-write'] === true || isSmoke };
  if (isSmoke) console.log('smoke mode: tiny sizes, nothing written to bench/RESULTS.md');
  return out as Args<T>;
}
