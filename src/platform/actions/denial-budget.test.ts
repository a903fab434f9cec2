import { describe, expect, it } from 'vitest';
import { DenialBudget } from './denial-budget.js';

describe('the denial budget', () => {
  it('writes 30 rows a minute per user and tells the next row how many went unwritten', () => {
    const b = new DenialBudget();
    const t0 = 1_000_000;
    const first = Array.from({ length: 40 }, () => b.take('u1', t0));
    expect(first.filter((x) => x.write)).toHaveLength(30);
    // Another user has a budget of its own.
    expect(b.take('u2', t0)).toEqual({ write: true, unwritten: 0 });
    expect(b.take('u1', t0 + 59_999)).toEqual({ write: false, unwritten: 0 });
    expect(b.take('u1', t0 + 60_000)).toEqual({ write: true, unwritten: 11 });
    expect(b.take('u1', t0 + 60_001)).toEqual({ write: true, unwritten: 0 });
  });
});
