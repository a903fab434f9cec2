import { BellOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, type DescriptionsProps, Flex, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useApiError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { LiftButton, RaiseObjectionModal, RevokeModal, SubscribeModal } from './GrantModals';
import { GrantRecords } from './GrantRecords';
import { grantActions } from './permissions';
import { DeliveryTag, FilterText, GrantStateTag, ItemTags, mono, ResourceCell, useWho } from './shared';
import type { Grant } from './types';
import { UsagePanel } from './UsageChart';
import { daysLeft, grantView } from './view';

type Item = NonNullable<DescriptionsProps['items']>[number];

function fields(g: Grant, t: (k: string, v?: Record<string, string | number>) => string): Item[] {
  const v = grantView(g, new Date());
  return [
    {
      key: 'resource',
      label: t('sharing.field.resource'),
      span: 'filled',
      children: <ResourceCell id={g.resourceId} name={g.resourceName} code={g.resourceCode} />,
    },
    { key: 'provider', label: t('sharing.field.provider'), children: g.providerDepartmentName },
    { key: 'consumer', label: t('sharing.field.consumer'), children: g.consumerDepartmentName },
    {
      key: 'state',
      label: t('sharing.field.state'),
      children: (
        <Space size={4} wrap>
          <GrantStateTag grant={g} />
          {(v === 'active' || v === 'expiring') && (
            <Typography.Text type="secondary">{t('sharing.grant.daysLeft', { n: daysLeft(g.expiresAt, new Date()) })}</Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'expires', label: t('sharing.field.expiresAt'), children: formatTime(g.expiresAt) },
    { key: 'items', label: t('sharing.field.items'), span: 'filled', children: <ItemTags items={g.items} unmasked={g.unmasked} /> },
    { key: 'filter', label: t('sharing.field.rowFilter'), span: 'filled', children: <FilterText filter={g.rowFilter} /> },
    { key: 'delivery', label: t('sharing.field.delivery'), children: g.delivery.map((d) => <DeliveryTag key={d} via={d} />) },
    {
      key: 'quota',
      label: t('sharing.field.quota'),
      children: t('sharing.grant.quota', { day: g.callsPerDay.toLocaleString(), minute: g.callsPerMinute.toLocaleString() }),
    },
    { key: 'purpose', label: t('sharing.field.purpose'), span: 'filled', children: g.purpose },
    {
      key: 'origin',
      label: t('sharing.field.origin'),
      children: t(`sharing.grant.origin.${g.origin}`),
    },
    { key: 'created', label: t('sharing.field.createdAt'), children: formatTime(g.createdAt) },
    ...(g.revokedAt
      ? [
          { key: 'revokedAt', label: t('sharing.field.revokedAt'), children: formatTime(g.revokedAt) },
          { key: 'revokeReason', label: t('sharing.field.revokeReason'), children: <Typography.Text type="danger">{g.revokeReason}</Typography.Text> },
        ]
      : []),
  ];
}

/** 授权详情 (/sharing/grants/:id): what the grant allows, how to call it, its usage, and what its departments may do with it. */
export default function GrantPage() {
  const t = useT();
  const who = useWho();
  const navigate = useNavigate();
  const onError = useApiError();
  const { id = '' } = useParams();
  const [revoking, setRevoking] = useState(false);
  const [subscribing, setSubscribing] = useState(false);
  const [objecting, setObjecting] = useState(false);
  const grant = useQuery({ queryKey: ['sharing', 'grant', id], queryFn: () => unwrap(api.GET('/api/v1/sharing/grants/{id}', { params: { path: { id } } })) });
  const notFound = grant.error instanceof ApiError && (grant.error.status === 404 || grant.error.status === 400);
  useEffect(() => {
    if (grant.error && !notFound) onError(grant.error);
  }, [grant.error, notFound, onError]);

  if (notFound)
    return (
      <Result
        status="404"
        title="404"
        subTitle={t('sharing.grant.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/sharing/grants')}>
            {t('sharing.grant.back')}
          </Button>
        }
      />
    );
  const g = grant.data;
  if (!g)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  const may = grantActions(who, g);
  const url = `/api/v1/share/${encodeURIComponent(g.resourceCode)}/records`;

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/sharing/grants">{t('menu.sharingGrants')}</Link> }, { title: g.resourceName }]} />
      <Card>
        <Flex justify="space-between" align="start" gap={12} wrap style={{ marginBottom: 12 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
              {g.resourceName}
            </Typography.Title>
            <GrantStateTag grant={g} />
          </Flex>
          <Space wrap>
            {may.subscribe && (
              <Button icon={<BellOutlined aria-hidden />} onClick={() => setSubscribing(true)}>
                {t('sharing.action.subscribe')}
              </Button>
            )}
            {may.object && (
              <Button icon={<WarningOutlined aria-hidden />} onClick={() => setObjecting(true)}>
                {t('sharing.action.object')}
              </Button>
            )}
            {may.revoke && (
              <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setRevoking(true)}>
                {t('sharing.action.revoke')}
              </Button>
            )}
            {may.lift && <LiftButton grant={g} />}
          </Space>
        </Flex>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={fields(g, t)} />
      </Card>
      {may.call && g.delivery.includes('api') && (
        <Card size="small" title={t('sharing.call.title')}>
          <Typography.Paragraph>
            <Typography.Text code copyable style={mono}>{`GET ${url}?limit=100`}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('sharing.call.help')} <Link to="/profile">{t('sharing.apiKeys')}</Link>
          </Typography.Paragraph>
        </Card>
      )}
      {may.call && g.delivery.includes('api') && <GrantRecords grant={g} />}
      <UsagePanel resourceId={g.resourceId} />
      <RevokeModal grant={revoking ? g : null} onClose={() => setRevoking(false)} />
      <SubscribeModal open={subscribing} grant={g} onClose={() => setSubscribing(false)} />
      <RaiseObjectionModal grant={objecting ? g : null} onClose={() => setObjecting(false)} />
    </Flex>
  );
}
