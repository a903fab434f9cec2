import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { ReviewReturnModal, useApprove } from '../../components/ReviewActions';
import { OpenTypeTag, ShareTypeTag } from '../../components/SearchTags';
import { useT } from '../../i18n/i18n';

type Hit = paths['/api/v1/catalog/resources']['get']['responses'][200]['content']['application/json']['items'][number];

const PAGE_SIZE = 20;

/** The bureau's queue: every submitted entry, approved (published) or returned with a reason. */
export default function ReviewPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const [returning, setReturning] = useState<{ id: string; name: string } | null>(null);
  const queue = useQuery({
    queryKey: ['catalog', 'search', { scope: 'review', sort: 'updated', page, pageSize: PAGE_SIZE }],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources', { params: { query: { scope: 'review', sort: 'updated', page, pageSize: PAGE_SIZE } } })),
    placeholderData: (prev) => prev,
  });
  const approve = useApprove();
  useQueryError(queue.error);

  const items = queue.data?.items ?? [];
  const total = queue.data?.total ?? 0;
  // A page emptied by the last decision on it: step back.
  const emptied = !queue.isFetching && page > 1 && items.length === 0 && total > 0;
  useEffect(() => {
    if (emptied) setPage(Math.ceil(total / PAGE_SIZE));
  }, [emptied, total]);

  const columns: TableColumnsType<Hit> = [
    {
      title: t('review.col.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/catalog/${r.id}`}>{r.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('review.col.provider'), dataIndex: 'providerName', responsive: ['md'] },
    { title: t('review.col.classification'), dataIndex: 'classificationName', responsive: ['lg'] },
    {
      title: t('review.col.share'),
      key: 'share',
      responsive: ['lg'],
      render: (_, r) => (
        <Space size={[0, 4]} wrap>
          <ShareTypeTag value={r.shareType} />
          <OpenTypeTag value={r.openType} />
        </Space>
      ),
    },
    {
      title: t('review.col.kind'),
      key: 'kind',
      responsive: ['md'],
      render: (_, r) =>
        r.publishedVersion === null ? (
          <Tag color="blue">{t('review.kind.new')}</Tag>
        ) : (
          <Tag color="orange">{t('review.kind.change', { version: r.version })}</Tag>
        ),
    },
    { title: t('review.col.submittedAt'), dataIndex: 'submittedAt', width: 150, responsive: ['sm'], render: (v) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, r) => (
        <Space size={4} wrap>
          <Button type="primary" size="small" loading={approve.isPending && approve.variables === r.id} onClick={() => approve.mutate(r.id)}>
            {t('review.approve')}
          </Button>
          <Button danger size="small" onClick={() => setReturning({ id: r.id, name: r.name })}>
            {t('review.return')}
          </Button>
          <Link to={`/catalog/${r.id}`}>{t('review.view')}</Link>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('review.title')}
          </Typography.Title>
          {total > 0 && <Tag color="processing">{t('review.count', { total })}</Tag>}
        </Space>
      }
      extra={
        <Button onClick={() => queue.refetch()} loading={queue.isFetching}>
          {t('action.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('review.subtitle')}</Typography.Paragraph>
      <Table<Hit>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={queue.isLoading}
        size="middle"
        scroll={{ x: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<EmptyText />} /> }}
        pagination={
          total > PAGE_SIZE
            ? { current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showTotal: (n) => t('common.total', { total: n }), showSizeChanger: false }
            : false
        }
      />
      <ReviewReturnModal target={returning} onClose={() => setReturning(null)} />
    </Card>
  );
}

function EmptyText() {
  const t = useT();
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{t('review.empty')}</Typography.Text>
      <Typography.Text type="secondary">{t('review.emptyHint')}</Typography.Text>
    </Space>
  );
}
