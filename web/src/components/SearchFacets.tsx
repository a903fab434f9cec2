import { CheckOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/i18n';

export const FACETS = ['classification', 'provider', 'shareType', 'openType', 'format', 'updateCycle'] as const;
export type FacetName = (typeof FACETS)[number];

import type { FacetCount } from '../api/types';

export type { FacetCount };
export type Facets = Record<FacetName, FacetCount[]>;

/** Facets whose values are enums: shown through the dictionary, so English mode translates them. */
export const ENUM_FACETS = new Set<FacetName>(['shareType', 'openType', 'format', 'updateCycle']);
const SHOWN = 6;

function FacetGroup({
  name,
  values,
  selected,
  labelOf,
  onPick,
}: {
  name: FacetName;
  values: FacetCount[];
  selected?: string;
  labelOf: (name: FacetName, value: string, fallback?: string) => string;
  onPick: (value: string | undefined) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const title = t(`catalog.search.facet.${name}`);
  // With a value picked the server narrows this facet to it. A picked classification above
  // the facet's level (a 类 like 1) comes back as its 项: show those under it, to drill down.
  const exact = selected ? values.find((v) => v.value === selected) : undefined;
  const children = selected && !exact ? values.filter((v) => v.value.startsWith(selected)) : [];
  const list = selected
    ? [exact ?? { value: selected, label: labelOf(name, selected), count: children.reduce((n, v) => n + v.count, 0) }, ...children]
    : values;
  const shown = open ? list : list.slice(0, SHOWN);
  const headingId = `facet-${name}`;
  return (
    <section aria-labelledby={headingId} style={{ marginBottom: 16 }}>
      <Typography.Text strong id={headingId} style={{ display: 'block', marginBottom: 4 }}>
        {title}
      </Typography.Text>
      {list.length === 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 8 }}>
          {t('catalog.search.facetEmpty')}
        </Typography.Text>
      )}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {shown.map((v) => {
          const on = v.value === selected;
          const child = !!selected && !on;
          const label = labelOf(name, v.value, v.label);
          return (
            <li key={v.value} style={child ? { paddingInlineStart: 16 } : undefined}>
              <Button
                type="text"
                size="small"
                block
                aria-pressed={on}
                title={label}
                onClick={() => onPick(on ? undefined : v.value)}
                style={{
                  justifyContent: 'space-between',
                  gap: 8,
                  height: 'auto',
                  minHeight: 26,
                  color: on ? '#1459b8' : undefined,
                  background: on ? '#e6f0fc' : undefined,
                }}
              >
                <span
                  style={{
                    flex: 1,
                    minWidth: 0,
                    textAlign: 'left',
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                    fontWeight: on ? 600 : 400,
                  }}
                >
                  {on && <CheckOutlined style={{ marginInlineEnd: 4 }} />}
                  {label}
                </span>
                <span style={{ color: '#8c8c8c', fontSize: 12 }}>{v.count}</span>
              </Button>
            </li>
          );
        })}
      </ul>
      {list.length > SHOWN && (
        <Button type="link" size="small" onClick={() => setOpen(!open)} aria-expanded={open} style={{ paddingInlineStart: 8 }}>
          {open ? t('catalog.search.less') : t('catalog.search.more', { count: list.length - SHOWN })}
        </Button>
      )}
    </section>
  );
}

/** The facet filters of a search: one value per facet at most; picking the picked value again clears it. */
export function SearchFacets({
  facets,
  selected,
  labelOf,
  onPick,
}: {
  facets: Facets | undefined;
  selected: Partial<Record<FacetName, string>>;
  labelOf: (name: FacetName, value: string, fallback?: string) => string;
  onPick: (name: FacetName, value: string | undefined) => void;
}) {
  return (
    <Flex vertical>
      {FACETS.map((name) => (
        <FacetGroup key={name} name={name} values={facets?.[name] ?? []} selected={selected[name]} labelOf={labelOf} onPick={(v) => onPick(name, v)} />
      ))}
    </Flex>
  );
}
