import { z } from 'zod';
import { defineRead, defineWrite } from '../../platform/actions/action.js';
import { isSystem, type Principal } from '../../platform/auth/principal.js';
import { Id } from '../../platform/auth/schema.js';
import { departments } from '../../platform/auth/store.js';
import { NotFound, RuleBroken } from '../../platform/errors.js';
import { mayReview } from './rules.js';
import { ClassificationInput } from './schema.js';
import { buildTree, classifications } from './store.js';

// 类: 1 基础信息资源, 2 主题信息资源, 3 部门信息资源 (seeded by migration 0101). The base
// branch is fixed by the guide; themes are the bureau's list; each department gets its
// own 项 under 3.

export const listClassifications = defineRead({
  name: 'catalog.classification.list',
  summary: '资源分类树 The classification tree',
  input: z.object({}),
  auth: (p: Principal) => p.kind !== 'anonymous',
  run: async ({ db }) => buildTree(await classifications.all(db)),
});

export const createClassification = defineWrite({
  name: 'catalog.classification.create',
  summary: '新增分类 Add a node: a theme under 2, or a 目/细目 under an existing node (bureau)',
  input: ClassificationInput,
  auth: mayReview,
  async run({ db }, { parentCode, name }) {
    const parent = await classifications.get(db, parentCode);
    if (!parent) throw new NotFound(`分类 ${parentCode}`);
    if (parentCode === '1' || parentCode === '3')
      throw new RuleBroken(parentCode === '1' ? '基础信息资源的“项”由编制指南规定，不能新增' : '部门分类随部门自动生成');
    // 项 has 2 digits under its 类; 目 and 细目 have 3.
    const code = await classifications.nextChildCode(db, parentCode, parentCode.length === 1 ? 2 : 3);
    await classifications.insert(db, { code, name, parentCode, kind: parent.kind, department_id: parent.department_id });
    return { code, name };
  },
  audit: (n) => ({ targetType: 'classification', targetId: n.code, details: { name: n.name } }),
});

/** Gives a department its own 项 under 部门信息资源; run when a department is created. */
export const ensureDepartmentNode = defineWrite({
  name: 'catalog.classification.department.ensure',
  summary: '部门分类 Ensure a department has its classification node (system)',
  input: z.object({ departmentId: Id }),
  auth: isSystem,
  async run({ db }, { departmentId }) {
    const existing = await classifications.forDepartment(db, departmentId);
    if (existing) return { code: existing.code, created: false };
    const d = await departments.get(db, departmentId);
    if (!d) throw new NotFound('部门');
    const code = await classifications.nextChildCode(db, '3', 2);
    await classifications.insert(db, { code, name: d.name, parentCode: '3', kind: 'department', department_id: d.id });
    return { code, created: true };
  },
  audit: (n, input) => ({ targetType: 'classification', targetId: n.code, details: { departmentId: input.departmentId, created: n.created } }),
});

export const classificationActions = [listClassifications, createClassification, ensureDepartmentNode];
