import { AsyncLocalStorage } from 'node:async_hooks';
import type { z } from 'zod';
import type { HashAlg } from '../audit/chain.js';
import { type AuditEntry, appendAudit } from '../audit/store.js';
import { confirmCaller } from '../auth/known-callers.js';
import { isAuthenticated, type Principal } from '../auth/principal.js';
import type { Db, Queryable } from '../db/db.js';
import { type DomainError, Hidden, InputError, NotAllowed, NotAuthenticated } from '../errors.js';
import { EVENTS_CHANNEL } from '../events/subscriptions.js';
import type { Services } from '../services.js';
import { type ActionContext, type AnyAction, type AuditNote, CommitThenFail, type ReadAction, type WriteAction } from './action.js';
import { DenialBudget } from './denial-budget.js';

/** Set while an action's transaction runs: a nested run's denial is left to the outer run. */
const inTransaction = new AsyncLocalStorage<true>();

export type ActionEvent = { seq: number; action: string; at: string; actor: string; targetType: string | null; targetId: string | null };
type Listener = (e: ActionEvent) => void;
type RunOptions = { progress?: ActionContext['progress'] };

/**
 * Runs every action the same way, whichever door it came through (HTTP, CLI, seed):
 * check the auth rule → validate → run (in a transaction, for writes) → audit row and
 * outbox event in that transaction → tell in-process listeners after commit.
 */
export class ActionRunner {
  private readonly actions = new Map<string, AnyAction>();
  private readonly listeners = new Set<Listener>();
  services!: Services;

  constructor(
    private readonly db: Db,
    private readonly hashAlg: HashAlg,
  ) {}

  register(...list: AnyAction[]): void {
    for (const a of list) {
      if (typeof a.auth !== 'function') throw new Error(`Action ${a.name} has no auth rule`);
      if (a.kind === 'write' && typeof a.audit !== 'function') throw new Error(`Write action ${a.name} has no audit note`);
      if (this.actions.has(a.name)) throw new Error(`Action ${a.name} is registered twice`);
      this.actions.set(a.name, a);
    }
  }

  list(): AnyAction[] {
    return [...this.actions.values()];
  }

