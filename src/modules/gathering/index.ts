import type { ActionRunner } from '../../platform/actions/runner.js';
import { systemPrincipal } from '../../platform/auth/principal.js';
import { Backoff, type Log } from '../../platform/backoff.js';
import { callApi } from './api-call.js';
import { type IngestDeps, reapStaleRuns } from './ingest.js';
import * as svc from './service.js';

export { invokeApi } from './api-call.js';
export { type IngestDeps, ingest } from './ingest.js';
export { LoadWorkers } from './load-pool.js';
export { gatheringRoutes } from './routes.js';
export { mayInspect } from './rules.js';
export { Preview } from './schema.js';
export { mountById, mountDepartments, mountOf, mountOrThrow, mountsById, tableMountOf } from './service.js';
export type { MountRow } from './store.js';
export * from './tables/index.js';
export { quoteTable } from './tables/layout.js';

export const gatheringActions = [
  svc.createMount,
  svc.listMounts,
  svc.showMount,
  svc.listRuns,
  svc.showRun,
  svc.runRejects,
  svc.startRun,
  svc.finishRun,
  svc.endRun,
  svc.cancelRun,
  svc.flagOverdue,
  svc.addFileVersion,
  svc.listFiles,
  svc.fileVersion,
  callApi,
];

const OVERDUE_EVERY_MS = 10 * 60_000;

/**
 * Background work: runs left by a process that died are ended at start, and resources past
 * their update cycle are flagged every ten minutes (idempotent, so any number of instances may).
 */
export function startGathering(deps: IngestDeps, actions: ActionRunner, log: Log): () => void {
  const system = systemPrincipal('gathering');
  const backoff = new Backoff('gathering.overdue', log, OVERDUE_EVERY_MS);
  const tick = () =>
    void actions.run(svc.flagOverdue, system, {}).then(
      () => backoff.succeeded(),
      (e) => backoff.failed(e),
    );
  void reapStaleRuns(deps)
    .catch((err) => log.error({ err }, 'ending the runs left by a stopped process failed; they are ended at the next start'))
    .then(tick);
  const timer = setInterval(tick, OVERDUE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
