import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useApiError, useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { mayConsume, requestActions } from './permissions';
import { RequestDrawer } from './RequestDetail';
import { DeadlineTag, DeliveryTag, PAGE_SIZE, pager, REQUEST_STATUSES, RequestStatusTag, ResourceCell, useWho } from './shared';
import type { RequestStatus, ShareRequest } from './types';
import { pendingStep } from './view';

/** Withdraws a request not yet decided; every sharing query is refreshed after. */
export function useWithdraw(onDone?: () => void) {
  const t = useT();
  const qc = useQueryClient();
  const onError = useApiError();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/sharing/requests/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: async () => {
      message.success(t('sharing.request.withdrawn'));
      await qc.invalidateQueries({ queryKey: ['sharing'] });
      onDone?.();
    },
    onError: (e) => onError(e),
  });
}

/** The step a request waits on, with its deadline; when decided, the decision's time. */
export function StepCell({ r }: { r: ShareRequest }) {
  const t = useT();
  const step = pendingStep(r);
  if (step) return <DeadlineTag due={step.due} overdue={r.overdue} label={t(`sharing.step.${step.step}`)} />;
  return <Typography.Text type="secondary">{formatTime(r.decidedAt ?? r.checkedAt) || '—'}</Typography.Text>;
}

/** 共享申请: my department's requests, with where each stands and by when the next step is due. */
export default function RequestsPage() {
  const t = useT();
  const who = useWho();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const status = REQUEST_STATUSES.includes(sp.get('status') as RequestStatus) ? (sp.get('status') as RequestStatus) : undefined;
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<ShareRequest | null>(null);
  const query = { box: 'mine' as const, status, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['sharing', 'requests', query],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/requests', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  useQueryError(list.error);
  const withdraw = useWithdraw(() => setOpen(null));
  // The drawer follows the list: after a withdrawal it shows the new state.
  const shown = open ? (list.data?.items.find((r) => r.id === open.id) ?? open) : null;

  return (
    <Flex vertical gap={16}>
      <Card styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('menu.sharingRequests')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('sharing.requests.intro')}</Typography.Text>
          </div>
          <Space wrap>
            <Select<RequestStatus | ''>
              aria-label={t('sharing.field.status')}
              style={{ width: 150 }}
              value={status ?? ''}
              onChange={(v) => {
                setPage(1);
                setSp(v ? { status: v } : {});
              }}
              options={[{ value: '', label: t('sharing.status.any') }, ...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`sharing.status.${s}`) }))]}
            />
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => list.refetch()} loading={list.isFetching}>
              {t('action.refresh')}
            </Button>
            {mayConsume(who) && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/sharing/requests/new')}>
                {t('sharing.new.title')}
              </Button>
            )}
          </Space>
        </Flex>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ShareRequest>
          rowKey="id"
          aria-label={t('sharing.requests.table')}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('sharing.requests.empty') }}
          pagination={pager(page, setPage, list.data?.total, t)}
          columns={[
            {
              title: t('sharing.field.resource'),
              key: 'resource',
              render: (_, r) => <ResourceCell id={r.resourceId} name={r.resourceName} code={r.resourceCode} />,
            },
            { title: t('sharing.field.provider'), dataIndex: 'providerDepartmentName' },
            { title: t('sharing.field.items'), key: 'items', align: 'right', render: (_, r) => t('sharing.itemCount', { n: r.items.length }) },
            { title: t('sharing.field.delivery'), dataIndex: 'delivery', render: (d) => <DeliveryTag via={d} /> },
            { title: t('sharing.field.status'), dataIndex: 'status', render: (s) => <RequestStatusTag status={s} /> },
            { title: t('sharing.field.deadline'), key: 'due', render: (_, r) => <StepCell r={r} /> },
            { title: t('sharing.field.submittedAt'), dataIndex: 'submittedAt', render: (v) => formatTime(v) },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              render: (_, r) => (
                <Space size={4} wrap>
                  <Button type="link" size="small" onClick={() => setOpen(r)}>
                    {t('sharing.action.detail')}
                  </Button>
                  {r.grantId && <Link to={`/sharing/grants/${r.grantId}`}>{t('sharing.request.viewGrant')}</Link>}
                  {requestActions(who, r).withdraw && (
                    <Popconfirm
                      title={t('sharing.request.withdrawConfirm')}
                      onConfirm={() => withdraw.mutate(r.id)}
                      okText={t('action.confirm')}
                      cancelText={t('action.cancel')}
                    >
                      <Button type="link" size="small" danger loading={withdraw.isPending && withdraw.variables === r.id}>
                        {t('sharing.action.withdraw')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RequestDrawer request={shown} onClose={() => setOpen(null)} />
    </Flex>
  );
}
