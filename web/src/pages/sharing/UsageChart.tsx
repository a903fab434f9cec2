import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Segmented, Skeleton, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { formatTime } from '../../components/AdminFormat';
import { Chart, type ChartOption } from '../../components/Chart';
import { useT } from '../../i18n/i18n';
import type { Usage } from './types';
import { usageAria, usageSeries } from './view';

const PERIODS = [7, 30, 90] as const;
type Period = (typeof PERIODS)[number];

function UsageBars({ usage }: { usage: Usage }) {
  const t = useT();
  const s = useMemo(() => usageSeries(usage), [usage]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, textStyle: { fontSize: 12 } },
      legend: { top: 0, left: 'center', data: [t('sharing.usage.calls'), t('sharing.usage.rows')] },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.days, axisTick: { alignWithLabel: true }, axisLabel: { fontSize: 11 } },
      yAxis: [
        // The legend names the two axes: calls on the left, records on the right.
        { type: 'value', minInterval: 1 },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: t('sharing.usage.calls'), type: 'bar', barMaxWidth: 14, itemStyle: { color: '#1459b8' }, data: s.calls },
        { name: t('sharing.usage.rows'), type: 'bar', yAxisIndex: 1, barMaxWidth: 14, itemStyle: { color: '#91caff' }, data: s.rows },
      ],
    }),
    [s, t],
  );
  return <Chart option={option} ariaLabel={usageAria(usage, t)} height={260} />;
}

/**
 * 调用统计 of one resource: calls and records served per day, per consumer department. The
 * provider, the bureau and auditors see every consumer; a consumer sees its own calls.
 */
export function UsagePanel({ resourceId }: { resourceId: string }) {
  const t = useT();
  const [days, setDays] = useState<Period>(30);
  const usage = useQuery({
    queryKey: ['sharing', 'usage', resourceId, days],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/usage', { params: { query: { resourceId, days } } })),
    placeholderData: (prev) => prev,
  });
  const u = usage.data;
  return (
    <Card
      size="small"
      title={t('sharing.usage.title')}
      extra={
        <Segmented<Period>
          size="small"
          aria-label={t('sharing.usage.period')}
          value={days}
          onChange={setDays}
          options={PERIODS.map((d) => ({ value: d, label: t('sharing.usage.days', { n: d }) }))}
        />
      }
    >
      {usage.error ? (
        <Alert
          type="warning"
          showIcon
          title={usage.error instanceof ApiError && usage.error.status === 404 ? t('sharing.usage.hidden') : usage.error.message}
        />
      ) : !u ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t(u.scope === 'all' ? 'sharing.usage.scopeAll' : 'sharing.usage.scopeOwn', { from: u.from, to: u.to })}
          </Typography.Paragraph>
          <Row gutter={16} style={{ marginBottom: 8 }}>
            <Col xs={8}>
              <Statistic title={t('sharing.usage.calls')} value={u.totals.calls} />
            </Col>
            <Col xs={8}>
              <Statistic title={t('sharing.usage.rows')} value={u.totals.rows} />
            </Col>
            <Col xs={8}>
              <Statistic title={t('sharing.usage.consumers')} value={u.totals.consumers} />
            </Col>
          </Row>
          <UsageBars usage={u} />
          {u.byConsumer.length ? (
            <Table
              size="small"
              rowKey="departmentId"
              aria-label={t('sharing.usage.byConsumer')}
              dataSource={u.byConsumer}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('sharing.field.consumer'), dataIndex: 'departmentName' },
                { title: t('sharing.usage.calls'), dataIndex: 'calls', align: 'right', render: (n: number) => n.toLocaleString() },
                { title: t('sharing.usage.rows'), dataIndex: 'rows', align: 'right', render: (n: number) => n.toLocaleString() },
                { title: t('sharing.usage.lastAt'), dataIndex: 'lastAt', render: (v: string) => formatTime(v) },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sharing.usage.none')} />
          )}
        </>
      )}
    </Card>
  );
}
