// The create/edit form's rules, kept pure so they can be tested without a browser: which
// conditional fields apply, what the form sends, and where each problem is shown. The
// rules themselves are the server's (ResourceFields + checkRules), never a copy.
import { type ClassificationNode, type ConditionalField, checkRules, conditionalFields, ResourceFields } from '../../../../src/modules/catalog/schema';

/** A form field's name as antd's Form wants it: ['name'], ['items', 0, 'dataElement']. */
export type FieldName = (string | number)[];
export type FieldIssue = { name: FieldName; errors: string[] };

/** The editable fields of an entry in the order of the 1272 template (what PATCH sends). */
export const FORM_FIELDS = [
  'classification',
  'name',
  'abstract',
  'format',
  'formatType',
  'keywords',
  'items',
  'shareType',
  'shareCondition',
  'shareBasis',
  'shareChannel',
  'shareVia',
  'openType',
  'openCondition',
  'updateCycle',
  'publishedAt',
  'relatedCodes',
  'contact',
  'owner',
] as const satisfies readonly (keyof ResourceFields)[];
export type FormField = (typeof FORM_FIELDS)[number];

export type ItemRow = { name?: string; dataElement?: string | null; type?: string; length?: number | null; description?: string | null };
/** What the antd Form holds: anything may be empty while the person types. */
export type FormValues = { [K in Exclude<FormField, 'items'>]?: unknown } & { items?: ItemRow[] };

export const CONDITIONAL_FIELDS: ConditionalField[] = ['shareCondition', 'shareBasis', 'shareVia', 'openCondition'];

/** Which conditional fields show (and are required) for these choices — the server's own function. */
export function applicable(values: Pick<FormValues, 'shareType' | 'shareChannel' | 'openType'>): Record<ConditionalField, boolean> {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return conditionalFields({ shareType: str(values.shareType), shareChannel: str(values.shareChannel), openType: str(values.openType) });
}

/** The conditional fields that no longer apply and still hold a value: the form clears them. */
export function fieldsToClear(values: FormValues): ConditionalField[] {
  const a = applicable(values);
  return CONDITIONAL_FIELDS.filter((f) => !a[f] && values[f] != null && values[f] !== '');
}

const blankToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);

/**
 * The request body built from the form: only the form's fields, empty optional values as
 * null, fields that do not apply as null, lists as lists. Required fields stay as they are
 * (possibly undefined) so validation names them.
 */
export function toPayload(values: FormValues): Record<FormField, unknown> {
  const a = applicable(values);
  const out = {} as Record<FormField, unknown>;
  for (const f of FORM_FIELDS) {
    if (f === 'items') {
      out.items = (values.items ?? []).map((i) => ({
        name: i?.name,
        dataElement: blankToNull(i?.dataElement),
        type: i?.type,
        length: blankToNull(i?.length),
        description: blankToNull(i?.description),
      }));
    } else if (f === 'keywords' || f === 'relatedCodes') {
      const list = Array.isArray(values[f]) ? (values[f] as unknown[]) : [];
      out[f] = list.map((s) => String(s).trim()).filter(Boolean);
    } else if ((CONDITIONAL_FIELDS as string[]).includes(f) && !a[f as ConditionalField]) {
      out[f] = null;
    } else {
      const v = values[f];
      out[f] = typeof v === 'string' ? (v.trim() === '' ? (isRequired(f) ? '' : null) : v) : (v ?? (isRequired(f) ? undefined : null));
    }
  }
  return out;
}

const REQUIRED = new Set<string>(['classification', 'name', 'abstract', 'format', 'formatType', 'shareType', 'shareChannel', 'openType', 'updateCycle']);
const isRequired = (f: string) => REQUIRED.has(f);

/** Fields edited as tags: a problem with one tag is shown on the field, naming the tag. */
const TAG_FIELDS = new Set(['keywords', 'relatedCodes']);

/**
 * Turns an issue path (zod's numbers, or checkRules' and the server's strings) into the
 * antd field name it belongs on. Tag lists have no per-tag field, so the issue moves to
 * the list and says which tag.
 */
export function fieldName(path: readonly (string | number | symbol)[], values?: FormValues): { name: FieldName; tag?: string } {
  const name = path.map((s) => (typeof s === 'number' ? s : /^\d+$/.test(String(s)) ? Number(s) : String(s)));
  if (name.length > 1 && TAG_FIELDS.has(String(name[0]))) {
    const list = values?.[name[0] as 'keywords' | 'relatedCodes'];
    const tag = Array.isArray(list) ? list[Number(name[1])] : undefined;
    return { name: [name[0]], tag: tag != null ? String(tag) : undefined };
  }
  return { name };
}

