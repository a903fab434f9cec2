import { Grid } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { paths } from '../api/schema';
import { useT } from '../i18n/i18n';
import { Chart, type ChartOption } from './Chart';
import { openTypeColors, shareTypeColors } from './SearchTags';

export type CatalogStats = paths['/api/v1/catalog/stats']['get']['responses'][200]['content']['application/json'];

const TOP_DEPARTMENTS = 15;
const CLASS_COLORS: Record<string, string> = { '1': '#1459b8', '2': '#13a8a8', '3': '#d48806' };
const SHADES = [0.95, 0.72, 0.55, 0.82, 0.64];

const tooltipBox = { confine: true, textStyle: { fontSize: 12 } };

/** Stacked bars: published and not yet published entries of the departments with the most entries. Click → their catalog. */
export function HomeDepartmentChart({ stats }: { stats: CatalogStats }) {
  const t = useT();
  const navigate = useNavigate();
  const rows = useMemo(
    () =>
      stats.byDepartment
        .filter((d) => d.total > 0)
        .slice(0, TOP_DEPARTMENTS)
        .reverse(),
    [stats],
  );
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, ...tooltipBox },
      legend: { top: 0, right: 0, data: [t('home.chart.published'), t('home.chart.unpublished')] },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((d) => d.name),
        axisLabel: { width: 150, overflow: 'truncate', fontSize: 12 },
        axisTick: { show: false },
      },
      series: [
        {
          name: t('home.chart.published'),
          type: 'bar',
          stack: 'n',
          barMaxWidth: 16,
          itemStyle: { color: '#1459b8' },
          data: rows.map((d) => d.published),
        },
        {
          name: t('home.chart.unpublished'),
          type: 'bar',
          stack: 'n',
          barMaxWidth: 16,
          itemStyle: { color: '#91caff' },
          label: { show: true, position: 'right', fontSize: 11, color: '#595959', formatter: (p) => String(rows[p.dataIndex]?.total ?? '') },
          data: rows.map((d) => d.total - d.published),
        },
      ],
    }),
    [rows, t],
  );
  const aria = t('home.chart.departmentAria', {
    list: [...rows]
      .reverse()
      .map((d) => `${d.name} ${d.total}`)
      .join('; '),
  });
  return (
    <Chart
      option={option}
      ariaLabel={aria}
      height={Math.max(260, rows.length * 24 + 50)}
      onClick={(e) => {
        const d = rows[e.dataIndex];
        if (d) navigate(`/catalog?provider=${d.departmentId}`);
      }}
    />
  );
}

/** Nested donut: the three 类 inside, their 项 outside, each 项 a shade of its 类. Click → that classification. */
export function HomeClassificationChart({ stats }: { stats: CatalogStats }) {
  const t = useT();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { top, sub } = useMemo(() => {
    const top = stats.byClassification.filter((c) => c.code.length === 1 && c.count > 0);
    // The outer ring shows the 项 of 基础 and 主题; 部门 has one 项 per department, too thin to read, so it stays whole.
    const sub = stats.byClassification
      .filter((c) => c.count > 0 && ((c.code.length === 3 && c.code[0] !== '3') || c.code === '3'))
      .map((c) => ({ ...c, whole: c.code.length === 1 }));
    return { top, sub };
  }, [stats]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}<br/>{c} ({d}%)', ...tooltipBox },
      legend: { top: 0, left: 'center', data: top.map((c) => c.name), itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
      series: [
        {
          name: t('home.chart.classification'),
          type: 'pie',
          center: ['50%', '55%'],
          radius: ['0%', '34%'],
          label: { position: 'inner', fontSize: 12, fontWeight: 'bold', color: '#fff', formatter: '{c}' },
          labelLine: { show: false },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          data: top.map((c) => ({ name: c.name, value: c.count, code: c.code, itemStyle: { color: CLASS_COLORS[c.code] ?? '#8c8c8c' } })),
        },
        {
          name: t('home.chart.classification'),
          type: 'pie',
          center: ['50%', '55%'],
          radius: ['42%', screens.md ? '62%' : '70%'],
          minShowLabelAngle: 7,
          label: { show: !!screens.sm, fontSize: 11, formatter: '{b} {c}' },
          labelLine: { length: 8, length2: 6 },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: sub.map((c, i) => ({
            name: c.name,
            value: c.count,
            code: c.code,
            label: c.whole ? { show: false } : undefined,
            labelLine: c.whole ? { show: false } : undefined,
            itemStyle: { color: CLASS_COLORS[c.code[0]] ?? '#8c8c8c', opacity: c.whole ? 0.6 : SHADES[i % SHADES.length] },
          })),
        },
      ],
    }),
    [top, sub, t, screens.md, screens.sm],
  );
  const aria = t('home.chart.classificationAria', { list: top.map((c) => `${c.name} ${c.count}`).join('; ') });
  return (
    <Chart
      option={option}
      ariaLabel={aria}
      height={340}
      onClick={(e) => {
        const code = (e.data as { code?: string } | undefined)?.code;
        if (code) navigate(`/catalog?classification=${code}`);
      }}
    />
  );
}

/** A donut of published entries by share type or by open type. Click → that filter. */
export function HomeTypeChart({ stats, kind }: { stats: CatalogStats; kind: 'shareType' | 'openType' }) {
  const t = useT();
  const navigate = useNavigate();
  const rows = kind === 'shareType' ? stats.byShareType : stats.byOpenType;
  const colors = kind === 'shareType' ? shareTypeColors : openTypeColors;
  const title = t(kind === 'shareType' ? 'home.chart.share' : 'home.chart.open');
  const option = useMemo<ChartOption>(
    () => ({
      title: { text: title, left: 'center', top: 0, textStyle: { fontSize: 13, fontWeight: 'normal', color: '#595959' } },
      tooltip: { trigger: 'item', formatter: '{b}<br/>{c} ({d}%)', ...tooltipBox },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
      series: [
        {
          name: title,
          type: 'pie',
          radius: ['40%', '70%'],
          center: ['50%', '50%'],
          minShowLabelAngle: 12,
          label: { position: 'inside', formatter: '{c}', fontSize: 12, color: '#fff', fontWeight: 'bold' },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          data: rows.map((r) => ({ name: t(`enum.${kind}.${r.value}`), value: r.count, code: r.value, itemStyle: { color: colors[r.value] } })),
        },
      ],
    }),
    [rows, colors, kind, title, t],
  );
  const aria = t(kind === 'shareType' ? 'home.chart.shareAria' : 'home.chart.openAria', {
    list: rows.map((r) => `${t(`enum.${kind}.${r.value}`)} ${r.count}`).join('; '),
  });
  return (
    <Chart
      option={option}
      ariaLabel={aria}
      height={260}
      onClick={(e) => {
        const code = (e.data as { code?: string } | undefined)?.code;
        if (code) navigate(`/catalog?${kind}=${code}`);
      }}
    />
  );
}
