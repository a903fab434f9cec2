import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { type CSSProperties, useMemo, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { useDebounced } from './EditDebounce';

export type DataElement = components['schemas']['DataElement'];

type Props = {
  id?: string;
  value?: string | null;
  onChange?: (identifier: string | null) => void;
  /** Called with the chosen element (null when cleared), to fill the rest of the row. */
  onPick?: (element: DataElement | null) => void;
  'aria-label'?: string;
  status?: '' | 'error' | 'warning';
  disabled?: boolean;
  style?: CSSProperties;
};

/** Picks a data element from the registry by identifier or words, and shows its definition. */
export function DataElementPicker({ id, value, onChange, onPick, status, disabled, style, 'aria-label': ariaLabel }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [open, setOpen] = useState(false);
  const found = useQuery({
    queryKey: ['catalog', 'data-elements', 'search', q],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/data-elements', { params: { query: { q: q || undefined, pageSize: 20 } } })),
    enabled: open,
    staleTime: 60_000,
  });
  // The chosen element, for its name and definition (also when the entry was loaded with it).
  const chosen = useQuery({
    queryKey: ['catalog', 'data-elements', 'one', value],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/data-elements/{identifier}', { params: { path: { identifier: value as string } } })),
    enabled: !!value,
    staleTime: 300_000,
    retry: false,
  });
  const options = useMemo(() => {
    const list = found.data?.items ?? [];
    const all = chosen.data && !list.some((e) => e.identifier === chosen.data.identifier) ? [chosen.data, ...list] : list;
    return all.map((e) => ({ value: e.identifier, label: `${e.identifier} ${e.name}`, element: e }));
  }, [found.data, chosen.data]);

  return (
    <div style={{ minWidth: 0, ...style }}>
      <Select
        id={id}
        aria-label={ariaLabel}
        value={value || undefined}
        status={status}
        disabled={disabled}
        allowClear
        placeholder={t('catalog.edit.item.dataElement.placeholder')}
        showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search, autoClearSearchValue: true }}
        onOpenChange={setOpen}
        loading={found.isFetching}
        options={options}
        popupMatchSelectWidth={320}
        notFoundContent={found.isFetching ? t('common.loading') : t('catalog.edit.item.dataElement.none')}
        onChange={(v, option) => {
          setSearch('');
          onChange?.(v ?? null);
          const o = Array.isArray(option) ? option[0] : option;
          onPick?.((o as { element?: DataElement } | undefined)?.element ?? null);
        }}
        style={{ width: '100%' }}
      />
      {value && chosen.data && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 2 }} ellipsis={{ tooltip: chosen.data.definition }}>
          {chosen.data.definition}
        </Typography.Text>
      )}
      {value && chosen.isError && (
        <Typography.Text type="danger" style={{ fontSize: 12, display: 'block', marginTop: 2 }}>
          {t('catalog.edit.item.dataElement.unknown', { id: value })}
        </Typography.Text>
      )}
    </div>
  );
}
