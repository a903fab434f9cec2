import { CloudUploadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { AUTHORS } from '../../app/access';
import { useQueryError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { type CatalogStats, HomeClassificationChart, HomeDepartmentChart, HomeTypeChart } from '../../components/HomeCharts';
import { HomeTodo } from '../../components/HomeTodo';
import { useT } from '../../i18n/i18n';
import { OverdueTodo, useOverdueMounts } from '../gathering/OverdueTodo';

function StatCard({ title, value, suffix, to }: { title: string; value: number; suffix?: ReactNode; to?: string }) {
  const body = <Statistic title={title} value={value} suffix={suffix} />;
  return (
    <Card size="small">
      {to ? (
        <Link to={to} aria-label={`${title} ${value}`} style={{ color: 'inherit', display: 'block' }}>
          {body}
        </Link>
      ) : (
        body
      )}
    </Card>
  );
}

function Overview({ stats, reviewer }: { stats: CatalogStats; reviewer: boolean }) {
  const t = useT();
  const count = (s: string) => stats.byStatus.find((b) => b.status === s)?.count ?? 0;
  const depts = stats.byDepartment.filter((d) => d.total > 0).length;
  return (
    <Row gutter={[12, 12]} role="region" aria-label={t('home.overview')}>
      <Col xs={12} md={6}>
        <StatCard title={t('home.stat.total')} value={stats.total} />
      </Col>
      <Col xs={12} md={6}>
        <StatCard title={t('home.stat.published')} value={count('published')} to="/catalog" />
      </Col>
      <Col xs={12} md={6}>
        <StatCard title={t('home.stat.submitted')} value={count('submitted')} to={reviewer ? '/review' : undefined} />
      </Col>
      <Col xs={12} md={6}>
        <StatCard
          title={t('home.stat.departments')}
          value={depts}
          suffix={
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('home.stat.departmentsOf', { total: stats.byDepartment.length })}
            </Typography.Text>
          }
        />
      </Col>
    </Row>
  );
}

/** 工作台: the user's to-do, and the city's catalog in numbers and charts. */
export default function HomePage() {
  const t = useT();
  const { user } = useAuth();
  const navigate = useNavigate();
  const roles = user?.roles ?? [];
  const author = roles.some((r) => AUTHORS.includes(r));
  const reviewer = roles.includes('admin');
  const hasTodo = author || reviewer;
  const overdue = useOverdueMounts(hasTodo);
  const stats = useQuery({ queryKey: ['catalog', 'stats'], queryFn: () => unwrap(api.GET('/api/v1/catalog/stats')) });
  useQueryError(stats.error);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('menu.home')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('home.greeting', { name: user?.displayName ?? '' })} · {user?.departmentName}{' '}
            {roles.map((r) => (
              <Tag key={r} style={{ marginInlineStart: 4 }}>
                {t(`role.${r}`)}
              </Tag>
            ))}
          </Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<SearchOutlined />} onClick={() => navigate('/catalog')}>
            {t('menu.catalog')}
          </Button>
          {author && (
            <>
              <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/import')}>
                {t('menu.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/new')}>
                {t('menu.catalogNew')}
              </Button>
            </>
          )}
        </Space>
      </Flex>

      {stats.data ? <Overview stats={stats.data} reviewer={reviewer} /> : <Skeleton active paragraph={{ rows: 1 }} />}

      <Row gutter={[16, 16]}>
        {hasTodo && !!overdue.data?.total && (
          <Col span={24}>
            <OverdueTodo overdue={overdue} />
          </Col>
        )}
        {hasTodo && (
          <Col xs={24} lg={10}>
            <HomeTodo author={author} reviewer={reviewer} />
          </Col>
        )}
        <Col xs={24} lg={hasTodo ? 14 : 24}>
          <Card title={t('home.chart.department')} extra={<Typography.Text type="secondary">{t('home.chart.departmentTop', { n: 15 })}</Typography.Text>}>
            {stats.data ? <HomeDepartmentChart stats={stats.data} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.chart.classification')} extra={<Typography.Text type="secondary">{t('home.chart.publishedOnly')}</Typography.Text>}>
            {stats.data ? <HomeClassificationChart stats={stats.data} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t('home.chart.shareOpen')}
            extra={<Typography.Text type="secondary">{t('home.chart.publishedOnly')}</Typography.Text>}
            style={{ height: '100%' }}
          >
            {stats.data ? (
              <Row gutter={8}>
                <Col xs={24} sm={12}>
                  <HomeTypeChart stats={stats.data} kind="shareType" />
                </Col>
                <Col xs={24} sm={12}>
                  <HomeTypeChart stats={stats.data} kind="openType" />
                </Col>
              </Row>
            ) : (
              <Skeleton active />
            )}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '12px 0 0', textAlign: 'center' }}>
              {t('home.chart.clickHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
