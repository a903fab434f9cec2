import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Drawer, Flex, Grid, Popconfirm, Segmented, Space, Table, type TableColumnsType, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useApiError, useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { SubscribeModal } from './GrantModals';
import { mayConsume, seesAll, subscriptionActions } from './permissions';
import { GrantStateTag, PAGE_SIZE, pager, ResourceCell, useWho } from './shared';
import type { DeliveryStatus, ShareNotification, Subscription, WebhookDelivery } from './types';

const deliveryColor: Record<DeliveryStatus, string> = { pending: 'processing', succeeded: 'success', failed: 'warning', gave_up: 'error' };

/** The webhook delivery log of one subscription: each delivery and, expanded, every attempt. */
function DeliveriesDrawer({ subscription, onClose }: { subscription: Subscription | null; onClose: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState(1);
  const id = subscription?.id ?? '';
  const list = useQuery({
    queryKey: ['sharing', 'deliveries', id, page],
    enabled: !!subscription,
    queryFn: () => unwrap(api.GET('/api/v1/sharing/subscriptions/{id}/deliveries', { params: { path: { id }, query: { page, pageSize: PAGE_SIZE } } })),
  });
  return (
    <Drawer
      open={!!subscription}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={subscription ? t('sharing.deliveries.title', { name: subscription.resourceName }) : ''}
      extra={
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => list.refetch()} loading={list.isFetching}>
          {t('action.refresh')}
        </Button>
      }
    >
      {subscription?.webhookUrl && (
        <Typography.Paragraph>
          <Typography.Text type="secondary">{t('sharing.field.webhookUrl')}：</Typography.Text>
          <Typography.Text code style={{ overflowWrap: 'anywhere' }}>
            {subscription.webhookUrl}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      <Table<WebhookDelivery>
        size="small"
        rowKey="id"
        aria-label={t('sharing.deliveries.table')}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(subscription?.webhookUrl ? 'sharing.deliveries.empty' : 'sharing.deliveries.noWebhook') }}
        pagination={pager(page, setPage, list.data?.total)}
        expandable={{
          rowExpandable: (d) => d.log.length > 0,
          expandedRowRender: (d) => (
            <Table
              size="small"
              rowKey="attempt"
              pagination={false}
              dataSource={d.log}
              columns={[
                { title: t('sharing.deliveries.attempt'), dataIndex: 'attempt', align: 'right' },
                { title: t('sharing.deliveries.at'), dataIndex: 'at', render: (v: string) => formatTime(v) },
                { title: t('sharing.deliveries.httpStatus'), dataIndex: 'httpStatus', render: (v: number | null) => v ?? '—' },
                { title: t('sharing.deliveries.duration'), dataIndex: 'durationMs', align: 'right', render: (v: number) => `${v} ms` },
                { title: t('sharing.deliveries.outcome'), dataIndex: 'outcome', render: (v: string) => t(`sharing.deliveries.outcome.${v}`) },
                { title: t('sharing.deliveries.error'), dataIndex: 'error', render: (v: string | null) => v ?? '' },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('sharing.deliveries.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('sharing.notifications.event'), dataIndex: 'event', render: (e: string) => t(`sharing.event.${e}`) },
          {
            title: t('sharing.field.status'),
            dataIndex: 'status',
            render: (s: DeliveryStatus) => <Tag color={deliveryColor[s]}>{t(`sharing.deliveries.status.${s}`)}</Tag>,
          },
          { title: t('sharing.deliveries.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('sharing.deliveries.last'),
            key: 'last',
            render: (_, d) => (d.lastStatus ? `HTTP ${d.lastStatus}` : (d.lastError ?? '—')),
          },
          { title: t('sharing.deliveries.nextAt'), dataIndex: 'nextAt', render: (v: string | null) => formatTime(v) || '—' },
        ]}
      />
    </Drawer>
  );
}

function SubscriptionList({ scope }: { scope: 'mine' | 'all' }) {
  const t = useT();
  const who = useWho();
  const onError = useApiError();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [log, setLog] = useState<Subscription | null>(null);
  const query = { scope, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['sharing', 'subscriptions', query],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/subscriptions', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  useQueryError(list.error);
  const cancel = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/sharing/subscriptions/{id}', { params: { path: { id } } })),
    onSuccess: async (s) => {
      message.success(t('sharing.subscription.cancelled', { name: s.resourceName }));
      await qc.invalidateQueries({ queryKey: ['sharing'] });
    },
    onError: (e) => onError(e),
  });

  const columns: TableColumnsType<Subscription> = [
    { title: t('sharing.field.resource'), key: 'resource', render: (_, s) => <ResourceCell id={s.resourceId} name={s.resourceName} code={s.resourceCode} /> },
    { title: t('sharing.field.provider'), dataIndex: 'providerDepartmentName' },
    ...(scope === 'all' ? [{ title: t('sharing.field.consumer'), dataIndex: 'consumerDepartmentName' }] : []),
    {
      title: t('sharing.field.grant'),
      key: 'grant',
      render: (_, s) => (
        <Link to={`/sharing/grants/${s.grantId}`}>
          <GrantStateTag grant={{ state: s.grantState }} />
        </Link>
      ),
    },
    {
      title: t('sharing.field.webhookUrl'),
      dataIndex: 'webhookUrl',
      render: (u: string | null) =>
        u ? (
          <Typography.Text style={{ maxWidth: 240, fontSize: 12 }} ellipsis={{ tooltip: u }}>
            {u}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('sharing.subscription.consoleOnly')}</Typography.Text>
        ),
    },
    {
      title: t('sharing.subscription.deliveries'),
      key: 'deliveries',
      render: (_, s) =>
        s.webhookUrl ? (
          <Space size={4}>
            <Tooltip title={t('sharing.deliveries.status.succeeded')}>
              <Tag color="success">{s.deliveries.succeeded}</Tag>
            </Tooltip>
            <Tooltip title={t('sharing.deliveries.status.pending')}>
              <Tag color="processing">{s.deliveries.pending}</Tag>
            </Tooltip>
            <Tooltip title={t('sharing.deliveries.status.gave_up')}>
              <Tag color="error">{s.deliveries.gaveUp}</Tag>
            </Tooltip>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('sharing.field.state'),
      dataIndex: 'state',
      render: (v: string) => <Tag color={v === 'active' ? 'success' : 'default'}>{t(`sharing.subscription.state.${v}`)}</Tag>,
    },
    { title: t('sharing.field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) => (
        <Space size={4} wrap>
          <Button type="link" size="small" onClick={() => setLog(s)}>
            {t('sharing.subscription.log')}
          </Button>
          {subscriptionActions(who, s).cancel && (
            <Popconfirm
              title={t('sharing.subscription.cancelConfirm')}
              onConfirm={() => cancel.mutate(s.id)}
              okText={t('action.confirm')}
              cancelText={t('action.cancel')}
            >
              <Button type="link" size="small" danger loading={cancel.isPending && cancel.variables === s.id}>
                {t('sharing.subscription.cancel')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<Subscription>
        rowKey="id"
        aria-label={t('sharing.subscriptions.table')}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('sharing.subscriptions.empty') }}
        pagination={pager(page, setPage, list.data?.total, t)}
      />
      <DeliveriesDrawer subscription={log} onClose={() => setLog(null)} />
    </>
  );
}

function Notifications() {
  const t = useT();
  const onError = useApiError();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [unread, setUnread] = useState<'all' | 'unread'>('unread');
  const query = { page, pageSize: PAGE_SIZE, unread: unread === 'unread' ? true : undefined };
  const list = useQuery({
    queryKey: ['sharing', 'notifications', query],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/notifications', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  useQueryError(list.error);
  const read = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => unwrap(api.POST('/api/v1/sharing/notifications/read', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sharing', 'notifications'] }),
    onError: (e) => onError(e),
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented<'all' | 'unread'>
          aria-label={t('sharing.notifications.show')}
          value={unread}
          onChange={(v) => {
            setPage(1);
            setUnread(v);
          }}
          options={[
            { value: 'unread', label: t('sharing.notifications.unreadOnly') },
            { value: 'all', label: t('sharing.notifications.all') },
          ]}
        />
        <Button disabled={!list.data?.unread} loading={read.isPending && 'all' in (read.variables ?? {})} onClick={() => read.mutate({ all: true })}>
          {t('sharing.notifications.readAll')}
        </Button>
      </Flex>
      <Table<ShareNotification>
        rowKey="id"
        aria-label={t('sharing.notifications.table')}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(unread === 'unread' ? 'sharing.notifications.noneUnread' : 'sharing.notifications.none') }}
        pagination={pager(page, setPage, list.data?.total)}
        columns={[
          {
            title: t('sharing.notifications.at'),
            dataIndex: 'at',
            render: (v: string, n) => (
              <Space size={6}>
                {!n.readAt && <Badge status="processing" aria-label={t('sharing.notifications.unread')} />}
                {formatTime(v)}
              </Space>
            ),
          },
          {
            title: t('sharing.field.resource'),
            key: 'resource',
            render: (_, n) => <ResourceCell id={n.resourceId} name={n.resourceName} code={n.resourceCode} />,
          },
          { title: t('sharing.notifications.event'), dataIndex: 'event', render: (e: string) => t(`sharing.event.${e}`) },
          { title: t('sharing.notifications.version'), dataIndex: 'version', render: (v: number | null) => (v ? t('sharing.versionN', { version: v }) : '—') },
          { title: t('sharing.notifications.rows'), dataIndex: 'rows', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toLocaleString()) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, n) =>
              n.readAt ? (
                <Typography.Text type="secondary">{t('sharing.notifications.read')}</Typography.Text>
              ) : (
                <Button type="link" size="small" onClick={() => read.mutate({ ids: [n.id] })}>
                  {t('sharing.notifications.markRead')}
                </Button>
              ),
          },
        ]}
      />
    </Flex>
  );
}

/** 订阅: my department's subscriptions with their webhook delivery logs, its notifications, and (bureau, auditors) every subscription. */
export default function SubscriptionsPage() {
  const t = useT();
  const who = useWho();
  const [sp, setSp] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const unread = useQuery({
    queryKey: ['sharing', 'notifications', { unread: true, pageSize: 1 }],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/notifications', { params: { query: { unread: true, pageSize: 1 } } })),
  }).data?.unread;
  const tabs = [
    { key: 'mine', label: t('sharing.subscriptions.mine'), children: <SubscriptionList scope="mine" /> },
    {
      key: 'notifications',
      label: (
        <Space size={6}>
          {t('sharing.notifications.title')}
          <Badge count={unread ?? 0} size="small" />
        </Space>
      ),
      children: <Notifications />,
    },
    ...(seesAll(who) ? [{ key: 'all', label: t('sharing.subscriptions.all'), children: <SubscriptionList scope="all" /> }] : []),
  ];
  const wanted = sp.get('tab');
  const active = tabs.some((x) => x.key === wanted) ? (wanted as string) : 'mine';
  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('menu.sharingSubscriptions')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('sharing.subscriptions.intro')}</Typography.Text>
        </div>
        {mayConsume(who) && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('sharing.subscribe.title')}
          </Button>
        )}
      </Flex>
      <Tabs activeKey={active} onChange={(k) => setSp({ tab: k }, { replace: true })} destroyOnHidden items={tabs} />
      <SubscribeModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
