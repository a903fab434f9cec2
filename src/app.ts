import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from './config.js';
import { baseActions, basesRoutes, basesSubscriptions } from './modules/bases/index.js';
import { catalogActions, catalogRoutes, catalogSubscriptions } from './modules/catalog/index.js';
import { gatheringActions, gatheringRoutes, LoadWorkers, startGathering } from './modules/gathering/index.js';
import { callLogArchive, sealedCallLog, sharingActions, sharingRoutes, sharingSubscriptions } from './modules/sharing/index.js';
import { ActionRunner } from './platform/actions/runner.js';
import { auditArchive } from './platform/audit/archive.js';
import { startArchiver } from './platform/audit/archiver.js';
import { auditLog, startCheckpointer } from './platform/audit/checkpointer.js';
import { auditRoutes } from './platform/audit/routes.js';
import { auditActions } from './platform/audit/service.js';
import { authRoutes } from './platform/auth/routes.js';
import { authActions } from './platform/auth/service.js';
import type { Db } from './platform/db/db.js';
import { migrate } from './platform/db/migrate.js';
import { Subscriptions } from './platform/events/subscriptions.js';
import { createServer } from './platform/http/server.js';
import { Jobs } from './platform/jobs/jobs.js';
import { showJob } from './platform/jobs/service.js';
import { LocalFileStore } from './platform/storage/local.js';
import type { FileStore } from './platform/storage/storage.js';

z.config(z.locales.zhCN());

export const version: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export type Platform = {
  config: Config;
  db: Db;
  actions: ActionRunner;
  jobs: Jobs;
  events: Subscriptions;
  files: FileStore;
  http: FastifyInstance;
  close(): Promise<void>;
};

/** Composition root: db → migrations → actions → subscribers → HTTP. Nothing listens yet. */
export async function createPlatform(
  config: Config,
  db: Db,
  opts: { background?: boolean; logStream?: Writable; bodyDeadlineMs?: number } = {},
): Promise<Platform> {
  await migrate(db);
  // First, for its logger: the background loops log through it too.
  const http = await createServer({
    db,
    version,
    logLevel: config.logLevel,
    logStream: opts.logStream,
    webDist: config.webDist,
    trustProxy: config.trustProxy,
    bodyDeadlineMs: opts.bodyDeadlineMs,
  });
  const actions = new ActionRunner(db, config.auditHash);
  const jobs = new Jobs(db, http.log);
  const files = new LocalFileStore(config.filesDir);
  actions.services = { config, jobs, db, actions };
  actions.register(...authActions, ...auditActions, showJob, ...catalogActions, ...gatheringActions, ...baseActions, ...sharingActions);
  const ingestDeps = { db, actions, files, tmpDir: join(config.filesDir, 'tmp'), workers: new LoadWorkers() };

  // A job enqueued by an action becomes claimable when that action commits.
  actions.onSucceeded(() => void jobs.work());
  const events = new Subscriptions(db, actions, http.log);
  catalogSubscriptions(events, actions, jobs, db);
  basesSubscriptions(events, actions, jobs, db);
  const sharing = sharingSubscriptions(events, db, config, http.log);

  http.get('/api/health', { config: { public: true }, schema: { tags: ['平台 Platform'], summary: '健康检查 Health' } }, async () => {
    await db.query('SELECT 1');
    return { status: 'ok', db: db.kind, version };
  });
  authRoutes(http, actions);
  auditRoutes(http, actions);
  catalogRoutes(http, actions);
  gatheringRoutes(http, actions, { ...ingestDeps, maxFileBytes: () => config.maxFileBytes });
  basesRoutes(http, actions);
  sharingRoutes(http, actions);
  await http.ready();

  let stopGathering = () => {};
  let checkpoints: { stop(): Promise<void> } | null = null;
  let archiver: { stop(): Promise<void> } | null = null;
  if (opts.background !== false) {
    events.start();
    jobs.start();
    stopGathering = startGathering(ingestDeps, actions, http.log);
    sharing.start();
    const logs = [auditLog, sealedCallLog(config.auditHash)];
    checkpoints = startCheckpointer(config.checkpoints, db, logs, (err) => http.log.error({ err }, 'audit checkpoint failed'));
    const archiveDeps = { db, hash: config.auditHash, checkpoints: config.checkpoints, retention: config.retention };
    archiver = startArchiver(archiveDeps, [auditArchive, callLogArchive], http.log);
  }
  return {
    config,
    db,
    actions,
    jobs,
    events,
    files,
    http,
    async close() {
      stopGathering();
      await sharing.stop();
      await http.close();
      await ingestDeps.workers.close();
      await events.stop();
      await jobs.stop();
      await archiver?.stop();
      // Last, so the heads it signs include everything written while closing.
      await checkpoints?.stop();
      await db.close();
    },
  };
}
