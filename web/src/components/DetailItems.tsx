import { useQueries } from '@tanstack/react-query';
import { Table, type TableColumnsType, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { ResourceItem } from '../api/types';
import { useT } from '../i18n/i18n';

export type { ResourceItem };

type DataElement = components['schemas']['DataElement'];

/** Items from a version diff, which carries field values untyped, made plain. */
export function plainItems(items: readonly Record<string, unknown>[] | undefined): ResourceItem[] {
  return (items ?? []).map((i) => ({
    name: String(i.name ?? ''),
    dataElement: typeof i.dataElement === 'string' && i.dataElement ? i.dataElement : null,
    type: String(i.type ?? 'string') as ResourceItem['type'],
    length: typeof i.length === 'number' ? i.length : null,
    description: typeof i.description === 'string' && i.description ? i.description : null,
  }));
}

/** Every data element the items reference, fetched once each and cached across pages. */
export function useDataElements(ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((identifier) => ({
      queryKey: ['data-element', identifier],
      queryFn: () => unwrap(api.GET('/api/v1/catalog/data-elements/{identifier}', { params: { path: { identifier } } })),
      staleTime: 10 * 60_000,
      retry: false,
    })),
  });
  const byId = new Map<string, { data?: DataElement; missing: boolean; loading: boolean }>();
  unique.forEach((id, i) => {
    byId.set(id, { data: results[i].data, missing: !!results[i].error, loading: results[i].isLoading });
  });
  return byId;
}

/** 信息项: name, type, length, the referenced data element and its definition. */
export function DetailItems({ items }: { items: ResourceItem[] }) {
  const t = useT();
  const elements = useDataElements(items.flatMap((i) => (i.dataElement ? [i.dataElement] : [])));
  const columns: TableColumnsType<ResourceItem & { index: number }> = [
    { title: t('catalog.detail.item.index'), dataIndex: 'index', width: 64, align: 'right' },
    { title: t('catalog.detail.item.name'), dataIndex: 'name', width: 180, render: (v) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('catalog.detail.item.type'), dataIndex: 'type', width: 110, render: (v) => t(`enum.itemType.${v}`) },
    { title: t('catalog.detail.item.length'), dataIndex: 'length', width: 80, align: 'right', render: (v) => v ?? '' },
    {
      title: t('catalog.detail.item.dataElement'),
      dataIndex: 'dataElement',
      width: 190,
      render: (id: string | null) => {
        if (!id) return <Typography.Text type="secondary">{t('catalog.detail.item.noElement')}</Typography.Text>;
        const de = elements.get(id);
        return (
          <span>
            <Typography.Text code>{id}</Typography.Text> {de?.data?.name}
          </span>
        );
      },
    },
    {
      title: t('catalog.detail.item.definition'),
      key: 'definition',
      render: (_, r) => {
        if (!r.dataElement) return '';
        const de = elements.get(r.dataElement);
        if (de?.missing) return <Typography.Text type="warning">{t('catalog.detail.item.elementMissing', { id: r.dataElement })}</Typography.Text>;
        return <span style={{ color: '#595959' }}>{de?.data?.definition ?? (de?.loading ? t('common.loading') : '')}</span>;
      },
    },
    { title: t('catalog.detail.item.description'), dataIndex: 'description', width: 180, render: (v) => v ?? '' },
  ];
  return (
    <Table
      rowKey="index"
      size="small"
      bordered
      columns={columns}
      dataSource={items.map((i, n) => ({ ...i, index: n + 1 }))}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 1000 }}
    />
  );
}
