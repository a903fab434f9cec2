// The data-element form and view, kept pure for tests: the value domain as the form edits
// it and as the API wants it, a one-line summary of a domain, and a masking example.
import { derivedMaskings, type itemTypes, maskingRules, validatorNamesForDomain } from '../../../../src/modules/catalog/schema';
import { type MaskRule, mask } from '../../../../src/platform/masking/mask';
import { identifierKinds } from '../../../../src/platform/masking/plan';

export type ValueDomain =
  | { kind: 'free' }
  | { kind: 'enum'; values: { code: string; label: string }[] }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'validator'; name: (typeof validatorNamesForDomain)[number] };
export type DomainKind = ValueDomain['kind'];
export const DOMAIN_KINDS: DomainKind[] = ['free', 'enum', 'pattern', 'validator'];
export const VALIDATORS = validatorNamesForDomain;
export const MASKING_RULES = maskingRules;
export const IDENTIFIER_KINDS = identifierKinds;
export const DERIVED_MASKINGS = derivedMaskings;
type Derivation = { from: (typeof identifierKinds)[number]; masking: (typeof derivedMaskings)[number] };

export type ElementLike = {
  identifier: string;
  name: string;
  definition: string;
  dataType: string;
  length: number | null;
  valueDomain: ValueDomain;
  masking: string;
  derivation?: Derivation | null;
};

/** What the modal's form holds: every kind's field may be present while the person switches kinds. */
export type ElementFormValues = {
  identifier?: string;
  name?: string;
  definition?: string;
  dataType?: string;
  length?: number | null;
  masking?: string;
  /** The identifier the element can be read off ('' when none), and its mask then. */
  derivedFrom?: string;
  derivedMasking?: string;
  valueDomain?: { kind?: DomainKind; values?: { code?: string; label?: string }[]; pattern?: string; name?: string };
};

export function formValuesOf(e: ElementLike): ElementFormValues {
  const vd = e.valueDomain;
  return {
    identifier: e.identifier,
    name: e.name,
    definition: e.definition,
    dataType: e.dataType,
    length: e.length,
    masking: e.masking,
    derivedFrom: e.derivation?.from ?? '',
    derivedMasking: e.derivation?.masking ?? 'year',
    valueDomain: {
      kind: vd.kind,
      values: vd.kind === 'enum' ? vd.values.map((v) => ({ ...v })) : [{}],
      pattern: vd.kind === 'pattern' ? vd.pattern : undefined,
      name: vd.kind === 'validator' ? vd.name : undefined,
    },
  };
}

export const emptyFormValues = (): ElementFormValues => ({
  masking: 'none',
  derivedFrom: '',
  derivedMasking: 'year',
  valueDomain: { kind: 'free', values: [{}] },
});

/** The value domain as the API wants it: only the chosen kind's fields. */
export function domainOf(v: ElementFormValues['valueDomain']): ValueDomain {
  switch (v?.kind) {
    case 'enum':
      return { kind: 'enum', values: (v.values ?? []).map((r) => ({ code: (r?.code ?? '').trim(), label: (r?.label ?? '').trim() })) };
    case 'pattern':
      return { kind: 'pattern', pattern: v.pattern ?? '' };
    case 'validator':
      return { kind: 'validator', name: v.name as (typeof VALIDATORS)[number] };
    default:
      return { kind: 'free' };
  }
}

/** The request body: trimmed text, an empty length as null; the identifier only when creating and given. */
export function toElementPayload(v: ElementFormValues, creating: boolean) {
  const identifier = v.identifier?.trim();
  return {
    ...(creating && identifier ? { identifier } : {}),
    name: (v.name ?? '').trim(),
    definition: (v.definition ?? '').trim(),
    dataType: v.dataType as (typeof itemTypes)[number],
    length: v.length == null ? null : v.length,
    valueDomain: domainOf(v.valueDomain),
    masking: (v.masking ?? 'none') as (typeof MASKING_RULES)[number],
    derivation: v.derivedFrom ? ({ from: v.derivedFrom, masking: v.derivedMasking ?? 'year' } as Derivation) : null,
  };
}

/** Whether a pattern compiles the way the server compiles it (Unicode mode). */
export function validPattern(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Codes used by more than one enum row (their indexes), for marking the duplicates. */
export function duplicateCodes(values: { code?: string }[] | undefined): number[] {
  const seen = new Map<string, number>();
  const dup: number[] = [];
  (values ?? []).forEach((r, i) => {
    const c = r?.code?.trim();
    if (!c) return;
    if (seen.has(c)) dup.push(i);
    else seen.set(c, i);
  });
  return dup;
}

/** A one-line summary of a domain for the table: an i18n key and its values. */
export function domainSummary(vd: ValueDomain): { key: string; vars?: Record<string, string | number> } {
  switch (vd.kind) {
    case 'enum':
      return {
        key: 'dataElements.domain.summary.enum',
        vars: {
          n: vd.values.length,
          sample: vd.values
            .slice(0, 3)
            .map((v) => v.label)
            .join('、'),
        },
      };
    case 'pattern':
      return { key: 'dataElements.domain.summary.pattern', vars: { pattern: vd.pattern } };
    case 'validator':
      return { key: `dataElements.validator.${vd.name}` };
    default:
      return { key: 'dataElements.domain.kind.free' };
  }
}

// Sample values (data, not interface text) to show what each masking rule does.
const SAMPLES: Record<MaskRule, string> = {
  none: '张三丰',
  name: '张三丰',
  'citizen-id': '370303198001011234',
  mobile: '13812345678',
  phone: '0533-1234567',
  address: '山东省淄博市张店区人民西路1号',
  'bank-card': '6222021234567890123',
  'credit-code': '91370300MA3C12345X',
  email: 'zhangsan@zibo.gov.cn',
  year: '1980-01-01',
  full: '张三丰',
};

/** What a masking rule turns a typical value into, with the same function every channel uses. */
export function maskExample(rule: string): { before: string; after: string } | null {
  if (!(MASKING_RULES as readonly string[]).includes(rule)) return null;
  const before = SAMPLES[rule as MaskRule];
  return { before, after: mask(rule as MaskRule, before) ?? '' };
}
