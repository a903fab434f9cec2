import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, type DescriptionsProps, Flex, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { Mount } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { ApiPanel } from './ApiPanel';
import { FilesPanel } from './FilesPanel';
import { PreviewPanel } from './PreviewPanel';
import { RunsTable } from './RunsTable';
import { KindTag, mono, OverdueTag, useMountAccess } from './shared';
import { UploadPanel } from './UploadPanel';
import { pct } from './upload-view';

type Item = NonNullable<DescriptionsProps['items']>[number];

function header(m: Mount, t: (k: string, v?: Record<string, string | number>) => string): Item[] {
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const items: Item[] = [
    {
      key: 'resource',
      label: t('gathering.field.resource'),
      span: 'filled',
      children: (
        <Space wrap size={8}>
          <Link to={`/catalog/${m.resourceId}`}>{m.resourceName}</Link>
          <Typography.Text type="secondary" style={mono}>
            {m.resourceCode}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'department', label: t('gathering.field.department'), children: m.departmentName },
    { key: 'kind', label: t('gathering.field.kind'), children: <KindTag kind={m.kind} /> },
    { key: 'cycle', label: t('gathering.field.updateCycle'), children: t(`enum.updateCycle.${m.updateCycle}`) },
    { key: 'version', label: t('gathering.field.version'), children: m.currentVersion ? t('gathering.versionN', { version: m.currentVersion }) : none },
    ...(m.kind === 'table' ? [{ key: 'rows', label: t('gathering.field.rows'), children: m.rowCount ?? none }] : []),
    { key: 'last', label: t('gathering.field.lastSuccess'), children: formatTime(m.lastSuccessAt) || t('gathering.never') },
    {
      key: 'due',
      label: t('gathering.field.dueAt'),
      children: m.dueAt ? (
        <Space size={6} wrap>
          {formatTime(m.dueAt)}
          <OverdueTag mount={m} />
        </Space>
      ) : (
        t('gathering.noCycle')
      ),
    },
  ];
  if (m.table) {
    const keys = m.table.columns.filter((c) => c.key).map((c) => c.item);
    items.push(
      { key: 'keys', label: t('gathering.field.keyItems'), children: keys.length ? keys.map((k) => <Tag key={k}>{k}</Tag>) : t('gathering.noKey') },
      { key: 'threshold', label: t('gathering.field.threshold'), children: pct(m.table.rejectThreshold) },
      {
        key: 'items',
        label: t('gathering.field.items'),
        span: 'filled',
        children: (
          <Space size={[4, 4]} wrap>
            {m.table.columns.map((c) => (
              <Tag key={c.item} color={c.key ? 'gold' : undefined}>
                {c.item}
                <Typography.Text type="secondary" style={{ fontSize: 11, marginInlineStart: 4 }}>
                  {t(`enum.itemType.${c.type}`)}
                </Typography.Text>
              </Tag>
            ))}
          </Space>
        ),
      },
    );
  }
  items.push({ key: 'created', label: t('gathering.field.createdAt'), children: formatTime(m.createdAt) });
  return items;
}

/** 挂载详情 (/gathering/mounts/:id): what is mounted and, by kind, its data, runs, upload, files or API. */
export default function MountPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const onError = useApiError();
  const mount = useQuery({
    queryKey: ['gathering', 'mount', id],
    queryFn: () => unwrap(api.GET('/api/v1/mounts/{id}', { params: { path: { id } } })),
  });
  const access = useMountAccess(mount.data);
  const notFound = mount.error instanceof ApiError && (mount.error.status === 404 || mount.error.status === 400);
  useEffect(() => {
    if (mount.error && !notFound) onError(mount.error);
  }, [mount.error, notFound, onError]);

  if (notFound)
    return (
      <Result
        status="404"
        title="404"
        subTitle={t('gathering.mount.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/gathering')}>
            {t('gathering.backToList')}
          </Button>
        }
      />
    );
  const m = mount.data;
  if (!m)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );

  const tabs = [
    ...(m.kind === 'table'
      ? [
          { key: 'preview', label: t('gathering.tab.preview'), children: <PreviewPanel mount={m} /> },
          ...(access.mayInspect ? [{ key: 'runs', label: t('gathering.tab.runs'), children: <RunsTable mountId={m.id} /> }] : []),
          ...(access.mayLoad ? [{ key: 'upload', label: t('gathering.tab.upload'), children: <UploadPanel mount={m} /> }] : []),
        ]
      : []),
    ...(m.kind === 'file' ? [{ key: 'files', label: t('gathering.tab.files'), children: <FilesPanel mount={m} /> }] : []),
    ...(m.kind === 'api' ? [{ key: 'api', label: t('gathering.tab.api'), children: <ApiPanel mount={m} /> }] : []),
  ];
  const wanted = sp.get('tab');
  const active = tabs.some((x) => x.key === wanted) ? (wanted as string) : tabs[0]?.key;

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/gathering">{t('menu.gathering')}</Link> }, { title: m.resourceName }]} />
      <Card>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {m.name}
          </Typography.Title>
          <KindTag kind={m.kind} />
          <OverdueTag mount={m} />
        </Flex>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={header(m, t)} />
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(k) => {
            const next = new URLSearchParams(sp);
            next.set('tab', k);
            setSp(next, { replace: true });
          }}
          items={tabs}
          destroyOnHidden={false}
        />
      </Card>
    </Flex>
  );
}
