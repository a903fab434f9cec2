import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { Queryable } from '../db/db.js';
import type { DomainError } from '../errors.js';
import type { Services } from '../services.js';

export type AuditNote = {
  /** Defaults to the action's name. */
  action?: string;
  targetType: string | null;
  targetId: string | null;
  details?: Record<string, unknown>;
  /** Who the row names when the principal is not yet known: a login names the account it is for. */
  actor?: { id: string | null; username: string; departmentId: string | null };
};

export type ActionContext = {
  db: Queryable;
  principal: Principal;
  /** The platform's services, for actions that need another module's. */
  services: Services;
  /** Long actions report progress here (a CLI bar, a job row); a no-op when nobody listens. */
  progress: (phase: string, done: number, total: number) => void;
};

type Base<I extends z.ZodType, O> = {
  /** Dotted, stable name: module.object.verb. It is the audit row's action. */
  name: string;
  summary: string;
  input: I;
  /** Who may call it at all. Object-level rules (own department) are checked inside run. */
  auth: (p: Principal) => boolean;
  run: (ctx: ActionContext, input: z.output<I>) => Promise<O>;
};

/** Changes state: runs in a transaction that also writes its audit row and its event. */
export type WriteAction<I extends z.ZodType, O> = Base<I, O> & {
  kind: 'write';
  audit: (out: O, input: z.output<I>) => AuditNote;
};

export type ReadAction<I extends z.ZodType, O> = Base<I, O> & {
  kind: 'read';
  /**
   * Its statement re-checks a remembered API key (known-callers.ts), so its route may hand it an
   * unconfirmed principal instead of looking the key up first. Every other action gets the
   * principal confirmed by the runner.
   */
  confirmsCaller?: boolean;
};

export type AnyAction = WriteAction<any, any> | ReadAction<any, any>;

export const defineWrite = <I extends z.ZodType, O>(a: Omit<WriteAction<I, O>, 'kind'>): WriteAction<I, O> => ({ ...a, kind: 'write' });
export const defineRead = <I extends z.ZodType, O>(a: Omit<ReadAction<I, O>, 'kind'>): ReadAction<I, O> => ({ ...a, kind: 'read' });

/**
 * Thrown from a write action's run when the failure itself must be recorded (a failed
 * login counts toward the lockout): the runner commits what run wrote, audits `note`,
 * then throws `error` to the caller.
 */
export class CommitThenFail extends Error {
  constructor(
    readonly error: DomainError,
    readonly note: AuditNote,
  ) {
    super(error.message);
  }
}
