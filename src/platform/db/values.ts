// Small conversions shared by stores, so rows leave the store in their API shape.
export function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}

/** 23505 unique_violation: the same code on both engines. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code !== '23505') return false;
  return !constraint || err.constraint === constraint || (err.message ?? '').includes(constraint);
}

export function offset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** A WHERE clause from optional conditions: `add('x = ?', v)` makes each `?` the next parameter. */
/** Appends values to a statement's parameters and gives their placeholders ($n), in order. */
export function bind(params: unknown[], ...values: unknown[]): string[] {
  return values.map((v) => `$${params.push(v)}`);
}

export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  add(sql: string, value: unknown): this {
    this.params.push(value);
    this.parts.push(sql.replaceAll('?', `$${this.params.length}`));
    return this;
  }

  /** A condition without a parameter. */
  raw(sql: string): this {
    this.parts.push(sql);
    return this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
