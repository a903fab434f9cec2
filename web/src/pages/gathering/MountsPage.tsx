import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Select, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { MountKind, MountListed, MountQuery } from '../../api/types';
import { useQueryError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { KindTag, listedHref, listedKey, MOUNT_KINDS, mono, OverdueTag } from './shared';

type Overdue = 'all' | 'true' | 'false';
const PAGE_SIZES = [10, 20, 50];

/** The list lives in the URL, so back, reload and the workbench's links land on the same view. */
function readQuery(sp: URLSearchParams): MountQuery {
  const int = (v: string | null) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
  const kind = sp.get('kind');
  const overdue = sp.get('overdue');
  const size = int(sp.get('pageSize'));
  return {
    departmentId: sp.get('departmentId') || undefined,
    kind: MOUNT_KINDS.includes(kind as MountKind) ? (kind as MountKind) : undefined,
    overdue: overdue === 'true' || overdue === 'false' ? overdue : undefined,
    page: int(sp.get('page')) ?? 1,
    pageSize: size && PAGE_SIZES.includes(size) ? size : 20,
  };
}

/** 数据汇聚: every mounted resource, by department, kind and whether it is overdue for its update cycle. */
export default function MountsPage() {
  const t = useT();
  const { user } = useAuth();
  const [sp, setSp] = useSearchParams();
  const query = readQuery(sp);
  const update = (patch: Partial<MountQuery>, keepPage = false) => {
    const next = { ...query, ...patch };
    if (!keepPage) next.page = 1;
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === 20)) out.set(k, String(v));
    setSp(out);
  };

  const list = useQuery({
    queryKey: ['gathering', 'mounts', query],
    queryFn: () => unwrap(api.GET('/api/v1/mounts', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  const departments = useQuery({ queryKey: ['departments'], queryFn: () => unwrap(api.GET('/api/v1/departments')), staleTime: 10 * 60_000 });
  useQueryError(list.error);

  const own = user?.departmentId;
  const deptOptions = [
    { value: '', label: t('gathering.filter.anyDepartment') },
    ...(departments.data ?? [])
      .slice()
      .sort((a, b) => (a.id === own ? -1 : b.id === own ? 1 : 0))
      .map((d) => ({ value: d.id, label: d.id === own ? t('gathering.filter.ownDepartment', { name: d.name }) : d.name })),
  ];

  return (
    <Flex vertical gap={16}>
      <Card styles={{ body: { padding: 16 } }}>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <div>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('menu.gathering')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('gathering.list.intro')}</Typography.Text>
            </div>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => list.refetch()} loading={list.isFetching}>
              {t('action.refresh')}
            </Button>
          </Flex>
          <Flex wrap gap={12} align="center">
            <Space size={6} wrap>
              <label htmlFor="gathering-department">{t('gathering.field.department')}</label>
              <Select
                id="gathering-department"
                aria-label={t('gathering.field.department')}
                style={{ width: 220, maxWidth: '100%' }}
                value={query.departmentId ?? ''}
                onChange={(v) => update({ departmentId: v || undefined })}
                options={deptOptions}
                showSearch={{ optionFilterProp: 'label' }}
                loading={departments.isLoading}
              />
            </Space>
            <Space size={6} wrap>
              <label htmlFor="gathering-kind">{t('gathering.field.kind')}</label>
              <Select<MountKind | ''>
                id="gathering-kind"
                aria-label={t('gathering.field.kind')}
                style={{ width: 120 }}
                value={query.kind ?? ''}
                onChange={(v) => update({ kind: v || undefined })}
                options={[{ value: '', label: t('gathering.filter.anyKind') }, ...MOUNT_KINDS.map((k) => ({ value: k, label: t(`gathering.kind.${k}`) }))]}
              />
            </Space>
            <Segmented<Overdue>
              aria-label={t('gathering.filter.overdue')}
              value={query.overdue ?? 'all'}
              onChange={(v) => update({ overdue: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('gathering.filter.overdue.all') },
                { value: 'true', label: t('gathering.filter.overdue.true') },
                { value: 'false', label: t('gathering.filter.overdue.false') },
              ]}
            />
          </Flex>
        </Flex>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<MountListed>
          rowKey={listedKey}
          aria-label={t('gathering.list.table')}
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('gathering.list.empty') }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => update(pageSize === query.pageSize ? { page } : { page: 1, pageSize }, true),
          }}
          columns={[
            {
              title: t('gathering.field.resource'),
              key: 'resource',
              fixed: 'left',
              render: (_, m) => (
                <div style={{ minWidth: 180, maxWidth: 320 }}>
                  <Link to={listedHref(m)} style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
                    {m.resourceName}
                  </Link>
                  <div>
                    <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>
                      {m.resourceCode}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: t('gathering.field.department'), dataIndex: 'departmentName' },
            { title: t('gathering.field.kind'), dataIndex: 'kind', render: (k: MountKind) => <KindTag kind={k} /> },
            {
              title: t('gathering.field.version'),
              dataIndex: 'currentVersion',
              align: 'right',
              render: (v: number) => (v ? t('gathering.versionN', { version: v }) : '—'),
            },
            {
              title: t('gathering.field.rows'),
              dataIndex: 'rowCount',
              align: 'right',
              render: (n: number | null, m) => (m.kind === 'table' && n !== null ? n.toLocaleString() : '—'),
            },
            { title: t('gathering.field.updateCycle'), dataIndex: 'updateCycle', render: (c: string) => t(`enum.updateCycle.${c}`) },
            {
              title: t('gathering.field.lastSuccess'),
              dataIndex: 'lastSuccessAt',
              render: (v: string | null) => formatTime(v) || <Typography.Text type="secondary">{t('gathering.never')}</Typography.Text>,
            },
            {
              title: t('gathering.field.status'),
              key: 'overdue',
              render: (_, m) =>
                m.overdueSince ? (
                  <OverdueTag mount={m} />
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.dueAt ? t('gathering.dueAt', { time: formatTime(m.dueAt) }) : t('gathering.noCycle')}
                  </Typography.Text>
                ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
