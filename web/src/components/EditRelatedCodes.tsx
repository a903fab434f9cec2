import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useT } from '../i18n/i18n';
import { useDebounced } from './EditDebounce';

type Props = { id?: string; value?: string[]; onChange?: (codes: string[]) => void; status?: '' | 'error' | 'warning'; exclude?: string };

/** 关联资源代码 as tags: type a code, or find an entry of the published catalog by name. */
export function EditRelatedCodes({ id, value, onChange, status, exclude }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: ['catalog', 'resources', 'related-search', q],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources', { params: { query: { q, pageSize: 10 } } })),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
  const options = (q.length >= 2 ? (found.data?.items ?? []) : [])
    .filter((r) => r.code !== exclude)
    .map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }));
  return (
    <Select
      id={id}
      mode="tags"
      value={value ?? []}
      status={status}
      onChange={(v: string[]) => {
        setSearch('');
        onChange?.(v);
      }}
      showSearch={{ onSearch: setSearch, searchValue: search, filterOption: false }}
      tokenSeparators={[',', '，', ';', '；', ' ']}
      options={options}
      loading={found.isFetching}
      placeholder={t('catalog.edit.relatedCodes.placeholder')}
      notFoundContent={null}
      style={{ width: '100%' }}
    />
  );
}
