import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, Select, Space, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { useQueryError } from '../app/useApiError';
import { useT } from '../i18n/i18n';
import { formatTime } from './AdminFormat';
import { plainItems, type ResourceItem } from './DetailItems';
import { StatusTag } from './SearchTags';

type Version = paths['/api/v1/catalog/resources/{id}/versions']['get']['responses'][200]['content']['application/json']['items'][number];
type Change = { field: string; from: unknown; to: unknown };

const ENUM_FIELDS = new Set(['format', 'shareType', 'shareChannel', 'shareVia', 'openType', 'updateCycle']);
const none = <Typography.Text type="secondary">—</Typography.Text>;

/** One field's value as the detail page shows it. */
function useFormatValue() {
  const t = useT();
  return (field: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return none;
    if (ENUM_FIELDS.has(field) && typeof v === 'string') return t(`enum.${field}.${v}`);
    if (Array.isArray(v)) return v.map(String).join(t('catalog.search.listSep'));
    return <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{String(v)}</span>;
  };
}

type ItemChange = { key: string; name: string; kind: 'added' | 'removed' | 'modified'; before?: ResourceItem; after?: ResourceItem };

/** Items matched by name: which were added, removed, or changed in type, length, data element or description. */
export function diffItems(before: ResourceItem[], after: ResourceItem[]): ItemChange[] {
  const a = new Map(before.map((i) => [i.name, i]));
  const b = new Map(after.map((i) => [i.name, i]));
  const out: ItemChange[] = [];
  for (const i of before) if (!b.has(i.name)) out.push({ key: `-${i.name}`, name: i.name, kind: 'removed', before: i });
  for (const i of after) {
    const old = a.get(i.name);
    if (!old) out.push({ key: `+${i.name}`, name: i.name, kind: 'added', after: i });
    else if (JSON.stringify(old) !== JSON.stringify(i)) out.push({ key: `~${i.name}`, name: i.name, kind: 'modified', before: old, after: i });
  }
  return out;
}

function ItemsDiff({ from, to }: { from: unknown; to: unknown }) {
  const t = useT();
  const rows = diffItems(plainItems(from as Record<string, unknown>[]), plainItems(to as Record<string, unknown>[]));
  const describe = (i?: ResourceItem) =>
    i ? [t(`enum.itemType.${i.type}`) + (i.length ? `(${i.length})` : ''), i.dataElement, i.description].filter(Boolean).join(' · ') : '';
  const color = { added: 'green', removed: 'red', modified: 'orange' } as const;
  return (
    <Table<ItemChange>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('catalog.detail.diff.same') }}
      columns={[
        { title: t('catalog.detail.diff.item'), dataIndex: 'name', width: 140 },
        {
          title: t('catalog.detail.diff.change'),
          dataIndex: 'kind',
          width: 80,
          render: (k: ItemChange['kind']) => <Tag color={color[k]}>{t(`catalog.detail.diff.${k}`)}</Tag>,
        },
        { title: t('catalog.detail.diff.beforePlain'), key: 'b', render: (_, r) => describe(r.before) },
        { title: t('catalog.detail.diff.afterPlain'), key: 'a', render: (_, r) => describe(r.after) },
      ]}
    />
  );
}

/** Field-by-field changes between two versions. */
function Diff({ id, from, to }: { id: string; from: number; to: number }) {
  const t = useT();
  const fmt = useFormatValue();
  const diff = useQuery({
    queryKey: ['catalog', 'diff', id, from, to],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources/{id}/diff', { params: { path: { id }, query: { from, to } } })),
  });
  useQueryError(diff.error);
  if (diff.isLoading) return <Spin />;
  const changes = (diff.data?.changes ?? []) as Change[];
  if (!changes.length) return <Alert type="success" showIcon title={t('catalog.detail.diff.same')} />;
  const columns: TableColumnsType<Change> = [
    {
      title: t('catalog.detail.diff.field'),
      dataIndex: 'field',
      width: 150,
      render: (f: string) => <Typography.Text strong>{t(`catalog.detail.field.${f}`)}</Typography.Text>,
    },
    {
      title: t('catalog.detail.diff.before', { version: from }),
      key: 'from',
      render: (_, c) => (c.field === 'items' ? <ItemsDiff from={c.from} to={c.to} /> : fmt(c.field, c.from)),
      onCell: (c) => (c.field === 'items' ? { colSpan: 2 } : { style: { background: '#fff1f0' } }),
    },
    {
      title: t('catalog.detail.diff.after', { version: to }),
      key: 'to',
      render: (_, c) => fmt(c.field, c.to),
      onCell: (c) => (c.field === 'items' ? { colSpan: 0 } : { style: { background: '#f6ffed' } }),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('catalog.detail.diff.changes', { count: changes.length })}</Typography.Paragraph>
      <Table<Change> rowKey="field" size="small" bordered columns={columns} dataSource={changes} pagination={false} scroll={{ x: 720 }} />
    </>
  );
}

