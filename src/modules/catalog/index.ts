import type { ActionRunner } from '../../platform/actions/runner.js';
import { systemPrincipal } from '../../platform/auth/principal.js';
import type { Queryable } from '../../platform/db/db.js';
import type { Subscriptions } from '../../platform/events/subscriptions.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { classificationActions, ensureDepartmentNode } from './classifications.js';
import { dataElementActions } from './data-elements.js';
import { importResources, registerImportJob, startImport } from './import.js';
import { resourceActions } from './service.js';

export { catalogRoutes } from './routes.js';
export { isProviderMember, maySeeAll, seesWorking } from './rules.js';
export { dataElementsOf, maskingOf, publishedEntry } from './service.js';

export const catalogActions = [...resourceActions, ...dataElementActions, ...classificationActions, importResources, startImport];

/** The catalog reacts to other modules through events, not calls into them. */
export function catalogSubscriptions(events: Subscriptions, actions: ActionRunner, jobs: Jobs, db: Queryable) {
  events.on('catalog.department-node', ['identity.department.create'], async (e) => {
    if (e.targetId) await actions.run(ensureDepartmentNode, systemPrincipal('catalog'), { departmentId: e.targetId });
  });
  registerImportJob(jobs, actions, db);
}
