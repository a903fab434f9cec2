// The mounted-tables service: the one door to the rows departments mount. It owns the
// table layout and every read of mount tables, and every read takes an access decision
// (decision.ts) made by one policy function; other modules never write SQL against them.

export { type AccessDecision, decideAccess, type GrantView } from './decision.js';
export { changeRows, lastRun, mountState, snapshotRows } from './feed.js';
export { andFilters, checkFilter, compileFilter, filterItems, filterOps, parseFilterParam, type RowFilter, RowFilterSchema } from './filter.js';
export { type MergeValue, type NewRowsOf, newRowsCountSql, newRowsSql } from './merge-source.js';
export { lastPublishedRun, publishedRunsSql, type RunOrigin, runOrigins } from './published-runs.js';
export {
  countRows,
  keyColumn,
  maskedBatches,
  orderOf,
  previewRows,
  type Rechecks,
  readRows,
  recordExists,
  rowsWhere,
  selectList,
  stillCurrent,
  visibleTotal,
} from './reads.js';
