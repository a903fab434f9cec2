import { z } from 'zod';
import { defineRead, defineWrite } from '../../platform/actions/action.js';
import type { Principal } from '../../platform/auth/principal.js';
import { isUniqueViolation } from '../../platform/db/values.js';
import { Conflict, NotFound } from '../../platform/errors.js';
import { toSearchText } from '../../platform/search/tokenize.js';
import { dataElements } from './data-element-store.js';
import { mayReview } from './rules.js';
import { DataElementCreate, DataElementFields, DataElementPatch, DataElementQuery } from './schema.js';

const signedIn = (p: Principal) => p.kind !== 'anonymous';
const textOf = (f: { name: string; definition: string }) => toSearchText(`${f.name} ${f.definition}`);
const duplicate = (e: unknown, name: string) => (isUniqueViolation(e) ? new Conflict(`数据元“${name}”或其标识符已存在`) : e);

export const listDataElements = defineRead({
  name: 'catalog.dataElement.list',
  summary: '数据元检索 Search the data-element registry by identifier or words',
  input: DataElementQuery,
  auth: signedIn,
  run: ({ db }, q) => dataElements.list(db, { ...q, tsQuery: q.q ? toSearchText(q.q) : null }),
});

export const showDataElement = defineRead({
  name: 'catalog.dataElement.show',
  summary: '数据元详情 One data element',
  input: z.object({ identifier: z.string() }),
  auth: signedIn,
  async run({ db }, { identifier }) {
    const e = await dataElements.get(db, identifier);
    if (!e) throw new NotFound(`数据元 ${identifier}`);
    return e;
  },
});

export const createDataElement = defineWrite({
  name: 'catalog.dataElement.create',
  summary: '新建数据元 Add a data element (bureau)',
  input: DataElementCreate,
  auth: mayReview,
  async run({ db }, { identifier, ...f }) {
    try {
      return await dataElements.insert(db, identifier ?? (await dataElements.nextIdentifier(db)), f, textOf(f));
    } catch (e) {
      throw duplicate(e, f.name);
    }
  },
  audit: (e) => ({ targetType: 'data_element', targetId: e.identifier, details: { name: e.name } }),
});

export const updateDataElement = defineWrite({
  name: 'catalog.dataElement.update',
  summary: '修改数据元 Edit a data element (bureau)',
  input: DataElementPatch,
  auth: mayReview,
  async run({ db }, { identifier, ...patch }) {
    const old = await dataElements.get(db, identifier);
    if (!old) throw new NotFound(`数据元 ${identifier}`);
    const f = DataElementFields.parse({ ...old, ...patch });
    try {
      return (await dataElements.update(db, identifier, f, textOf(f)))!;
    } catch (e) {
      throw duplicate(e, f.name);
    }
  },
  audit: (e, input) => ({ targetType: 'data_element', targetId: e.identifier, details: { changed: Object.keys(input).filter((k) => k !== 'identifier') } }),
});

export const dataElementActions = [listDataElements, showDataElement, createDataElement, updateDataElement];
