import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useQueryError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { DataElementDrawer } from '../../components/DataElementDrawer';
import { DataElementForm } from '../../components/DataElementForm';
import { useT } from '../../i18n/i18n';
import { domainSummary } from './element-form';

type DataElement = components['schemas']['DataElement'];

export default function DataElementsPage() {
  const t = useT();
  const { user } = useAuth();
  const isBureau = !!user?.roles.includes('admin');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));
  const viewing = params.get('id');
  const [typed, setTyped] = useState(q);
  const [editing, setEditing] = useState<{ element: DataElement | null } | null>(null);
  useEffect(() => setTyped(q), [q]);

  const list = useQuery({
    queryKey: ['catalog', 'data-elements', 'list', q, page, pageSize],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/data-elements', { params: { query: { q: q || undefined, page, pageSize } } })),
    placeholderData: (prev) => prev,
  });
  const inList = list.data?.items.find((e) => e.identifier === viewing);
  const one = useQuery({
    queryKey: ['catalog', 'data-elements', 'one', viewing],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/data-elements/{identifier}', { params: { path: { identifier: viewing as string } } })),
    enabled: !!viewing && !inList,
  });
  useQueryError(list.error);
  useQueryError(one.error);
  const shown = inList ?? one.data ?? null;

  const update = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v == null || v === '') p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  };

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('dataElements.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dataElements.intro')}</Typography.Text>
        </div>
        {isBureau && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ element: null })}>
            {t('dataElements.create')}
          </Button>
        )}
      </Space>
      <Card>
        <Input.Search
          aria-label={t('dataElements.search')}
          placeholder={t('dataElements.search.placeholder')}
          allowClear
          enterButton={t('action.search')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || null, page: null })}
          style={{ maxWidth: 520, marginBottom: 16 }}
        />
        <Table<DataElement>
          rowKey="identifier"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p === 1 ? null : String(p), pageSize: s === 20 ? null : String(s) }),
          }}
          locale={{ emptyText: q ? t('dataElements.noMatch', { q }) : t('common.empty') }}
          columns={[
            {
              title: t('dataElements.col.identifier'),
              dataIndex: 'identifier',
              width: 110,
              render: (id: string) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => update({ id })} aria-label={t('dataElements.viewOne', { id })}>
                  {id}
                </Button>
              ),
            },
            {
              title: t('dataElements.col.name'),
              dataIndex: 'name',
              width: 180,
              render: (name: string, e) => (
                <Tooltip title={e.definition} placement="topLeft">
                  <span>{name}</span>
                </Tooltip>
              ),
            },
            { title: t('dataElements.col.dataType'), dataIndex: 'dataType', width: 110, render: (v: string) => t(`enum.itemType.${v}`) },
            { title: t('dataElements.col.length'), dataIndex: 'length', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
            {
              title: t('dataElements.col.domain'),
              key: 'domain',
              ellipsis: true,
              render: (_, e) => {
                const s = domainSummary(e.valueDomain);
                return (
                  <span title={e.valueDomain.kind === 'free' ? undefined : t(s.key, s.vars)}>
                    <Tag color={e.valueDomain.kind === 'free' ? 'default' : 'blue'}>{t(`dataElements.domain.kind.${e.valueDomain.kind}`)}</Tag>
                    {e.valueDomain.kind !== 'free' && t(s.key, s.vars)}
                  </span>
                );
              },
            },
            {
              title: t('dataElements.col.masking'),
              dataIndex: 'masking',
              width: 130,
              render: (m: string) => {
                if (m === 'none') return <Typography.Text type="secondary">{t('dataElements.masking.none')}</Typography.Text>;
                const full = t(`dataElements.masking.${m}`);
                return (
                  <Tooltip title={full}>
                    <Tag color="orange">{full.replace(/\s*[（(].*$/, '')}</Tag>
                  </Tooltip>
                );
              },
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: isBureau ? 130 : 80,
              fixed: 'right',
              render: (_, e) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => update({ id: e.identifier })} aria-label={t('dataElements.viewOne', { id: e.identifier })}>
                    {t('dataElements.view')}
                  </Button>
                  {isBureau && (
                    <Button type="link" size="small" onClick={() => setEditing({ element: e })} aria-label={t('dataElements.editOne', { id: e.identifier })}>
                      {t('action.edit')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <DataElementDrawer
        open={!!viewing}
        element={shown}
        onClose={() => update({ id: null })}
        extra={
          isBureau && shown ? (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing({ element: shown })}>
              {t('action.edit')}
            </Button>
          ) : undefined
        }
      />
      {isBureau && (
        <DataElementForm
          open={!!editing}
          element={editing?.element ?? null}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            update({ id: saved.identifier });
          }}
        />
      )}
    </div>
  );
}
