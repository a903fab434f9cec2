import type { FastifyInstance } from 'fastify';
import type { AnyAction } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';

// Table sync's pull side (the changes feed): being built.

export const changesActions: AnyAction[] = [];
export function changesRoutes(_app: FastifyInstance, _runner: ActionRunner): void {}
