import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Checkbox, Flex, Space, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { requestActions, reviewBoxes } from './permissions';
import { RequestDrawer } from './RequestDetail';
import { StepCell } from './RequestsPage';
import { CheckModal, ReviewModal } from './ReviewModals';
import { PAGE_SIZE, pager, RequestStatusTag, ResourceCell, useWho } from './shared';
import type { ShareRequest } from './types';

type Box = 'check' | 'review' | 'all';

function Queue({ box }: { box: Box }) {
  const t = useT();
  const who = useWho();
  const [page, setPage] = useState(1);
  const [overdue, setOverdue] = useState(false);
  const [open, setOpen] = useState<ShareRequest | null>(null);
  const [checking, setChecking] = useState<{ request: ShareRequest; decision: 'pass' | 'return' } | null>(null);
  const [reviewing, setReviewing] = useState<ShareRequest | null>(null);
  const query = { box, page, pageSize: PAGE_SIZE, overdue: overdue ? true : undefined };
  const list = useQuery({
    queryKey: ['sharing', 'requests', query],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/requests', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  useQueryError(list.error);

  const columns: TableColumnsType<ShareRequest> = [
    { title: t('sharing.field.resource'), key: 'resource', render: (_, r) => <ResourceCell id={r.resourceId} name={r.resourceName} code={r.resourceCode} /> },
    {
      title: t('sharing.field.consumer'),
      key: 'consumer',
      render: (_, r) => (
        <div>
          {r.consumerDepartmentName}
          {r.requester && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.requester}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    ...(box !== 'review' ? [{ title: t('sharing.field.provider'), dataIndex: 'providerDepartmentName' }] : []),
    {
      title: t('sharing.field.purpose'),
      dataIndex: 'purpose',
      render: (p: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: p }} style={{ margin: 0, maxWidth: 260 }}>
          {p}
        </Typography.Paragraph>
      ),
    },
    { title: t('sharing.field.items'), key: 'items', align: 'right', render: (_, r) => t('sharing.itemCount', { n: r.items.length }) },
    { title: t('sharing.field.status'), dataIndex: 'status', render: (s) => <RequestStatusTag status={s} /> },
    { title: t('sharing.field.deadline'), key: 'due', render: (_, r) => <StepCell r={r} /> },
    { title: t('sharing.field.submittedAt'), dataIndex: 'submittedAt', render: (v) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => {
        const may = requestActions(who, r);
        return (
          <Space size={4} wrap>
            {may.check && (
              <>
                <Button type="primary" size="small" onClick={() => setChecking({ request: r, decision: 'pass' })}>
                  {t('sharing.check.pass')}
                </Button>
                <Button danger size="small" onClick={() => setChecking({ request: r, decision: 'return' })}>
                  {t('sharing.check.return')}
                </Button>
              </>
            )}
            {may.review && (
              <Button type="primary" size="small" onClick={() => setReviewing(r)}>
                {t('sharing.review.open')}
              </Button>
            )}
            <Button type="link" size="small" onClick={() => setOpen(r)}>
              {t('sharing.action.detail')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t(`sharing.queue.${box}.help`)}</Typography.Text>
        <Space wrap>
          <Checkbox
            checked={overdue}
            onChange={(e) => {
              setPage(1);
              setOverdue(e.target.checked);
            }}
          >
            {t('sharing.queue.overdueOnly')}
          </Checkbox>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => list.refetch()} loading={list.isFetching}>
            {t('action.refresh')}
          </Button>
        </Space>
      </Flex>
      <Table<ShareRequest>
        rowKey="id"
        aria-label={t(`sharing.queue.${box}`)}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(`sharing.queue.${box}.empty`) }}
        pagination={pager(page, setPage, list.data?.total, t)}
      />
      <RequestDrawer request={open} onClose={() => setOpen(null)} />
      <CheckModal request={checking?.request ?? null} decision={checking?.decision ?? 'pass'} onClose={() => setChecking(null)} />
      <ReviewModal request={reviewing} onClose={() => setReviewing(null)} />
    </Flex>
  );
}

/** The number waiting in a queue, for its tab. */
function useWaiting(box: Box, enabled: boolean) {
  return useQuery({
    queryKey: ['sharing', 'requests', { box, page: 1, pageSize: 1 }],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/requests', { params: { query: { box, page: 1, pageSize: 1 } } })),
    enabled,
  }).data?.total;
}

/** 申请审核: the bureau's 符合性审查 queue, the provider's review queue with deadlines, and (bureau, auditors) every request. */
export default function ReviewQueuePage() {
  const t = useT();
  const who = useWho();
  const boxes = reviewBoxes(who);
  const [sp, setSp] = useSearchParams();
  const wanted = sp.get('box') as Box | null;
  const active = wanted && boxes.includes(wanted) ? wanted : boxes[0];
  const counts = { check: useWaiting('check', boxes.includes('check')), review: useWaiting('review', boxes.includes('review')) };
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('menu.sharingReview')}
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => setSp({ box: k }, { replace: true })}
        destroyOnHidden
        items={boxes.map((b) => ({
          key: b,
          label:
            b === 'all' ? (
              t('sharing.queue.all')
            ) : (
              <Space size={6}>
                {t(`sharing.queue.${b}`)}
                <Badge count={counts[b] ?? 0} size="small" />
              </Space>
            ),
          children: <Queue box={b} />,
        }))}
      />
    </Card>
  );
}
