import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Space, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { LiftButton, RevokeModal } from './GrantModals';
import { grantActions, sides } from './permissions';
import { DeliveryTag, GRANT_STATES, GrantStateTag, PAGE_SIZE, pager, ResourceCell, useWho } from './shared';
import type { Grant, GrantSide, GrantState } from './types';

function GrantList({ side }: { side: GrantSide }) {
  const t = useT();
  const who = useWho();
  const [page, setPage] = useState(1);
  const [state, setState] = useState<GrantState | 'any'>('any');
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const query = { side, state: state === 'any' ? undefined : state, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['sharing', 'grants', query],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/grants', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  useQueryError(list.error);

  const columns: TableColumnsType<Grant> = [
    { title: t('sharing.field.resource'), key: 'resource', render: (_, g) => <ResourceCell id={g.resourceId} name={g.resourceName} code={g.resourceCode} /> },
    ...(side !== 'provider' ? [{ title: t('sharing.field.provider'), dataIndex: 'providerDepartmentName' }] : []),
    ...(side !== 'consumer' ? [{ title: t('sharing.field.consumer'), dataIndex: 'consumerDepartmentName' }] : []),
    { title: t('sharing.field.items'), key: 'items', align: 'right', render: (_, g) => t('sharing.itemCount', { n: g.items.length }) },
    { title: t('sharing.field.delivery'), key: 'delivery', render: (_, g) => g.delivery.map((d) => <DeliveryTag key={d} via={d} />) },
    { title: t('sharing.field.state'), key: 'state', render: (_, g) => <GrantStateTag grant={g} /> },
    { title: t('sharing.field.expiresAt'), dataIndex: 'expiresAt', render: (v) => formatTime(v) },
    { title: t('sharing.field.origin'), dataIndex: 'origin', render: (o) => t(`sharing.grant.origin.${o}`) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, g) => (
        <Space size={4} wrap>
          <Link to={`/sharing/grants/${g.id}`}>{t('sharing.action.detail')}</Link>
          {grantActions(who, g).revoke && (
            <Button type="link" size="small" danger onClick={() => setRevoking(g)}>
              {t('sharing.action.revoke')}
            </Button>
          )}
          {grantActions(who, g).lift && <LiftButton grant={g} link />}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<GrantState | 'any'>
          aria-label={t('sharing.field.state')}
          value={state}
          onChange={(v) => {
            setPage(1);
            setState(v);
          }}
          options={[{ value: 'any', label: t('sharing.grant.state.any') }, ...GRANT_STATES.map((s) => ({ value: s, label: t(`sharing.grant.state.${s}`) }))]}
        />
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => list.refetch()} loading={list.isFetching}>
          {t('action.refresh')}
        </Button>
      </Flex>
      <Table<Grant>
        rowKey="id"
        aria-label={t(`sharing.grants.side.${side}`)}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(`sharing.grants.empty.${side}`) }}
        pagination={pager(page, setPage, list.data?.total, t)}
      />
      <RevokeModal grant={revoking} onClose={() => setRevoking(null)} />
    </Flex>
  );
}

/** 共享授权: what my department holds, what it has given, and (the bureau, auditors) every grant. */
export default function GrantsPage() {
  const t = useT();
  const who = useWho();
  const tabs = sides(who);
  const [sp, setSp] = useSearchParams();
  const wanted = sp.get('side') as GrantSide | null;
  const active = wanted && tabs.includes(wanted) ? wanted : tabs[0];
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('menu.sharingGrants')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('sharing.grants.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={active}
        onChange={(k) => setSp({ side: k }, { replace: true })}
        destroyOnHidden
        items={tabs.map((s) => ({ key: s, label: t(`sharing.grants.side.${s}`), children: <GrantList side={s} /> }))}
      />
    </Card>
  );
}
