import type { FastifyInstance } from 'fastify';
import type { AnyAction } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';

// Usage statistics per resource (calls, rows, consumers): being built.

export const usageActions: AnyAction[] = [];
export function usageRoutes(_app: FastifyInstance, _runner: ActionRunner): void {}
