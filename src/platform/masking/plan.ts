import type { MaskRule } from './mask.js';

// Masking is decided over the record, not per column (DESIGN.md): the ID mask hides exactly
// the 8 digits of the birth date, so a birth date delivered in clear beside a masked ID number
// rebuilds it, check digit and all. An item whose value can be read off an identifier (birth
// date, sex, region of birth from an ID number; registration region from a credit code) is
// generalized while that identifier is masked in the same record.

/** The identifiers other items can be derived from, named as the validators that check them. */
export const identifierKinds = ['citizen-id', 'credit-code'] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

/** An item derivable from an identifier, and the mask it gets while that identifier is masked. */
export type Derivation = { from: IdentifierKind; masking: MaskRule };

export type PlanItem = {
  name: string;
  /** The item's own rule (its data element's). */
  rule: MaskRule;
  /** The kind of identifier the item holds, if it holds one. */
  identifies?: IdentifierKind | null;
  derivation?: Derivation | null;
};

/**
 * The mask of each item of one record as delivered: `unmasked` (a grant's) clears an item's own
 * rule, and a derivable item stays generalized while any identifier of its kind in the record is
 * masked, even when it is itself unmasked: the grant must unmask both.
 */
export function maskPlan(items: readonly PlanItem[], unmasked: ReadonlySet<string> = new Set()): Map<string, MaskRule> {
  const own = new Map(items.map((i) => [i.name, unmasked.has(i.name) ? 'none' : i.rule] as const));
  const hidden = new Set(items.filter((i) => i.identifies && own.get(i.name) !== 'none').map((i) => i.identifies));
  return new Map(
    items.map((i) => {
      const rule = own.get(i.name) as MaskRule;
      // A stricter own rule (fully hidden) is kept; otherwise the generalization applies.
      return [i.name, i.derivation && hidden.has(i.derivation.from) && rule !== 'full' ? i.derivation.masking : rule];
    }),
  );
}
