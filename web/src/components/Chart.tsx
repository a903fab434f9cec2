import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TitleComponent,
  type TitleComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECElementEvent, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

// Only what the console draws: bars and pies on canvas, with tooltips and legends. Add a
// chart type here (and to ChartOption) when a page needs it. The canvas says nothing to a
// screen reader, so every chart carries its own aria-label (in the page's language; ECharts'
// generated aria text is Chinese-only and garbles stacked bars).
use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption
>;

export type ChartClick = Pick<ECElementEvent, 'seriesIndex' | 'seriesName' | 'dataIndex' | 'name' | 'value' | 'data'>;

type Props = {
  option: ChartOption;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  ariaLabel: string;
  height?: number | string;
  style?: CSSProperties;
  onClick?: (e: ChartClick) => void;
};

/** A small ECharts wrapper: one instance per div, options applied on change, resized with its box, disposed on unmount. */
export function Chart({ option, ariaLabel, height = 300, style, onClick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const c = init(div, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as ECElementEvent));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(div);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ width: '100%', height, ...style }} />;
}
