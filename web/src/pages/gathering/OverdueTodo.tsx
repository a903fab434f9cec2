import { ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Flex, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { MountQuery } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { KindTag, listedHref, listedKey } from './shared';

const SHOWN = 6;

/** The mounts overdue for their update cycle that this user should act on: the bureau sees all, a provider its own. */
export function useOverdueMounts(enabled: boolean) {
  const { user } = useAuth();
  const bureau = !!user?.roles.includes('admin');
  const query: MountQuery = { overdue: 'true', pageSize: SHOWN, ...(bureau ? {} : { departmentId: user?.departmentId }) };
  const q = useQuery({
    queryKey: ['gathering', 'mounts', query],
    queryFn: () => unwrap(api.GET('/api/v1/mounts', { params: { query } })),
    enabled: enabled && !!user,
  });
  const all = new URLSearchParams({ overdue: 'true', ...(bureau || !user ? {} : { departmentId: user.departmentId }) });
  return { ...q, bureau, allHref: `/gathering?${all}` };
}

/** 逾期未更新: a to-do card listing mounts past their cycle, with a link to the full list. */
export function OverdueTodo({ overdue }: { overdue: ReturnType<typeof useOverdueMounts> }) {
  const t = useT();
  const total = overdue.data?.total ?? 0;
  return (
    <Card
      title={
        <Space size={6}>
          <ClockCircleOutlined style={{ color: '#cf1322' }} aria-hidden />
          {overdue.bureau ? t('gathering.todo.titleAll') : t('gathering.todo.title')}
          <Badge count={total} color="#cf1322" />
        </Space>
      }
      extra={<Link to={overdue.allHref}>{t('gathering.todo.all')}</Link>}
      size="small"
    >
      <ul aria-label={t('gathering.todo.list')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {(overdue.data?.items ?? []).map((m) => (
          <li key={listedKey(m)} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Flex justify="space-between" align="start" gap={8} wrap>
              <Link to={listedHref(m)} style={{ fontWeight: 500, minWidth: 0, overflowWrap: 'anywhere' }}>
                {m.resourceName}
              </Link>
              <KindTag kind={m.kind} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                overdue.bureau ? m.departmentName : null,
                t(`enum.updateCycle.${m.updateCycle}`),
                t('gathering.todo.lastSuccess', { time: formatTime(m.lastSuccessAt) || t('gathering.never') }),
                t('gathering.todo.overdueSince', { time: formatTime(m.overdueSince) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}
