import type { FastifyInstance } from 'fastify';
import type { AnyAction } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import type { Queryable } from '../../platform/db/db.js';

// Objections (数据异议): being built; see the session's helper.

export const objectionActions: AnyAction[] = [];
export function objectionRoutes(_app: FastifyInstance, _runner: ActionRunner): void {}
/** The keys among `keys` that have an open objection on this resource (shown as disputed to every reader). */
export async function disputedKeys(_db: Queryable, _resourceId: string, _keys: string[]): Promise<Set<string>> {
  return new Set();
}
