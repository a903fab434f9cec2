import type { ActionRunner } from '../../platform/actions/runner.js';
import { systemPrincipal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/db.js';
import type { Subscriptions } from '../../platform/events/subscriptions.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { baseActions, MERGE_JOB, type MergeResult, mergeFeed, pendingRuns } from './service.js';
import { feeds } from './store.js';

export { basesRoutes } from './routes.js';
export { BASES, type BaseName, baseNames } from './schema.js';

export { baseActions };

type MergeJob = { mountId: string } | { feedId: number; full: boolean };

/**
 * A run that publishes (gathering.run.finish, target: the mount) queues one merge job for the
 * mount when some base is fed by it. The job merges each enabled feed of the mount in its own
 * action, so one feed's failure leaves the others merged and its own state as before.
 */
export function basesSubscriptions(events: Subscriptions, actions: ActionRunner, jobs: Jobs, db: Db) {
  const system = systemPrincipal('bases');
  events.on('bases.merge-on-publish', ['gathering.run.finish'], async (e) => {
    if (e.targetType !== 'mount' || !e.targetId) return;
    if (!(await feeds.ofMount(db, e.targetId)).length) return;
    // At least once: a replayed event, or a second publish before the job ran, needs no second job.
    const [queued] = await db.query(`SELECT 1 FROM jobs WHERE kind = $1 AND status = 'queued' AND payload->>'mountId' = $2 LIMIT 1`, [MERGE_JOB, e.targetId]);
    if (!queued) await jobs.enqueue(db, MERGE_JOB, { mountId: e.targetId }, system);
    void jobs.work();
  });

  jobs.handle(MERGE_JOB, async (payload, principal, report) => {
    const p = payload as MergeJob;
    const targets = 'feedId' in p ? [{ id: p.feedId, full: p.full }] : (await feeds.ofMount(db, p.mountId)).map((f) => ({ id: f.id, full: false }));
    const merged: MergeResult[] = [];
    const failed: { feedId: number; error: string }[] = [];
    for (const [i, t] of targets.entries()) {
      await report('merge', i, targets.length);
      const f = await feeds.get(db, t.id);
      if (!f) continue;
      // Nothing new since the last merge: no action, no audit row.
      const pending = await pendingRuns(db, t.id);
      if (!t.full && pending && pending.hi <= pending.lo) continue;
      try {
        merged.push(await actions.run(mergeFeed, principal, { base: f.base, id: f.id, full: t.full }));
      } catch (e) {
        failed.push({ feedId: t.id, error: (e as Error).message });
      }
    }
    await report('merge', targets.length, targets.length);
    if (failed.length) throw new Error(`合并失败：${failed.map((x) => `来源 ${x.feedId}：${x.error}`).join('；')}`);
    return { merged };
  });
}
