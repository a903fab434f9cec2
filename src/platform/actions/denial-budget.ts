const WINDOW_MS = 60_000;
const ROWS_PER_WINDOW = 30;
const MAX_USERS = 10_000;

/**
 * How many denial rows one user may add to the audit log a minute. Each row takes the chain's
 * lock, so a signed-in user scanning ids could otherwise slow every department's writes; past
 * the budget the refusals are counted, and the user's next row says how many went unwritten.
 * Per server instance: a user spread over n instances gets n budgets, still bounded.
 */
export class DenialBudget {
  private readonly users = new Map<string, { windowStart: number; written: number; unwritten: number }>();

  /** Whether to write this refusal's row, and how many of the user's refusals before it were not written. */
  take(userId: string, now = Date.now()): { write: boolean; unwritten: number } {
    let u = this.users.get(userId);
    if (!u || now - u.windowStart >= WINDOW_MS) {
      if (!u && this.users.size >= MAX_USERS) this.users.clear();
      u = { windowStart: now, written: 0, unwritten: u?.unwritten ?? 0 };
      this.users.set(userId, u);
    }
    if (u.written >= ROWS_PER_WINDOW) {
      u.unwritten++;
      return { write: false, unwritten: 0 };
    }
    u.written++;
    const unwritten = u.unwritten;
    u.unwritten = 0;
    return { write: true, unwritten };
  }
}