/** 版本历史 with a 版本对比 of any two versions. `viewing` is the version shown above, if not the current one. */
export function DetailVersions({ id, viewing }: { id: string; viewing?: number }) {
  const t = useT();
  const versions = useQuery({
    queryKey: ['catalog', 'versions', id],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources/{id}/versions', { params: { path: { id } } })),
  });
  useQueryError(versions.error);
  const list = versions.data?.items ?? [];
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  // Default comparison: the previous version against the latest.
  useEffect(() => {
    if (list.length > 1 && from === undefined && to === undefined) {
      setFrom(list[1].version);
      setTo(list[0].version);
    }
  }, [list, from, to]);
  const latest = list[0]?.version;

  const columns: TableColumnsType<Version> = [
    {
      title: t('catalog.detail.version.version'),
      dataIndex: 'version',
      width: 160,
      render: (v: number) => (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          {t('catalog.detail.versionN', { version: v })}
          {(viewing ?? latest) === v && <Tag color="blue">{t('catalog.detail.version.viewing')}</Tag>}
        </Space>
      ),
    },
    { title: t('catalog.detail.version.status'), dataIndex: 'status', width: 110, render: (s: string) => <StatusTag status={s} /> },
    { title: t('catalog.detail.version.name'), dataIndex: 'name', responsive: ['md'] },
    { title: t('catalog.detail.version.updatedBy'), dataIndex: 'updatedBy', width: 110, responsive: ['lg'], render: (v) => v ?? '' },
    { title: t('catalog.detail.version.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v) => formatTime(v) },
    { title: t('catalog.detail.version.reviewedAt'), dataIndex: 'reviewedAt', width: 150, responsive: ['lg'], render: (v) => formatTime(v) },
    {
      title: t('catalog.detail.version.reviewReason'),
      dataIndex: 'reviewReason',
      responsive: ['md'],
      render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : ''),
    },
    {
      title: t('common.actions'),
      key: 'view',
      width: 80,
      render: (_, r) =>
        (viewing ?? latest) === r.version ? null : (
          <Link
            to={r.version === latest ? `/catalog/${id}` : `/catalog/${id}?version=${r.version}`}
            aria-label={`${t('catalog.detail.version.view')} ${t('catalog.detail.versionN', { version: r.version })}`}
          >
            {t('catalog.detail.version.view')}
          </Link>
        ),
    },
  ];
  const options = list.map((v) => ({ value: v.version, label: `${t('catalog.detail.versionN', { version: v.version })} · ${t(`enum.status.${v.status}`)}` }));
  return (
    <Flex vertical gap={16}>
      <Table<Version> rowKey="version" size="small" columns={columns} dataSource={list} loading={versions.isLoading} pagination={false} scroll={{ x: true }} />
      <div>
        <Typography.Title level={5}>{t('catalog.detail.section.diff')}</Typography.Title>
        {list.length < 2 ? (
          versions.isLoading ? null : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.detail.diff.onlyOne')} />
          )
        ) : (
          <Flex vertical gap={12}>
            <Flex gap={12} wrap align="center">
              <Space size={6}>
                <label htmlFor="diff-from">{t('catalog.detail.diff.from')}</label>
                <Select id="diff-from" aria-label={t('catalog.detail.diff.from')} value={from} onChange={setFrom} options={options} style={{ minWidth: 150 }} />
              </Space>
              <Space size={6}>
                <label htmlFor="diff-to">{t('catalog.detail.diff.to')}</label>
                <Select id="diff-to" aria-label={t('catalog.detail.diff.to')} value={to} onChange={setTo} options={options} style={{ minWidth: 150 }} />
              </Space>
            </Flex>
            {from !== undefined && to !== undefined && from !== to ? (
              <Diff id={id} from={from} to={to} />
            ) : (
              <Alert type="info" showIcon title={t('catalog.detail.diff.pick')} />
            )}
          </Flex>
        )}
      </div>
    </Flex>
  );
}