/** Groups issues by field, in order, without repeating a message. */
export function toFieldIssues(issues: { path: readonly (string | number | symbol)[]; message: string }[], values?: FormValues): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const i of issues) {
    const { name, tag } = fieldName(i.path, values);
    const message = tag && !i.message.includes(tag) ? `${tag}：${i.message}` : i.message;
    const same = out.find((f) => f.name.join('.') === name.join('.'));
    if (!same) out.push({ name, errors: [message] });
    else if (!same.errors.includes(message)) same.errors.push(message);
  }
  return out;
}

export type Checked = { ok: true; payload: ResourceFields; issues: [] } | { ok: false; payload: null; issues: FieldIssue[] };

/** The server's checks, run in the browser: field shapes and the cross-field rules, all at once. */
export function checkForm(values: FormValues): Checked {
  const payload = toPayload(values);
  const parsed = ResourceFields.safeParse(payload);
  if (parsed.success) {
    const broken = checkRules(parsed.data);
    return broken.length ? { ok: false, payload: null, issues: toFieldIssues(broken, values) } : { ok: true, payload: parsed.data, issues: [] };
  }
  // A half-filled form still gets the cross-field messages, so every problem shows on the first try.
  const items = (payload.items as ItemRow[]).map((i) => ({ ...i, name: typeof i.name === 'string' ? i.name.trim() : '' }));
  const loose = checkRules({ ...payload, items } as unknown as ResourceFields).filter((i) => !(i.path[0] === 'items' && !items[Number(i.path[1])]?.name));
  const issues = toFieldIssues([...parsed.error.issues.map((i) => ({ path: i.path, message: i.message })), ...loose], values);
  return { ok: false, payload: null, issues };
}

/** Server error details (from errorAction) with tag-list paths moved onto their field. */
export function remapServerFields(fields: { name: FieldName; errors: string[] }[], values?: FormValues): FieldIssue[] {
  return toFieldIssues(
    fields.flatMap((f) => f.errors.map((message) => ({ path: f.name, message }))),
    values,
  );
}

// --- Classification tree ------------------------------------------------------

export type TreeOption = { value: string; title: string; selectable: boolean; disabled?: boolean; children: TreeOption[] };

/** 项 (two digits under its 类) or deeper may hold entries; a 类 alone may not. */
export const selectableCode = (code: string) => code.length >= 3;

/**
 * The classification tree as the picker shows it: every base and theme node, and under
 * 部门信息资源 (3) only the caller's own department's branch.
 */
export function classificationOptions(nodes: readonly ClassificationNode[], departmentId: string | null | undefined): TreeOption[] {
  const walk = (list: readonly ClassificationNode[]): TreeOption[] =>
    list
      .filter((n) => !(n.code.startsWith('3') && n.code.length >= 3 && n.departmentId !== departmentId))
      .map((n) => ({ value: n.code, title: `${n.code} ${n.name}`, selectable: selectableCode(n.code), children: walk(n.children) }));
  return walk(nodes);
}

/** Finds a node's name by code, for showing the current value. */
export function findClassification(nodes: readonly ClassificationNode[], code: string | null | undefined): ClassificationNode | null {
  if (!code) return null;
  for (const n of nodes) {
    if (n.code === code) return n;
    const found = findClassification(n.children, code);
    if (found) return found;
  }
  return null;
}

/** When a data element is chosen: the item's type and length come from it where empty. */
export function fillFromElement(row: ItemRow, element: { dataType: string; length: number | null }): ItemRow {
  return {
    ...row,
    type: row.type || element.dataType,
    length: row.length == null ? element.length : row.length,
  };
}

/**
 * The field names a change touched, from antd's `onValuesChange` first argument: a problem
 * marked on a field goes away once the person edits it. A list of rows also names the list.
 */
export function changedPaths(changed: Record<string, unknown>): FieldName[] {
  const out: FieldName[] = [];
  const walk = (v: unknown, path: FieldName) => {
    if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) {
      out.push(path);
      v.forEach((x, i) => {
        if (x !== undefined) walk(x, [...path, i]);
      });
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    } else out.push(path);
  };
  for (const [k, v] of Object.entries(changed)) walk(v, [k]);
  return out;
}
