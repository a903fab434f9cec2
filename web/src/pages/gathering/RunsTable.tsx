import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { IngestRun } from '../../api/types';
import { useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { RunStatusTag, rejectsHref } from './shared';

/** 导入记录: a mount's runs, newest first; refreshes itself while one is running. */
export function RunsTable({ mountId }: { mountId: string }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const runs = useQuery({
    queryKey: ['gathering', 'mount', mountId, 'runs', page, pageSize],
    queryFn: () => unwrap(api.GET('/api/v1/mounts/{id}/runs', { params: { path: { id: mountId }, query: { page, pageSize } } })),
    placeholderData: (prev) => prev,
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 2000 : false),
  });
  useQueryError(runs.error);

  return (
    <Table<IngestRun>
      size="small"
      rowKey="id"
      aria-label={t('gathering.tab.runs')}
      loading={runs.isLoading}
      dataSource={runs.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('gathering.runs.empty') }}
      pagination={{
        current: page,
        pageSize,
        total: runs.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50],
        showTotal: (total) => t('common.total', { total }),
        onChange: (p, s) => {
          setPage(s === pageSize ? p : 1);
          setPageSize(s);
        },
      }}
      columns={[
        { title: t('gathering.run.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatTime(v) },
        { title: t('gathering.run.status'), dataIndex: 'status', render: (s: IngestRun['status']) => <RunStatusTag status={s} /> },
        { title: t('gathering.run.mode'), dataIndex: 'mode', render: (m: string) => t(`gathering.mode.${m}`) },
        {
          title: t('gathering.run.file'),
          dataIndex: 'filename',
          render: (f: string | null) => (
            <Typography.Text ellipsis={{ tooltip: f }} style={{ maxWidth: 200 }}>
              {f ?? '—'}
            </Typography.Text>
          ),
        },
        { title: t('gathering.run.rowsRead'), dataIndex: 'rowsRead', align: 'right' },
        { title: t('gathering.run.rowsLoaded'), dataIndex: 'rowsLoaded', align: 'right' },
        {
          title: t('gathering.run.rowsRejected'),
          dataIndex: 'rowsRejected',
          align: 'right',
          render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n),
        },
        { title: t('gathering.quality.score'), key: 'score', align: 'right', render: (_, r) => r.quality?.score ?? '—' },
        { title: t('gathering.run.version'), dataIndex: 'version', align: 'right', render: (v: number | null) => v ?? '—' },
        { title: t('gathering.run.startedBy'), dataIndex: 'startedBy', render: (v: string | null) => v ?? '—' },
        {
          title: t('common.actions'),
          key: 'actions',
          fixed: 'right',
          render: (_, r) => (
            <Space size={4}>
              <Link to={`/gathering/runs/${r.id}`} aria-label={t('gathering.runs.detailOf', { time: formatTime(r.startedAt) })}>
                {t('gathering.runs.detail')}
              </Link>
              {r.hasRejects && (
                <Button type="link" size="small" icon={<DownloadOutlined aria-hidden />} href={rejectsHref(r.id)} download>
                  {t('gathering.runs.rejects')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
