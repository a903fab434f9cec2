import { CheckOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, type DescriptionsProps, Flex, Grid, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { conditionalFields } from '../../../../src/modules/catalog/schema';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { AUTHORS } from '../../app/access';
import { useApiError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { formatTime } from '../../components/AdminFormat';
import { DetailItems } from '../../components/DetailItems';
import { DetailVersions } from '../../components/DetailVersions';
import { ReviewReturnModal, useApprove } from '../../components/ReviewActions';
import { OpenTypeTag, ShareTypeTag, StatusTag } from '../../components/SearchTags';
import { useT } from '../../i18n/i18n';
import { EntryMounts } from '../gathering/EntryMounts';
import { EntryRequestButton } from '../sharing/EntryRequestButton';

type Resource = components['schemas']['Resource'];
type Item = NonNullable<DescriptionsProps['items']>[number];

/** A nullable text field of the API body (typed `unknown` there), or ''. */
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const mono = { fontFamily: 'ui-monospace, Consolas, monospace' } as const;

function Section({ title, items }: { title: string; items: Item[] }) {
  const screens = Grid.useBreakpoint();
  return (
    <Card title={title} size="small">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={items}
        styles={{ label: screens.md ? { width: 150, whiteSpace: 'nowrap' } : { width: 110 } }}
      />
    </Card>
  );
}

/** 目录详情: the 1272 template's fields in its order, the items with their data elements, versions, and the workflow. */
export default function DetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiError();
  const versionParam = /^\d+$/.test(sp.get('version') ?? '') ? Number(sp.get('version')) : undefined;
  const [returning, setReturning] = useState(false);

  const res = useQuery({
    queryKey: ['catalog', 'resource', id, versionParam ?? 'current'],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources/{id}', { params: { path: { id }, query: versionParam ? { version: versionParam } : {} } })),
  });
  const notFound = res.error instanceof ApiError && res.error.status === 404;
  useEffect(() => {
    if (res.error && !notFound) onError(res.error);
  }, [res.error, notFound, onError]);

  const submit = useMutation({
    mutationFn: (rid: string) => unwrap(api.POST('/api/v1/catalog/resources/{id}/submit', { params: { path: { id: rid } } })),
    onSuccess: async () => {
      message.success(t('catalog.detail.submitted'));
      await qc.invalidateQueries({ queryKey: ['catalog'] });
    },
    onError: (err) => onError(err),
  });
  const approve = useApprove();

  if (notFound)
    return (
      <Result
        status="404"
        title="404"
        subTitle={t('catalog.detail.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/catalog')}>
            {t('catalog.detail.backToSearch')}
          </Button>
        }
      />
    );
  const r = res.data as Resource | undefined;
  if (!r)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );

  const roles = user?.roles ?? [];
  const old = versionParam !== undefined;
  const provider = !!user && user.departmentId === r.providerDepartmentId && roles.some((x) => AUTHORS.includes(x));
  const canEdit = !old && provider && r.status !== 'submitted';
  const canSubmit = !old && provider && (r.status === 'draft' || r.status === 'returned');
  const canReview = !old && roles.includes('admin') && r.status === 'submitted';
  const cond = conditionalFields(r);
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const text = (v: unknown): ReactNode => (str(v) ? <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{str(v)}</span> : none);
  const items = r.items;

  const basic: Item[] = [
    {
      key: 'classification',
      label: t('catalog.detail.field.classification'),
      children: (
        <Space size={6} wrap>
          {r.classificationName}
          <Typography.Text type="secondary" style={mono}>
            {r.classification}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'name', label: t('catalog.detail.field.name'), children: r.name },
    {
      key: 'code',
      label: t('catalog.detail.field.code'),
      children: (
        <Typography.Text copyable style={mono}>
          {r.code}
        </Typography.Text>
      ),
    },
    { key: 'provider', label: t('catalog.detail.field.provider'), children: r.providerName },
    { key: 'providerCode', label: t('catalog.detail.field.providerCode'), span: 'filled', children: <span style={mono}>{r.providerCode}</span> },
    { key: 'abstract', label: t('catalog.detail.field.abstract'), span: 'filled', children: text(r.abstract) },
    {
      key: 'format',
      label: t('catalog.detail.field.formatAll'),
      span: 'filled',
      children: (
        <Space size={6} wrap>
          {t(`enum.format.${r.format}`)}
          {r.formatType && <Tag>{r.formatType}</Tag>}
        </Space>
      ),
    },
  ];
  const share: Item[] = [
    {
      key: 'shareType',
      label: t('catalog.detail.field.shareType'),
      span: cond.shareCondition || cond.shareBasis ? 1 : 'filled',
      children: <ShareTypeTag value={r.shareType} />,
    },
    ...(cond.shareCondition ? [{ key: 'shareCondition', label: t('catalog.detail.field.shareCondition'), children: text(r.shareCondition) }] : []),
    ...(cond.shareBasis ? [{ key: 'shareBasis', label: t('catalog.detail.field.shareBasis'), children: text(r.shareBasis) }] : []),
    {
      key: 'shareChannel',
      label: t('catalog.detail.field.shareChannel'),
      span: cond.shareVia ? 1 : 'filled',
      children: t(`enum.shareChannel.${r.shareChannel}`),
    },
    ...(cond.shareVia
      ? [{ key: 'shareVia', label: t('catalog.detail.field.shareVia'), children: str(r.shareVia) ? t(`enum.shareVia.${str(r.shareVia)}`) : none }]
      : []),
    { key: 'openType', label: t('catalog.detail.field.openType'), span: cond.openCondition ? 1 : 'filled', children: <OpenTypeTag value={r.openType} /> },
    ...(cond.openCondition ? [{ key: 'openCondition', label: t('catalog.detail.field.openCondition'), children: text(r.openCondition) }] : []),
  ];
  const other: Item[] = [
    { key: 'updateCycle', label: t('catalog.detail.field.updateCycle'), children: t(`enum.updateCycle.${r.updateCycle}`) },
    { key: 'publishedAt', label: t('catalog.detail.field.publishedAt'), children: str(r.publishedAt) || none },
    {
      key: 'relatedCodes',
      label: t('catalog.detail.field.relatedCodes'),
      span: 'filled',
      children: r.relatedCodes.length ? (
        <Space size={[12, 4]} wrap>
          {r.relatedCodes.map((c) => (
            <Link key={c} to={`/catalog/${encodeURIComponent(c)}`} style={mono}>
              {c}
            </Link>
          ))}
        </Space>
      ) : (
        none
      ),
    },
    {
      key: 'keywords',
      label: t('catalog.detail.field.keywords'),
      span: 'filled',
      children: r.keywords.length ? (
        <Space size={[0, 4]} wrap>
          {r.keywords.map((k) => (
            <Tag key={k}>{k}</Tag>
          ))}
        </Space>
      ) : (
        none
      ),
    },
    { key: 'contact', label: t('catalog.detail.field.contact'), children: text(r.contact) },
    { key: 'owner', label: t('catalog.detail.field.owner'), children: text(r.owner) },
  ];
  const status: Item[] = [
    { key: 'status', label: t('catalog.detail.field.status'), children: <StatusTag status={r.status} /> },
    { key: 'version', label: t('catalog.detail.field.version'), children: t('catalog.detail.versionN', { version: r.version }) },
    {
      key: 'publishedVersion',
      label: t('catalog.detail.field.publishedVersion'),
      children: r.publishedVersion ? t('catalog.detail.versionN', { version: r.publishedVersion }) : none,
    },
    { key: 'updatedAt', label: t('catalog.detail.field.updatedAt'), children: formatTime(r.updatedAt) },
    { key: 'submittedAt', label: t('catalog.detail.field.submittedAt'), children: formatTime(r.submittedAt) || none },
    { key: 'reviewedAt', label: t('catalog.detail.field.reviewedAt'), children: formatTime(r.reviewedAt) || none },
    ...(r.reviewReason
      ? [
          {
            key: 'reviewReason',
            label: t('catalog.detail.field.reviewReason'),
            span: 'filled' as const,
            children: <Typography.Text type="danger">{r.reviewReason}</Typography.Text>,
          },
        ]
      : []),
    { key: 'createdAt', label: t('catalog.detail.field.createdAt'), span: 'filled', children: formatTime(r.createdAt) },
  ];

  const actions = (
    <Space wrap>
      {canEdit && (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/catalog/${r.id}/edit`)}>
          {t('catalog.detail.action.edit')}
        </Button>
      )}
      {canSubmit && (
        <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} onClick={() => submit.mutate(r.id)}>
          {t('catalog.detail.action.submit')}
        </Button>
      )}
      {canReview && (
        <>
          <Button type="primary" icon={<CheckOutlined />} loading={approve.isPending} onClick={() => approve.mutate(r.id)}>
            {t('catalog.detail.action.approve')}
          </Button>
          <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
            {t('catalog.detail.action.return')}
          </Button>
        </>
      )}
      <EntryRequestButton resource={r} />
    </Space>
  );

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/catalog">{t('menu.catalog')}</Link> }, { title: r.name }]} />
      <Card>
        <Flex justify="space-between" align="start" gap={12} wrap>
          <div style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Flex gap={8} align="center" wrap>
              <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
                {r.name}
              </Typography.Title>
              <StatusTag status={r.status} />
              <Tag>{t('catalog.detail.versionN', { version: r.version })}</Tag>
            </Flex>
            <Typography.Text type="secondary">
              <span style={mono}>{r.code}</span> · {r.providerName} · {t('catalog.search.meta.updatedAt')} {formatTime(r.updatedAt)}
            </Typography.Text>
          </div>
          {actions}
        </Flex>
        {old && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={
              <span>
                {t('catalog.detail.viewingOld', { version: r.version })} <Link to={`/catalog/${r.id}`}>{t('catalog.detail.viewCurrent')}</Link>
              </span>
            }
          />
        )}
        {!old && r.status === 'returned' && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('catalog.detail.returned')} description={r.reviewReason ?? undefined} />
        )}
        {!old && r.status === 'submitted' && provider && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('catalog.detail.submittedHint')} />}
      </Card>

      <Section title={t('catalog.detail.section.basic')} items={basic} />
      <Card
        title={t('catalog.detail.section.items')}
        size="small"
        extra={<Typography.Text type="secondary">{t('catalog.detail.itemsCount', { count: items.length })}</Typography.Text>}
      >
        <DetailItems items={items} />
      </Card>
      {!old && <EntryMounts resource={r} provider={provider} />}
      <Section title={t('catalog.detail.section.share')} items={share} />
      <Section title={t('catalog.detail.section.other')} items={other} />
      <Section title={t('catalog.detail.section.status')} items={status} />
      <Card title={t('catalog.detail.section.versions')} size="small">
        <DetailVersions id={r.id} viewing={old ? r.version : undefined} />
      </Card>
      <ReviewReturnModal target={returning ? { id: r.id, name: r.name } : null} onClose={() => setReturning(false)} />
    </Flex>
  );
}
