import type { FastifyInstance } from 'fastify';
import type { AnyAction } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';

// File delivery with a watermark, and tracing a leaked file: being built.

export const exportActions: AnyAction[] = [];
export function exportRoutes(_app: FastifyInstance, _runner: ActionRunner): void {}
