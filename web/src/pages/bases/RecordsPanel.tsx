import { LockOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Input, Table, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { Base, BaseRecordRow } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { mono, NeedsGrant, refusalOf, useFieldLabel } from './shared';

const SEARCH_FIELD: Record<Base['name'], string> = { population: 'name', legal_entity: 'name', license: 'holder_name' };
const PAGE_SIZES = [10, 20, 50];

/** 浏览记录: a page of golden records, masked like a lookup; optionally by a prefix of the name. */
export function RecordsPanel({ base }: { base: Base }) {
  const t = useT();
  const onError = useApiError();
  const label = useFieldLabel(base.name);
  const [prefix, setPrefix] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const query = { prefix: prefix || undefined, page, pageSize };

  const list = useQuery({
    queryKey: ['bases', base.name, 'records', query],
    queryFn: () => unwrap(api.GET('/api/v1/bases/{base}/records', { params: { path: { base: base.name }, query } })),
    placeholderData: keepPreviousData,
  });
  // A refusal (a prefix on a masked field, a page too far) is the server's sentence, shown in place.
  const refused = list.error instanceof ApiError && (list.error.status === 400 || list.error.status === 422) ? list.error.message : null;
  const denied = refusalOf(list.error);
  useEffect(() => {
    if (list.error && !refused && !denied) onError(list.error);
  }, [list.error, refused, denied, onError]);
  if (denied)
    return (
      <Card title={t('bases.list.title')} styles={{ body: { padding: 16 } }}>
        <NeedsGrant message={denied} resourceId={base.resourceId} />
      </Card>
    );

  const data = refused ? undefined : list.data;
  const masked = new Set(data?.masked ?? []);
  const keyField = base.fields.find((f) => f.key);
  const fields = base.fields.filter((f) => !f.key);
  const searchLabel = label(SEARCH_FIELD[base.name]);
  const head = (name: string, fallback: string) => (
    <span>
      {label(name, fallback)}
      {masked.has(name) && (
        <Tooltip title={t('bases.maskedHelp')}>
          <LockOutlined aria-label={t('bases.masked')} style={{ color: '#d46b08', marginInlineStart: 4 }} />
        </Tooltip>
      )}
    </span>
  );

  return (
    <Card title={t('bases.list.title')} styles={{ body: { padding: 16 } }}>
      <Flex vertical gap={12}>
        <Flex vertical gap={4}>
          <Input.Search
            aria-label={t('bases.list.prefix', { field: searchLabel })}
            placeholder={t('bases.list.prefix', { field: searchLabel })}
            allowClear
            maxLength={50}
            style={{ maxWidth: 360 }}
            onSearch={(v) => {
              setPrefix(v.trim());
              setPage(1);
            }}
            status={refused ? 'error' : undefined}
          />
          {refused && <Alert type="warning" showIcon title={refused} />}
        </Flex>
        <Table<BaseRecordRow>
          size="small"
          rowKey={(r) => `${r.key}|${r.updatedAt}`}
          aria-label={t('bases.list.table')}
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('bases.list.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => (data?.totalCapped ? t('bases.list.totalCapped', { total: total.toLocaleString() }) : t('common.total', { total })),
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
          columns={[
            {
              title: keyField ? head(keyField.name, keyField.label) : base.key,
              dataIndex: 'key',
              fixed: 'left',
              render: (v: string) => <span style={mono}>{v}</span>,
            },
            ...fields.map((f) => ({
              key: f.name,
              title: head(f.name, f.label),
              render: (_: unknown, r: BaseRecordRow) => {
                const v = r.values[f.name];
                return v === null || v === undefined ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <span style={{ display: 'inline-block', maxWidth: 280, overflowWrap: 'anywhere' }}>{v}</span>
                );
              },
            })),
            { title: t('bases.list.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatTime(v) },
          ]}
        />
      </Flex>
    </Card>
  );
}
