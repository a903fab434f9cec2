import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, Flex, Space, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { useT } from '../i18n/i18n';
import { formatTime } from './AdminFormat';
import { StatusTag } from './SearchTags';

type Hit = paths['/api/v1/catalog/resources']['get']['responses'][200]['content']['application/json']['items'][number];
type Query = NonNullable<paths['/api/v1/catalog/resources']['get']['parameters']['query']>;

const SHOWN = 6;

function useHits(query: Query, enabled: boolean) {
  const q = { ...query, sort: 'updated' as const, pageSize: SHOWN };
  return useQuery({
    queryKey: ['catalog', 'search', q],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources', { params: { query: q } })),
    enabled,
  });
}

function TodoList({ hits, empty, label, review }: { hits: Hit[]; empty: string; label: string; review?: boolean }) {
  const t = useT();
  if (!hits.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {hits.map((h) => (
        <li key={h.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="space-between" align="start" gap={8}>
            <Link to={`/catalog/${h.id}`} style={{ fontWeight: 500, minWidth: 0, overflowWrap: 'anywhere' }}>
              {h.name}
            </Link>
            <StatusTag status={h.status} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {review
              ? `${h.providerName} · ${t('home.todo.submittedAt', { time: formatTime(h.submittedAt) })}`
              : `${h.code} · ${t('home.todo.updatedAt', { time: formatTime(h.updatedAt) })}`}
          </Typography.Text>
          {h.status === 'returned' && h.reviewReason && (
            <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: '2px 0 0' }} ellipsis={{ rows: 2, tooltip: h.reviewReason }}>
              {t('home.todo.reason', { reason: h.reviewReason })}
            </Typography.Paragraph>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The user's to-do: entries of their department to (re)submit — returned first, then
 * drafts — and, for the bureau admin, the entries waiting for review.
 */
export function HomeTodo({ author, reviewer }: { author: boolean; reviewer: boolean }) {
  const t = useT();
  const returned = useHits({ scope: 'mine', status: 'returned' }, author);
  const drafts = useHits({ scope: 'mine', status: 'draft' }, author);
  const review = useHits({ scope: 'review' }, reviewer);
  const toSubmit = [...(returned.data?.items ?? []), ...(drafts.data?.items ?? [])].slice(0, SHOWN);
  const submitTotal = (returned.data?.total ?? 0) + (drafts.data?.total ?? 0);
  const reviewTotal = review.data?.total ?? 0;
  const tabLabel = (text: string, n: number) => (
    <Space size={6}>
      {text}
      <Badge count={n} showZero color={n ? '#1459b8' : '#d9d9d9'} />
    </Space>
  );
  const items = [
    ...(reviewer
      ? [
          {
            key: 'review',
            label: tabLabel(t('home.todo.toReview'), reviewTotal),
            children: (
              <>
                <TodoList hits={review.data?.items ?? []} empty={t('home.todo.emptyReview')} label={t('home.todo.listReview')} review />
                {reviewTotal > 0 && (
                  <div style={{ paddingTop: 8 }}>
                    <Link to="/review">{t('home.todo.goReview')}</Link>
                  </div>
                )}
              </>
            ),
          },
        ]
      : []),
    ...(author
      ? [
          {
            key: 'submit',
            label: tabLabel(t('home.todo.toSubmit'), submitTotal),
            children: (
              <>
                <TodoList hits={toSubmit} empty={t('home.todo.emptySubmit')} label={t('home.todo.listSubmit')} />
                {submitTotal > SHOWN && (
                  <div style={{ paddingTop: 8 }}>
                    <Link to="/catalog?scope=mine&sort=updated">{t('home.todo.all')}</Link>
                  </div>
                )}
              </>
            ),
          },
        ]
      : []),
  ];
  const loading = (author && (returned.isLoading || drafts.isLoading)) || (reviewer && review.isLoading);
  return (
    <Card title={t('home.todo.title')} loading={loading} style={{ height: '100%' }} styles={{ body: { paddingTop: 4 } }}>
      <Tabs items={items} />
    </Card>
  );
}
