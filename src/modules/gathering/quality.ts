import type { Quality } from './schema.js';

// A run's quality report, counted while the rows stream past, in memory that does not
// grow with the file: per item how many cells were filled and valid, and an estimate of
// distinct values (HyperLogLog, 4,096 registers: ±1.6 %, 4 KB per item).

const P = 12;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);

export class Distinct {
  private readonly reg = new Uint8Array(M);

  /** Adds the value stored as bytes b[a, e) (its COPY form: the same value always has the same bytes). */
  add(b: Uint8Array, a: number, e: number): void {
    // FNV-1a style over four bytes a step, then a murmur finalizer so the low bits mix well:
    // this runs for every cell of an ingest.
    let h = 0x811c9dc5 ^ (e - a);
    let i = a;
    for (; i + 3 < e; i += 4) h = Math.imul(h ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)), 0x01000193);
    for (; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    const idx = h >>> (32 - P);
    const rest = (h << P) | (1 << (P - 1));
    const rank = Math.clz32(rest) + 1;
    if (rank > this.reg[idx]) this.reg[idx] = rank;
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      sum += 2 ** -this.reg[i];
      if (this.reg[i] === 0) zeros++;
    }
    const e = (ALPHA * M * M) / sum;
    // Small range: linear counting is exact enough and HLL is biased there.
    return Math.round(e <= 2.5 * M && zeros > 0 ? M * Math.log(M / zeros) : e);
  }
}

/** A counter's figures as plain data: what the load worker hands back to the run. */
export type QualitySnapshot = { items: string[]; filled: number[]; invalid: number[]; distinct: number[]; rowsRead: number; rowsRejected: number };

export class QualityCounter {
  readonly filled: number[];
  readonly invalid: number[];
  private readonly distinct: Distinct[];
  rowsRead = 0;
  rowsRejected = 0;

  constructor(readonly items: string[]) {
    this.filled = items.map(() => 0);
    this.invalid = items.map(() => 0);
    this.distinct = items.map(() => new Distinct());
  }

  /** A valid value, stored as the bytes b[a, e). */
  value(i: number, b: Uint8Array, a: number, e: number): void {
    this.filled[i]++;
    this.distinct[i].add(b, a, e);
  }

  bad(i: number): void {
    this.filled[i]++;
    this.invalid[i]++;
  }

  snapshot(): QualitySnapshot {
    return {
      items: this.items,
      filled: this.filled,
      invalid: this.invalid,
      distinct: this.distinct.map((d) => d.estimate()),
      rowsRead: this.rowsRead,
      rowsRejected: this.rowsRejected,
    };
  }
}

/** The report of a run: rows repeating a key (found in the database after the load) count as rejected. */
export function qualityReport(
  s: QualitySnapshot,
  extra: { rowsLoaded: number; duplicateKeys: number; unmappedColumns: string[]; missingItems: string[] },
): Quality {
  const read = s.rowsRead;
  const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 10_000) / 10_000);
  const items = s.items.map((item, i) => {
    const filled = s.filled[i];
    const valid = filled - s.invalid[i];
    const distinct = Math.min(s.distinct[i], valid);
    return {
      item,
      filled,
      valid,
      invalid: s.invalid[i],
      distinct,
      completeness: ratio(filled, read),
      validity: ratio(valid, filled),
      uniqueness: ratio(distinct, valid),
    };
  });
  const avg = (f: (x: (typeof items)[number]) => number) => (items.length ? items.reduce((sum, x) => sum + f(x), 0) / items.length : 1);
  const accepted = ratio(extra.rowsLoaded, read);
  const score = read === 0 ? 0 : Math.round((40 * avg((x) => x.completeness) + 40 * avg((x) => x.validity) + 20 * accepted) * 10) / 10;
  return {
    rowsRead: read,
    rowsLoaded: extra.rowsLoaded,
    rowsRejected: s.rowsRejected + extra.duplicateKeys,
    duplicateKeys: extra.duplicateKeys,
    score,
    items,
    unmappedColumns: extra.unmappedColumns,
    missingItems: extra.missingItems,
  };
}