  onSucceeded(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async run<I extends z.ZodType, O>(action: WriteAction<I, O> | ReadAction<I, O>, principal: Principal, raw: z.input<I>, opts?: RunOptions): Promise<O>;
  async run(name: string, principal: Principal, raw: unknown, opts?: RunOptions): Promise<unknown>;
  async run(ref: string | AnyAction, principal: Principal, raw: unknown, opts: RunOptions = {}): Promise<unknown> {
    const a = this.actions.get(typeof ref === 'string' ? ref : ref.name);
    if (!a) throw new Error(`Unknown action ${typeof ref === 'string' ? ref : ref.name}`);
    if (principal.unconfirmedKey && !(a.kind === 'read' && a.confirmsCaller)) principal = await confirmCaller(this.db, principal);
    try {
      if (!a.auth(principal)) throw isAuthenticated(principal) ? new NotAllowed() : new NotAuthenticated();
      const input = parseInput(a.input, raw);
      if (a.kind === 'read') return await a.run(this.ctx(this.db, principal, opts), input);
      return await this.write(a, principal, input, opts);
    } catch (e) {
      if ((e instanceof NotAllowed || e instanceof Hidden) && !this.audited.has(e)) await this.auditDenial(a.name, principal, raw, e);
      throw e;
    }
  }

  /**
   * A refusal decided before the action can run — a route that checks the caller before it reads a
   * streamed body — logged as that action's denial, then thrown.
   */
  async refuse(action: AnyAction, principal: Principal, raw: unknown, e: NotAllowed | Hidden): Promise<never> {
    await this.auditDenial(action.name, principal, raw, e);
    throw e;
  }

  /** Denials already in the log: one written by the action itself (CommitThenFail), or by a nested run. */
  private readonly audited = new WeakSet<Error>();
  private readonly denialBudget = new DenialBudget();

  /**
   * A refusal of a signed-in principal (403, or a 404 for another department's thing) is itself something to answer "who tried this?" about:
   * one row, `<action>.denied`, in its own transaction (the action's rolled back). Anonymous
   * callers get none, so they cannot fill the log, and a user's rows are budgeted (DenialBudget);
   * inside another action's transaction the outer run writes it. A row that cannot be written does
   * not change the refusal.
   */
  private async auditDenial(name: string, principal: Principal, raw: unknown, e: DomainError): Promise<void> {
    if (inTransaction.getStore()) return;
    this.audited.add(e);
    if (!isAuthenticated(principal)) return;
    const { write, unwritten } = this.denialBudget.take(principal.userId ?? principal.username);
    if (!write) return;
    try {
      const p = principal.unconfirmedKey ? await confirmCaller(this.db, principal) : principal;
      const input = (raw ?? {}) as Record<string, unknown>;
      // Only names of things (ids, codes, a base): a lookup key may be a raw ID number.
      const target = [input.id, input.resourceId, input.resource, input.base].find((v) => typeof v === 'string' || typeof v === 'number');
      const note = {
        action: `${name}.denied`,
        targetType: null,
        targetId: target === undefined ? null : String(target),
        details: { code: e.code, message: e.message, ...(unwritten ? { unwrittenBefore: unwritten } : {}) },
      };
      await this.db.transaction((tx) => appendAudit(tx, this.hashAlg, this.entry(name, p, note)));
    } catch {}
  }

  private async write(a: WriteAction<z.ZodType, unknown>, principal: Principal, input: unknown, opts: RunOptions): Promise<unknown> {
    let failure: CommitThenFail | null = null;
    const done = await this.transaction(async (tx) => {
      let out: unknown;
      let note: AuditNote;
      try {
        out = await a.run(this.ctx(tx, principal, opts), input);
        note = a.audit(out, input);
      } catch (e) {
        if (!(e instanceof CommitThenFail)) throw e;
        failure = e;
        note = e.note;
      }
      const entry = this.entry(a.name, principal, note);
      const { seq, at } = await appendAudit(tx, this.hashAlg, entry);
      const event: ActionEvent = { seq, action: entry.action, at, actor: entry.actor, targetType: entry.targetType, targetId: entry.targetId };
      await tx.query('INSERT INTO outbox (seq, action, at, payload) VALUES ($1, $2, $3, $4::jsonb)', [seq, entry.action, at, JSON.stringify(event)]);
      await tx.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(seq)]);
      return { out, event };
    });
    for (const l of this.listeners) l(done.event);
    if (failure) {
      this.audited.add((failure as CommitThenFail).error);
      throw (failure as CommitThenFail).error;
    }
    return done.out;
  }

  /** The action's transaction, marked so that a run nested in it leaves its denial to the outer run. */
  private transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return inTransaction.run(true, () => this.db.transaction(fn));
  }

  private entry(name: string, p: Principal, note: AuditNote): AuditEntry {
    return {
      actorId: note.actor?.id ?? p.userId,
      actor: note.actor?.username ?? p.username,
      departmentId: note.actor?.departmentId ?? p.departmentId,
      action: note.action ?? name,
      targetType: note.targetType,
      targetId: note.targetId,
      details: note.details ?? {},
      ip: p.ip ?? null,
    };
  }

  private ctx(db: Queryable, principal: Principal, opts: RunOptions): ActionContext {
    return { db, principal, services: this.services, progress: opts.progress ?? (() => {}) };
  }
}

function parseInput<I extends z.ZodType>(schema: I, raw: unknown): z.output<I> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw new InputError(
    r.error.issues[0] ? `${r.error.issues[0].path.join('.') || '输入'}: ${r.error.issues[0].message}` : '输入无效',
    r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  );
}
