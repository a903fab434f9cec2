import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import type { IngestRun, ItemQuality, Quality } from '../../api/types';
import { formatTime } from '../../components/AdminFormat';
import { Chart, type ChartOption } from '../../components/Chart';
import { useT } from '../../i18n/i18n';
import { RunStatusTag, rejectsHref } from './shared';
import { formatBytes, pct } from './upload-view';

const scoreColor = (s: number) => (s >= 90 ? '#52c41a' : s >= 60 ? '#faad14' : '#ff4d4f');
const METRICS = ['completeness', 'validity', 'uniqueness'] as const;
const METRIC_COLORS = ['#1459b8', '#52c41a', '#13a8a8'];

/** Grouped bars: completeness, validity and uniqueness of each item, in percent. */
function QualityChart({ items }: { items: ItemQuality[] }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (v) => `${v}%` },
      legend: { top: 0, data: METRICS.map((m) => t(`gathering.quality.${m}`)) },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: items.map((i) => i.item), axisLabel: { interval: 0, rotate: items.length > 6 ? 30 : 0, fontSize: 12 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: METRICS.map((m, k) => ({
        name: t(`gathering.quality.${m}`),
        type: 'bar' as const,
        barMaxWidth: 18,
        itemStyle: { color: METRIC_COLORS[k] },
        data: items.map((i) => Math.round(i[m] * 1000) / 10),
      })),
    }),
    [items, t],
  );
  const aria = t('gathering.quality.chartAria', {
    list: items.map((i) => `${i.item} ${METRICS.map((m) => `${t(`gathering.quality.${m}`)} ${pct(i[m])}`).join(' ')}`).join('; '),
  });
  return <Chart option={option} ariaLabel={aria} height={280} />;
}

/** 质量报告: the score, the row counts, and per item completeness, validity and uniqueness. */
export function QualityReport({ quality }: { quality: Quality }) {
  const t = useT();
  const ratio = (x: number) => <span style={{ color: x < 0.9 ? '#cf1322' : undefined }}>{pct(x)}</span>;
  return (
    <Flex vertical gap={12} role="region" aria-label={t('gathering.quality.title')}>
      <Row gutter={[12, 12]} align="middle">
        <Col xs={24} sm={8} md={6} style={{ textAlign: 'center' }}>
          <Progress
            type="dashboard"
            percent={quality.score}
            strokeColor={scoreColor(quality.score)}
            format={(p) => (
              <span>
                <span style={{ fontSize: 28 }}>{p}</span>
                <br />
                <span style={{ fontSize: 12, color: '#8c8c8c' }}>{t('gathering.quality.score')}</span>
              </span>
            )}
            aria-label={t('gathering.quality.scoreAria', { score: quality.score })}
          />
        </Col>
        <Col xs={24} sm={16} md={18}>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Statistic title={t('gathering.run.rowsRead')} value={quality.rowsRead} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('gathering.run.rowsLoaded')} value={quality.rowsLoaded} valueStyle={{ color: '#389e0d' }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('gathering.run.rowsRejected')}
                value={quality.rowsRejected}
                valueStyle={{ color: quality.rowsRejected ? '#cf1322' : undefined }}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('gathering.quality.duplicateKeys')} value={quality.duplicateKeys} />
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
            {t('gathering.quality.scoreHelp')}
          </Typography.Paragraph>
        </Col>
      </Row>
      {quality.missingItems.length > 0 && (
        <Alert type="warning" showIcon title={t('gathering.quality.missingItems', { list: quality.missingItems.join(t('gathering.listSep')) })} />
      )}
      {quality.unmappedColumns.length > 0 && (
        <Alert type="info" showIcon title={t('gathering.quality.unmappedColumns', { list: quality.unmappedColumns.join(t('gathering.listSep')) })} />
      )}
      {quality.items.length > 0 && <QualityChart items={quality.items} />}
      <Table<ItemQuality>
        size="small"
        rowKey="item"
        aria-label={t('gathering.quality.itemsTable')}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={quality.items}
        columns={[
          { title: t('gathering.quality.item'), dataIndex: 'item', fixed: 'left' },
          { title: t('gathering.quality.filled'), dataIndex: 'filled', align: 'right' },
          { title: t('gathering.quality.valid'), dataIndex: 'valid', align: 'right' },
          {
            title: t('gathering.quality.invalid'),
            dataIndex: 'invalid',
            align: 'right',
            render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
          { title: t('gathering.quality.distinct'), dataIndex: 'distinct', align: 'right' },
          { title: t('gathering.quality.completeness'), dataIndex: 'completeness', align: 'right', render: ratio },
          { title: t('gathering.quality.validity'), dataIndex: 'validity', align: 'right', render: ratio },
          { title: t('gathering.quality.uniqueness'), dataIndex: 'uniqueness', align: 'right', render: (x: number) => pct(x) },
        ]}
      />
    </Flex>
  );
}

/** A finished (or running) run: its outcome in words, what it read, the quality report and the rejects. */
export function RunOutcome({ run, extra }: { run: IngestRun; extra?: ReactNode }) {
  const t = useT();
  const alertType = run.status === 'succeeded' ? 'success' : run.status === 'running' ? 'info' : run.status === 'cancelled' ? 'info' : 'error';
  const title =
    run.status === 'succeeded'
      ? t('gathering.outcome.succeeded', { version: run.version ?? '', loaded: run.rowsLoaded })
      : t(`gathering.outcome.${run.status}`);
  return (
    <Flex vertical gap={16}>
      <Alert
        type={run.status === 'rejected' ? 'warning' : alertType}
        showIcon
        title={
          <Space wrap>
            <RunStatusTag status={run.status} />
            <span>{title}</span>
          </Space>
        }
        description={run.error ?? undefined}
        action={
          run.hasRejects ? (
            <Button size="small" icon={<DownloadOutlined aria-hidden />} href={rejectsHref(run.id)} download>
              {t('gathering.run.rejects')}
            </Button>
          ) : undefined
        }
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'file', label: t('gathering.run.file'), children: run.filename ?? '—' },
          { key: 'mode', label: t('gathering.run.mode'), children: t(`gathering.mode.${run.mode}`) },
          {
            key: 'format',
            label: t('gathering.run.formatEncoding'),
            children: [run.format?.toUpperCase(), run.encoding?.toUpperCase()].filter(Boolean).join(' · ') || '—',
          },
          { key: 'size', label: t('gathering.run.size'), children: formatBytes(run.bytesTotal ?? run.bytesRead) || '—' },
          {
            key: 'rows',
            label: t('gathering.run.counts'),
            children: t('gathering.run.countsText', { read: run.rowsRead, loaded: run.rowsLoaded, rejected: run.rowsRejected }),
          },
          { key: 'version', label: t('gathering.run.version'), children: run.version ? <Tag>{t('gathering.versionN', { version: run.version })}</Tag> : '—' },
          { key: 'started', label: t('gathering.run.startedAt'), children: `${formatTime(run.startedAt)}${run.startedBy ? ` · ${run.startedBy}` : ''}` },
          { key: 'finished', label: t('gathering.run.finishedAt'), children: formatTime(run.finishedAt) || '—' },
        ]}
      />
      {extra}
      {run.quality ? (
        <Card size="small" title={t('gathering.quality.title')}>
          <QualityReport quality={run.quality} />
        </Card>
      ) : (
        run.status !== 'running' && <Typography.Text type="secondary">{t('gathering.quality.none')}</Typography.Text>
      )}
    </Flex>
  );
}
