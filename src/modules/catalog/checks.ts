import type { Queryable } from '../../platform/db/db.js';
import { dataElements } from './data-element-store.js';
import { checkRules, type ResourceFields } from './schema.js';
import { classifications, resources } from './store.js';

export type Issue = { path: string[]; message: string };

/**
 * The rules an entry must satisfy that need the database: a classification that exists
 * at 项 level or below (a department's own branch only for that department), data
 * elements that exist, related codes that exist. Loaded once, so an import of twenty
 * thousand rows costs a few queries, not one per row.
 */
export class CatalogChecks {
  private constructor(
    private readonly nodes: Map<string, { kind: string; department_id: string | null; code: string }>,
    readonly elementNames: Map<string, string>,
  ) {}

  static async load(db: Queryable): Promise<CatalogChecks> {
    const nodes = new Map((await classifications.all(db)).map((n) => [n.code, n]));
    return new CatalogChecks(nodes, await dataElements.names(db));
  }

  check(f: ResourceFields, providerId: string): Issue[] {
    const issues: Issue[] = [...checkRules(f)];
    const node = this.nodes.get(f.classification);
    if (!node) issues.push({ path: ['classification'], message: `分类 ${f.classification} 不存在` });
    else if (f.classification.length < 3) issues.push({ path: ['classification'], message: '请选择到“项”一级或更细的分类' });
    else if (node.kind === 'department') {
      const root = this.nodes.get(f.classification.slice(0, 3));
      if (root?.department_id !== providerId) issues.push({ path: ['classification'], message: '部门信息资源只能归入本部门的分类' });
    }
    f.items.forEach((item, i) => {
      if (item.dataElement && !this.elementNames.has(item.dataElement)) {
        issues.push({ path: ['items', String(i), 'dataElement'], message: `数据元 ${item.dataElement} 不存在` });
      }
    });
    return issues;
  }

  /** Related codes must name existing entries; checked in one query for a whole batch. */
  static async relatedCodes(db: Queryable, batch: { codes: string[]; self?: string }[]): Promise<Issue[][]> {
    const all = [...new Set(batch.flatMap((b) => b.codes))];
    const known = await resources.codesExist(db, all);
    return batch.map((b) =>
      b.codes.flatMap((c, i) =>
        c === b.self
          ? [{ path: ['relatedCodes', String(i)], message: '关联资源不能是自身' }]
          : known.has(c)
            ? []
            : [{ path: ['relatedCodes', String(i)], message: `关联资源代码 ${c} 不存在` }],
      ),
    );
  }
}
